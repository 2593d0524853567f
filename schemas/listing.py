"""marshmallow schemas of the shared listing document: service, equipment and expert."""
from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .fields import Bilingual, VocabCode

SOURCE_ID = validate.Regexp(
    r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,119}$",
    error="Use 1-120 letters, digits, '.', '_' or '-' (no spaces or colons).",
)
CLUSTER_CODE = validate.Regexp(
    r"^[a-z][a-z0-9_]{1,39}$", error="Use a lower-case cluster code such as 'kmedihub'."
)
GLOBAL_ID = validate.Regexp(
    r"^[a-z][a-z0-9_]{1,39}:(service|equipment|expert):[A-Za-z0-9][A-Za-z0-9._\-]{0,119}$",
    error="Use a global listing id such as 'kmedihub:equipment:EQ-0001'.",
)
NFEC_NO = validate.Regexp(
    r"^NFEC-\d{4}-\d{2}-\d{6}$", error="Use the ZEUS number format NFEC-YYYY-MM-NNNNNN."
)
SHORT = validate.Length(min=1, max=200)


class FeeSchema(Schema):
    model = VocabCode("fee_models", required=True)
    min_krw = fields.Integer(strict=True, validate=validate.Range(min=0))
    max_krw = fields.Integer(strict=True, validate=validate.Range(min=0))
    note = Bilingual()
    # A tariff the platform can bill a reservation by (reservations/fees.py): unit_krw per unit,
    # never less than minimum_krw per reservation.
    unit = VocabCode("fee_units")
    unit_krw = fields.Integer(strict=True, validate=validate.Range(min=0))
    minimum_krw = fields.Integer(strict=True, validate=validate.Range(min=0))

    @validates_schema
    def _range(self, data, **kwargs):
        low, high = data.get("min_krw"), data.get("max_krw")
        if low is not None and high is not None and low > high:
            raise ValidationError("min_krw is larger than max_krw.", "max_krw")


class BookingSchema(Schema):
    mode = VocabCode("booking_modes", required=True)
    lead_time_days = fields.Integer(strict=True, validate=validate.Range(min=0, max=365))
    # The instrument's iCalendar feed in the cluster's own booking system: busy times block it here.
    calendar_url = fields.Url(schemes={"http", "https"})


class ContactSchema(Schema):
    """The organisation's contact: never a person's private data."""

    organization = Bilingual()
    phone = fields.String(validate=validate.Regexp(r"^[0-9+()\- ]{4,30}$",
                                                   error="Use digits, spaces, '+', '-' or parentheses."))
    email = fields.Email()
    url = fields.Url()


class ListingBase(Schema):
    """Fields common to every kind."""

    KIND = ""

    source_id = fields.String(required=True, validate=SOURCE_ID)
    cluster = fields.String(required=True, validate=CLUSTER_CODE)
    center = Bilingual()
    title = Bilingual(required=True)
    summary = Bilingual()
    description = Bilingual()
    categories = fields.List(VocabCode("categories"), required=True,
                             validate=validate.Length(min=1, max=10))
    keywords = fields.List(fields.String(validate=validate.Length(min=1, max=100)),
                           validate=validate.Length(max=50))
    region = VocabCode("regions", required=True)
    certifications = fields.List(VocabCode("certifications"))
    fee = fields.Nested(FeeSchema)
    booking = fields.Nested(BookingSchema)
    contact = fields.Nested(ContactSchema)
    url = fields.Url()
    source_updated_at = fields.Date()
    status = VocabCode("statuses", load_default="active")
    related = fields.List(fields.String(validate=GLOBAL_ID), validate=validate.Length(max=200))


def _kind_field(kind: str) -> fields.String:
    return fields.String(required=True, validate=validate.OneOf([kind]))


class EquipmentSchema(ListingBase):
    KIND = "equipment"
    kind = _kind_field("equipment")
    manufacturer = fields.String(validate=SHORT)
    model = fields.String(validate=SHORT)
    year_acquired = fields.Integer(strict=True, validate=validate.Range(min=1950, max=2100))
    nfec_no = fields.String(validate=NFEC_NO)
    equipment_class = VocabCode("equipment_classes")
    sharing_scope = VocabCode("sharing_scopes")
    location = Bilingual()


class ServiceSchema(ListingBase):
    KIND = "service"
    kind = _kind_field("service")
    service_type = VocabCode("service_types", required=True)
    regulatory_grade = VocabCode("regulatory_grades")
    turnaround_days = fields.Integer(strict=True, validate=validate.Range(min=0, max=1000))
    deliverables = Bilingual()
    sample_requirements = Bilingual()


class ExpertSchema(ListingBase):
    KIND = "expert"
    kind = _kind_field("expert")
    name = Bilingual(required=True)
    position = Bilingual()
    expertise = fields.List(Bilingual(), validate=validate.Length(max=30))
    techniques = fields.List(fields.String(validate=SHORT), validate=validate.Length(max=50))
    languages = fields.List(VocabCode("languages"))


SCHEMAS: dict[str, type[ListingBase]] = {
    s.KIND: s for s in (ServiceSchema, EquipmentSchema, ExpertSchema)
}
KINDS = tuple(SCHEMAS)


def global_id(cluster: str, kind: str, source_id: str) -> str:
    """The stable id of a listing: {cluster}:{kind}:{source_id}."""
    return f"{cluster}:{kind}:{source_id}"
