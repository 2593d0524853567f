"""The fee of one use from the listing's tariff (fee.unit, fee.unit_krw, fee.minimum_krw) and the
cluster's SME discount: the statement lines and their sum, in whole won. Pure."""
from __future__ import annotations

UNITS = ("hour", "sample", "day", "use")


def compute(fee: dict | None, *, hours: float = 0, samples: int = 0, days: int = 0, consumables_krw: int = 0,
            sme: bool = False, sme_discount_pct: int = 0, quote_krw: int | None = None) -> tuple[list[dict], int]:
    """Lines {code, qty, unit_krw, amount}: the use, a minimum top-up, the SME discount, consumables.

    free → nothing to pay for the use; quote → the accepted quote's amount (0 without one);
    fixed with a unit → unit_krw per hour, sample, day or use; fixed without one → min_krw once."""
    fee = fee or {}
    model, unit = fee.get("model"), fee.get("unit")
    lines: list[dict] = []
    if model == "free":
        lines.append({"code": "free", "qty": 1, "unit_krw": 0, "amount": 0})
    elif model == "quote" or (model == "fixed" and unit not in UNITS and fee.get("min_krw") is None):
        lines.append({"code": "quote", "qty": 1, "unit_krw": quote_krw or 0, "amount": quote_krw or 0})
    elif unit in UNITS:
        qty = {"hour": hours, "sample": samples, "day": days, "use": 1}[unit]
        rate = int(fee.get("unit_krw") or 0)
        lines.append({"code": unit, "qty": qty, "unit_krw": rate, "amount": round(rate * qty)})
    else:
        lines.append({"code": "use", "qty": 1, "unit_krw": int(fee["min_krw"]), "amount": int(fee["min_krw"])})
    base = sum(line["amount"] for line in lines)
    minimum = int(fee.get("minimum_krw") or 0)
    if model != "free" and base < minimum:
        lines.append({"code": "minimum", "qty": 1, "unit_krw": minimum - base, "amount": minimum - base})
        base = minimum
    if sme and sme_discount_pct and base:
        cut = round(base * sme_discount_pct / 100)
        lines.append({"code": "sme_discount", "qty": sme_discount_pct, "unit_krw": 0, "amount": -cut})
    if consumables_krw:
        lines.append({"code": "consumables", "qty": 1, "unit_krw": consumables_krw, "amount": consumables_krw})
    return lines, sum(line["amount"] for line in lines)
