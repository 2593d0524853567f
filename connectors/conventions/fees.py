"""Fees as clusters write them: 1,200,000원, 120만원, 1.5억원, 50만원~120만원, 별도 협의, 무료."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

FREE_WORDS = ("무료", "무상", "없음", "free", "free of charge", "no charge")
QUOTE_WORDS = ("협의", "견적", "문의", "상담", "추후", "별도 산정", "on request", "negotiable",
               "quote", "on quotation", "contact us")
# Per-unit qualifiers kept as the fee's note: equipment is usually charged per hour or per day.
UNITS = {
    "시간당": "시간당", "1시간당": "시간당", "/시간": "시간당", "/hr": "시간당", "/h": "시간당",
    "per hour": "시간당", "일당": "1일 기준", "1일": "1일 기준", "/일": "1일 기준", "per day": "1일 기준",
    "건당": "건당", "1건당": "건당", "/건": "건당", "per test": "건당", "회당": "회당", "1회": "회당",
    "/회": "회당", "시료당": "시료당", "샘플당": "시료당", "/시료": "시료당", "/샘플": "시료당",
    "per sample": "시료당", "검체당": "검체당", "두당": "두당", "/두": "두당", "마리당": "두당",
    "per animal": "두당", "월": "월 기준", "/월": "월 기준", "lot당": "lot당", "/lot": "lot당",
    "배치당": "배치당", "/배치": "배치당", "/batch": "배치당", "per batch": "배치당",
}
_MULTIPLIERS = {"억": 100_000_000, "천만": 10_000_000, "백만": 1_000_000, "만": 10_000,
                "천": 1_000, "원": 1, "krw": 1, "": 1}
_PART = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(억|천만|백만|만|천|원|krw)?", re.IGNORECASE)
_TAX = re.compile(r"\(?\s*(VAT|부가세|부가가치세)\s*(별도|포함)\s*\)?", re.IGNORECASE)
_RANGE = re.compile(r"\s*[~～〜]\s*")
_OPEN_MIN = re.compile(r"(이상|부터|~|～)$")
_NUMBER_ONLY = re.compile(r"[\d,]+(\.\d+)?")

EXAMPLES = "'1,200,000원', '120만원', '1.5억원', '50만원~120만원', '시간당 5만원', '별도 협의' or '무료'"


class Fee(NamedTuple):
    """A parsed fee: model code of schemas/vocab/fee_models.json, KRW range and a note."""

    model: str
    min_krw: int | None = None
    max_krw: int | None = None
    note: str | None = None

    def as_document(self) -> dict:
        """The shared schema's fee object."""
        doc: dict = {"model": self.model}
        if self.min_krw is not None:
            doc["min_krw"] = self.min_krw
        if self.max_krw is not None:
            doc["max_krw"] = self.max_krw
        if self.note:
            doc["note"] = {"ko": self.note}
        return doc


def parse_fee(value, *, scale: int = 1) -> Fee:
    """A fee in any of the clusters' styles; bare numbers are multiplied by scale (e.g. 천원 columns)."""
    if isinstance(value, bool):
        raise ValueError(f"fee {value!r} not understood; expected e.g. {EXAMPLES}")
    if isinstance(value, (int, float)):
        amount = _amount_of_number(Decimal(str(value)) * scale, str(value))
        return Fee("free") if amount == 0 else Fee("fixed", amount, amount)
    text = " ".join(str(value).split())
    lowered = text.lower()
    if not text:
        raise ValueError("fee is empty")
    if any(lowered == w or lowered.startswith(w) for w in FREE_WORDS):
        return Fee("free", note=None if lowered in FREE_WORDS else text)
    notes: list[str] = []
    body = _TAX.sub(lambda m: notes.append(f"{m.group(1)} {m.group(2)}") or "", text).strip()
    body, unit = _strip_unit(body)
    if unit:
        notes.insert(0, unit)
    if not re.search(r"\d", body) and any(w in lowered for w in QUOTE_WORDS):
        return Fee("quote", note=text)
    try:
        low, high = _range(body, scale)
    except ValueError:
        raise ValueError(f"fee {text!r} not understood; expected e.g. {EXAMPLES}") from None
    note = ", ".join(notes) or None
    if high == 0:
        return Fee("free", note=note)
    return Fee("fixed", low, high, note)


