"""Field types shared by the listing and cluster schemas."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from . import vocabularies


class BilingualSchema(Schema):
    """Text in Korean and English; at least one of the two."""

    ko = fields.String(validate=validate.Length(min=1, max=20000))
    en = fields.String(validate=validate.Length(min=1, max=20000))

    @validates_schema
    def _one_language(self, data, **kwargs):
        if not data.get("ko") and not data.get("en"):
            raise ValidationError("Give the text in Korean (ko), English (en) or both.", "_schema")


def Bilingual(**kwargs) -> fields.Nested:
    """A {ko, en} text field."""
    return fields.Nested(BilingualSchema, **kwargs)


class VocabCode(fields.String):
    """A code from one of the vocabularies in schemas/vocab."""

    def __init__(self, vocabulary: str, **kwargs):
        self.vocabulary = vocabulary
        super().__init__(**kwargs)

    @property
    def allowed(self) -> tuple[str, ...]:
        return vocabularies.get(self.vocabulary).codes

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs)
        if code not in vocabularies.get(self.vocabulary).by_code:
            raise ValidationError(
                f"Unknown {self.vocabulary} code {code!r}. Allowed: {', '.join(self.allowed)}."
            )
        return code
