"""The override form of one listing field, typed from the listing schema: text in Korean and
English, vocabulary pickers, numbers, dates, lists of words. Turns the form's inputs back into the
field's value and its problems into messages by the input."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field
from datetime import date

from marshmallow import fields, validate

from schemas.fields import BilingualSchema, VocabCode
from schemas.listing import SCHEMAS

from ..catalog import paths
from ..errors import Invalid
from ..messages import N_

BIG_TEXT = {"summary", "description", "deliverables", "sample_requirements", "note"}
LABELS = {  # what a curator reads instead of the dotted path (translated on the page)
    "center": N_("Center"), "title": N_("Listing title"), "summary": N_("Summary"),
    "description": N_("Description"), "categories": N_("Categories"), "keywords": N_("Keywords"),
    "region": N_("Region"), "certifications": N_("Certifications"), "fee.model": N_("Fee model"),
    "fee.min_krw": N_("Lowest fee (KRW)"), "fee.max_krw": N_("Highest fee (KRW)"),
    "fee.note": N_("Fee note"), "booking.mode": N_("Booking"),
    "booking.lead_time_days": N_("Booking lead time (days)"),
    "contact.organization": N_("Contact organisation"), "contact.phone": N_("Contact phone"),
    "contact.email": N_("Contact e-mail"), "contact.url": N_("Contact web page"), "url": N_("Web page"),
    "source_updated_at": N_("Updated at the source"), "status": N_("Status"),
    "related": N_("Related listings (ids)"), "manufacturer": N_("Manufacturer"), "model": N_("Model"),
    "year_acquired": N_("Year acquired"), "nfec_no": N_("NFEC number"),
    "equipment_class": N_("Equipment class"), "sharing_scope": N_("Sharing scope"),
    "location": N_("Location"), "service_type": N_("Service type"),
    "regulatory_grade": N_("Regulatory grade"), "turnaround_days": N_("Turnaround (days)"),
    "deliverables": N_("Deliverables"), "sample_requirements": N_("Sample requirements"),
    "name": N_("Name"), "position": N_("Position"), "techniques": N_("Techniques"),
    "languages": N_("Languages"),
}


@dataclass(frozen=True)
class FieldForm:
    """One overridable field: its dotted path and how to ask for its value."""

    path: str
    input: str                     # text, textarea, bilingual, choice, choices, number, date, words, url, email
    vocabulary: str | None = None  # for choice and choices
    minimum: int | None = None     # for number
    maximum: int | None = None
    required: bool = False
    options: tuple = dc_field(default=())  # vocabulary codes

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[-1]

    @property
    def label(self) -> str:
        """The field's name for people (an untranslated N_ text; the page translates it)."""
        return LABELS.get(self.path, self.path)

    @property
    def long(self) -> bool:
        return self.name in BIG_TEXT


def _range(f: fields.Field) -> tuple[int | None, int | None]:
    for v in f.validators:
        if isinstance(v, validate.Range):
            return v.min, v.max
    return None, None


def _form(path: str, f: fields.Field) -> FieldForm | None:
    name = path.rsplit(".", 1)[-1]
    if isinstance(f, fields.Nested) and f.nested is BilingualSchema:
        return FieldForm(path, "bilingual", required=f.required)
    if isinstance(f, VocabCode):
        return FieldForm(path, "choice", f.vocabulary, required=f.required, options=f.allowed)
    if isinstance(f, fields.List):
        inner = f.inner
        if isinstance(inner, VocabCode):
            return FieldForm(path, "choices", inner.vocabulary, required=f.required, options=inner.allowed)
        if type(inner) is fields.String:
            return FieldForm(path, "words", required=f.required)
        return None  # lists of objects (an expert's expertise, related ids): left to the source
    if isinstance(f, fields.Integer):
        low, high = _range(f)
        return FieldForm(path, "number", minimum=low, maximum=high, required=f.required)
    if isinstance(f, fields.Date):
        return FieldForm(path, "date", required=f.required)
    if isinstance(f, fields.Url):
        return FieldForm(path, "url", required=f.required)
    if isinstance(f, fields.Email):
        return FieldForm(path, "email", required=f.required)
    if isinstance(f, fields.String):
        return FieldForm(path, "textarea" if name in BIG_TEXT else "text", required=f.required)
    return None