def fee_document(value, *, scale: int = 1) -> dict:
    """parse_fee as the shared schema's fee object."""
    return parse_fee(value, scale=scale).as_document()


# Unit words of exports that give the fee's unit in its own column (요금기준, feeUnitNm ...).
UNIT_WORDS = {"시간": "시간당", "일": "1일 기준", "건": "건당", "회": "회당", "월": "월 기준",
              "배치": "배치당", "시료": "시료당"}


def fee_from_columns(amount=None, max_amount=None, unit=None, remark=None) -> dict:
    """A fee spread over columns: amount, maximum, unit word (시간, 일 ...) and remark (별도 협의)."""
    # The remark only counts when there is no amount: '별도 협의' stands in for a price.
    if amount is None or str(amount).strip() == "":
        if remark is None or not str(remark).strip():
            raise ValueError("the fee has neither an amount nor a remark such as '별도 협의'")
        return parse_fee(remark).as_document()
    fee = parse_fee(amount)
    if fee.model != "fixed":
        return fee.as_document()
    high = parse_fee(max_amount).max_krw if max_amount not in (None, "") else fee.max_krw
    note = fee.note
    if unit not in (None, ""):
        word = " ".join(str(unit).split())
        if word not in UNIT_WORDS:
            raise ValueError(f"fee unit {word!r} not understood; expected one of {', '.join(UNIT_WORDS)}")
        note = UNIT_WORDS[word]
    if high is not None and high < fee.min_krw:
        raise ValueError(f"the maximum fee {max_amount!r} is below the fee {amount!r}")
    return Fee("fixed", fee.min_krw, high, note).as_document()


# Longest first, so "1시간당" wins over "시간당"; the leading-word patterns compiled once (this
# runs for every fee of every record: sorting and compiling per call was a CSV sync hot spot).
_UNIT_ORDER = tuple((word, re.compile(re.escape(word) + r"(\s|\d)"))
                    for word in sorted(UNITS, key=len, reverse=True))


def _strip_unit(body: str) -> tuple[str, str | None]:
    lowered = body.lower()
    for word, leading in _UNIT_ORDER:
        if word.startswith(("/", "per ")):
            if lowered.endswith(word):
                return body[: len(body) - len(word)].strip(), UNITS[word]
        elif leading.match(lowered):
            return body[len(word):].strip(), UNITS[word]
        elif lowered.endswith(f"({word})"):
            return body[: len(body) - len(word) - 2].strip(), UNITS[word]
    return body, None


def _range(body: str, scale: int) -> tuple[int, int | None]:
    open_min = _OPEN_MIN.search(body)
    if open_min:
        return _amount(body[: open_min.start()].strip(), scale), None
    parts = _RANGE.split(body)
    if len(parts) == 1:
        amount = _amount(body, scale)
        return amount, amount
    if len(parts) != 2:
        raise ValueError(body)
    left, right = parts
    if _NUMBER_ONLY.fullmatch(left.strip()):
        # "50~120만원": the left number takes the right side's unit.
        unit = re.search(r"(억|천만|백만|만|천)\s*원?\s*$", right)
        if unit:
            left = f"{left}{unit.group(1)}원"
    low, high = _amount(left, scale), _amount(right, scale)
    if low > high:
        raise ValueError(body)
    return low, high


def _amount(text: str, scale: int) -> int:
    text = re.sub(r"^(krw|₩|\\)\s*", "", text.strip(), flags=re.IGNORECASE).strip()
    if not text:
        raise ValueError(text)
    if _NUMBER_ONLY.fullmatch(text):
        return _amount_of_number(Decimal(text.replace(",", "")) * scale, text)
    total = Decimal(0)
    position = 0
    for match in _PART.finditer(text):
        if text[position:match.start()].strip():
            raise ValueError(text)
        try:
            number = Decimal(match.group(1).replace(",", ""))
        except InvalidOperation:
            raise ValueError(text) from None
        unit = (match.group(2) or "").lower()
        total += number * _MULTIPLIERS[unit]
        position = match.end()
    rest = text[position:].strip()
    if position == 0 or rest not in ("", "원"):
        raise ValueError(text)
    return _amount_of_number(total, text)


def _amount_of_number(amount: Decimal, text: str) -> int:
    if amount < 0 or amount != amount.to_integral_value():
        raise ValueError(f"fee amount {text!r} is not a whole number of won")
    return int(amount)
