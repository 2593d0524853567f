"""How a cluster writes a value: date, fee and yes/no styles, its own words, and native ids."""
# Each function returns a cell: a callable (record, ctx) -> native value. Where the record carries
# a deliberate flaw for the field, the cell writes the flawed form instead, in the same style.
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from ...conventions.fees import Fee

Cell = Callable[[Any, Any], Any]

DATE_STYLES: dict[str, Callable[[int, int, int], Any]] = {
    "dotted": lambda y, m, d: f"{y}.{m:02d}.{d:02d}",
    "dotted_short": lambda y, m, d: f"{y}.{m}.{d}",
    "dotted_spaced": lambda y, m, d: f"{y}. {m}. {d}.",
    "compact": lambda y, m, d: f"{y}{m:02d}{d:02d}",
    "iso": lambda y, m, d: f"{y}-{m:02d}-{d:02d}",
    "slash": lambda y, m, d: f"{y}/{m}/{d}",
    "korean": lambda y, m, d: f"{y}년 {m}월 {d}일",
    "korean_padded": lambda y, m, d: f"{y}년 {m:02d}월 {d:02d}일",
    "timestamp": lambda y, m, d: f"{y}-{m:02d}-{d:02d}T09:00:00+09:00",
    "excel": lambda y, m, d: datetime(y, m, d),
}
FLAGS = {"YN": ("Y", "N"), "OX": ("O", "X"), "예": ("예", "아니오"), "가능": ("가능", "불가"),
         "가능능": ("가능", "불가능"), "bool": (True, False), "허용": ("허용", "불허"),
         "zeus": ("공동활용허용가능", "단독활용만 가능")}
# What a flawed yes/no cell says instead: an answer the cluster's own convention does not have.
FLAWED_FLAGS = {"bad_flag": "확인중", "bad_scope": "공동활용불가"}
SUFFIXES = {"시간당": "/시간", "1일": "/일", "건당": "/건", "회당": "/회", "월": "/월", "배치당": "/배치"}


def get(record, path: str) -> Any:
    """An attribute, dotted for parts: 'title.0' is the Korean title, 'centre.ko' the centre."""
    current = record
    for part in path.split("."):
        if current is None:
            return None
        current = current[int(part)] if part.isdigit() else getattr(current, part)
    return current


def value(path: str) -> Cell:
    """An attribute as it is; a 'missing_title' flaw leaves the title empty."""
    def cell(record, ctx):
        if path.split(".")[0] in ("title", "name") and "title" in record.flaws:
            return None
        return get(record, path)
    return cell


def either(path: str, yes: Any, no: Any) -> Cell:
    """A true/false attribute written as one of two words (e.g. status 운영 / 유휴)."""
    return lambda record, ctx: yes if get(record, path) else no


def const(text: Any) -> Cell:
    return lambda record, ctx: text


def on_date(path: str, style: str) -> Cell:
    """A date attribute in one of DATE_STYLES; a 'bad_date' flaw writes 30 February."""
    render = DATE_STYLES[style]

    def cell(record, ctx):
        day: date = get(record, path)
        if record.flaws.get(path) == "bad_date":
            return DATE_STYLES["dotted" if style == "excel" else style](day.year, 2, 30) \
                if style != "timestamp" else f"{day.year}-02-30T09:00:00+09:00"
        return render(day.year, day.month, day.day)
    return cell


def year_of(path: str) -> Cell:
    return lambda record, ctx: get(record, path).year


def flag(path: str, style: str) -> Cell:
    """A yes/no attribute; a 'bad_flag' or 'bad_scope' flaw writes an answer nobody planned for."""
    yes, no = FLAGS[style]

    def cell(record, ctx):
        if record.flaws.get(path) in FLAWED_FLAGS:
            return FLAWED_FLAGS[record.flaws[path]]
        return yes if get(record, path) else no
    return cell


def words(path: str, mapping: Mapping[str, str], sep: str | None = ", ",
          unknown: str = "융합기타") -> Cell:
    """Vocabulary codes in the cluster's own words, joined with sep (None: a JSON list)."""
    def cell(record, ctx):
        codes = get(record, path)
        if isinstance(codes, str) or codes is None:
            codes = [codes] if codes else []
        out = [mapping[c] for c in codes]
        if record.flaws.get(path) == "unknown_category":
            out = [unknown]
        out = list(dict.fromkeys(out))
        return out if sep is None else sep.join(out)
    return cell


def word(path: str, mapping: Mapping[Any, Any]) -> Cell:
    """One code in the cluster's own word; codes missing from mapping (e.g. None) give None."""
    return lambda record, ctx: mapping.get(get(record, path))


def refs(kind: str, path: str, sep: str | None = ";") -> Cell:
    """Linked records as native ids of kind, joined with sep (None: a JSON list)."""
    def cell(record, ctx):
        ids = [ctx.native_id(kind, seq) for seq in get(record, path)]
        return ids if sep is None else sep.join(str(i) for i in ids)
    return cell


def joined(path: str, sep: str = ", ", part: int | None = None) -> Cell:
    """A list attribute as text; part picks one language of (ko, en) pairs."""
    def cell(record, ctx):
        items = get(record, path)
        if part is not None:
            items = [item[part] for item in items]
        return sep.join(items)
    return cell


def fee(style: str, *, quote: str = "별도 협의", free: str = "무료", unit: str = "prefix") -> Cell:
    """The fee as text in style 'won' (1,200,000원) or 'manwon' (120만원)."""
    # unit: 'prefix' (시간당 5만원), 'suffix' (50,000원/시간) or 'none' (the unit has its own column).
    def cell(record, ctx):
        price: Fee = record.fee
        if record.flaws.get("fee") == "bad_fee":
            return "USD 1,200"
        if price.model == "quote":
            return quote
        if price.model == "free":
            return free
        amount = _won if style == "won" else _manwon
        text = amount(price.min_krw)
        if price.max_krw != price.min_krw:
            text = f"{text}~{amount(price.max_krw)}"
        if price.note and unit == "prefix":
            return f"{price.note} {text}"
        if price.note and unit == "suffix":
            return f"{text}{SUFFIXES[price.note]}"
        return text
    return cell


def fee_amount(which: str = "min") -> Cell:
    """The fee as a number (min or max); None when quoted; 0 when free."""
    def cell(record, ctx):
        price: Fee = record.fee
        if price.model == "free":
            return 0
        return price.min_krw if which == "min" else price.max_krw
    return cell


def fee_unit(mapping: Mapping[str | None, str | None]) -> Cell:
    return lambda record, ctx: mapping.get(record.fee.note) if record.fee.model == "fixed" else None


def fee_model(mapping: Mapping[str, str]) -> Cell:
    return lambda record, ctx: mapping[record.fee.model]


def nfec(path: str = "nfec") -> Cell:
    """The ZEUS number; a 'bad_nfec' flaw drops a hyphen, as hand-typed numbers do."""
    def cell(record, ctx):
        number = get(record, path)
        if number and record.flaws.get(path) == "bad_nfec":
            year, month, serial = number.split("-")[1:]
            return f"NFEC-{year}{month}-{serial}"
        return number
    return cell


def _won(amount: int) -> str:
    return f"{amount:,}원"


def _manwon(amount: int) -> str:
    if amount >= 100_000_000 and amount % 10_000_000 == 0:
        eok = amount / 100_000_000
        return f"{eok:g}억원"
    if amount % 10_000 == 0:
        return f"{amount // 10_000:,}만원"
    return _won(amount)