def forms_for(kind: str) -> list[FieldForm]:
    """Every field of a kind a curator may override, nested objects spelled out, in schema order."""
    out: list[FieldForm] = []

    def walk(schema, prefix: str):
        for name, f in schema._declared_fields.items():
            path = f"{prefix}{name}"
            if path.split(".")[0] in paths.LOCKED:
                continue
            if isinstance(f, fields.Nested) and f.nested is not BilingualSchema:
                walk(f.schema, f"{path}.")
                continue
            form = _form(path, f)
            if form:
                out.append(form)

    walk(SCHEMAS[kind](), "")
    return out


def form_for(kind: str, path: str) -> FieldForm:
    found = next((f for f in forms_for(kind) if f.path == path), None)
    if found is None:
        raise Invalid(N_("The field %(field)s cannot be overridden from this form."),
                      [{"path": "field", "message": N_("not an overridable field")}], field=repr(path))
    return found


def _problem(message: str, key: str = "value", **params) -> Invalid:
    return Invalid(message, [{"path": key, "message": message, "params": params}], **params)


def value_of(form: FieldForm, data) -> object:
    """The field's value from the submitted inputs (data: a mapping with getlist), None when empty."""
    get = lambda k: (data.get(k) or "").strip()  # noqa: E731
    if form.input == "bilingual":
        value = {lang: get(f"value_{lang}") for lang in ("ko", "en") if get(f"value_{lang}")}
        return value or None
    if form.input == "choices":
        picked = [c for c in data.getlist("value") if c]
        unknown = [c for c in picked if c not in form.options]
        if unknown:
            raise _problem(N_("Unknown code %(code)s: pick from the list."), code=repr(unknown[0]))
        return picked or None
    raw = get("value")
    if raw == "":
        return None
    if form.input == "choice" and raw not in form.options:
        raise _problem(N_("Unknown code %(code)s: pick from the list."), code=repr(raw))
    if form.input == "number":
        try:
            number = int(raw.replace(",", ""))
        except ValueError:
            raise _problem(N_("Write a whole number, e.g. 120000.")) from None
        if form.minimum is not None and number < form.minimum:
            raise _problem(N_("At least %(n)s."), n=form.minimum)
        if form.maximum is not None and number > form.maximum:
            raise _problem(N_("At most %(n)s."), n=form.maximum)
        return number
    if form.input == "date":
        try:
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            raise _problem(N_("Write a date as YYYY-MM-DD.")) from None
    if form.input == "words":
        return [w.strip() for w in raw.replace("\n", ",").split(",") if w.strip()] or None
    return raw


def inputs_of(form: FieldForm, value) -> dict:
    """The inputs' values that show value in the form (the reverse of value_of)."""
    if form.input == "bilingual":
        value = value if isinstance(value, dict) else {}
        return {"value_ko": value.get("ko", ""), "value_en": value.get("en", "")}
    if form.input == "choices":
        return {"value": list(value or [])}
    if form.input == "words":
        return {"value": ", ".join(value or [])}
    return {"value": "" if value is None else str(value)}


def by_input(form: FieldForm, problems: list[dict]) -> dict[str, str]:
    """Schema problems ({path, message}) keyed by the form's input they are about."""
    out: dict[str, str] = {}
    for p in problems:
        where = p.get("path") or ""
        if where == "reason":
            out["reason"] = p["message"]
        elif form.input == "bilingual" and where.startswith(form.path + "."):
            out["value_" + where.rsplit(".", 1)[-1]] = p["message"]
        elif form.input == "bilingual" and where in (form.path, "value"):
            out["value_ko"] = p["message"]
        else:
            out.setdefault("value", p["message"])
    return out

