"""Curation forms for people: hide and feature say why and are confirmed; each field has a form
of its type with messages by the input; the thesaurus page lists every concept in use."""
from sqlmodel import select

from clusterhub import db
from clusterhub.catalog.models import ListingFlags
from clusterhub.curation import field_forms
from clusterhub.curation.models import AuditEntry
from tests.clusterhub.curation.conftest import LISTING, post, search_ids


def hidden(app) -> bool:
    with app.app_context(), db.session() as s:
        f = s.get(ListingFlags, LISTING)
        return bool(f and f.hidden)


def test_hiding_without_a_reason_or_confirmation_is_refused_by_the_field(curated, curator):
    r = post(curator, f"/curation/listings/{LISTING}/flag", action="hide", confirm="1")
    assert r.status_code == 422 and 'id="hide-reason-error"' in r.get_data(as_text=True)
    r = post(curator, f"/curation/listings/{LISTING}/flag", action="hide", reason="폐기된 장비")
    assert r.status_code == 422 and "확인" in r.get_data(as_text=True)
    assert not hidden(curated) and LISTING in search_ids(curator, "질량분석기")
    r = post(curator, f"/curation/listings/{LISTING}/flag", action="hide", reason="폐기된 장비", confirm="1")
    assert r.status_code == 303 and hidden(curated)
    with curated.app_context(), db.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "listing.hide")).one()
    assert entry.reason == "폐기된 장비"
    # unhiding needs no reason: it only undoes
    assert post(curator, f"/curation/listings/{LISTING}/flag", action="unhide").status_code == 303


def test_featuring_needs_a_reason_too(curator):
    r = post(curator, f"/curation/listings/{LISTING}/flag", action="feature", reason=" ", confirm="1")
    assert r.status_code == 422 and 'id="feature-reason-error"' in r.get_data(as_text=True)


def test_the_equipment_form_types_every_field():
    forms = {f.path: f for f in field_forms.forms_for("equipment")}
    assert forms["title"].input == "bilingual" and forms["summary"].long
    assert forms["region"].input == "choice" and "daegu" in forms["region"].options
    assert forms["categories"].input == "choices"
    assert (forms["year_acquired"].input, forms["year_acquired"].minimum) == ("number", 1950)
    assert forms["source_updated_at"].input == "date" and forms["fee.min_krw"].input == "number"
    assert not {"kind", "cluster", "source_id"} & set(forms)


def test_a_bilingual_field_is_overridden_from_two_inputs(curator):
    page = curator.get(f"/curation/listings/{LISTING}/fields/title").get_data(as_text=True)
    assert 'name="value_ko"' in page and 'name="value_en"' in page and "삼중사중극자 질량분석기" in page
    r = post(curator, f"/curation/listings/{LISTING}/fields/title", value_ko="삼중사중극자 LC-MS/MS",
             value_en="Triple quad LC-MS/MS", reason="모델명 반영")
    assert r.status_code == 303 and "saved=title" in r.headers["Location"]
    api = curator.get(f"/api/v1/listings/{LISTING}").json
    assert api["title"] == {"ko": "삼중사중극자 LC-MS/MS", "en": "Triple quad LC-MS/MS"}


def test_numbers_and_dates_are_typed_and_their_problems_shown_by_the_input(curator):
    r = post(curator, f"/curation/listings/{LISTING}/fields/year_acquired", value="1900", reason="정정")
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and 'id="value-error"' in page and "1950" in page
    assert 'aria-invalid="true"' in page and 'value="1900"' in page  # what was typed stays
    r = post(curator, f"/curation/listings/{LISTING}/fields/year_acquired", value="2019", reason="")
    assert r.status_code == 422 and 'id="reason-error"' in r.get_data(as_text=True)
    assert post(curator, f"/curation/listings/{LISTING}/fields/year_acquired", value="2019",
                reason="자산대장 확인").status_code == 303
    assert curator.get(f"/api/v1/listings/{LISTING}").json["year_acquired"] == 2019
    r = post(curator, f"/curation/listings/{LISTING}/fields/source_updated_at", value="2024-13-01", reason="x")
    assert r.status_code == 422 and "YYYY-MM-DD" in r.get_data(as_text=True)


def test_a_vocabulary_picker_accepts_only_its_codes(curator):
    page = curator.get(f"/curation/listings/{LISTING}/fields/categories").get_data(as_text=True)
    assert 'type="checkbox" name="value"' in page
    r = post(curator, f"/curation/listings/{LISTING}/fields/categories", value="no_such_code", reason="x")
    assert r.status_code == 422
    r = curator.post(f"/curation/listings/{LISTING}/fields/categories",
                     data={"csrf_token": curator.token, "value": ["omics", "imaging"], "reason": "분야 정정"})
    assert r.status_code == 303
    assert curator.get(f"/api/v1/listings/{LISTING}").json["categories"] == ["omics", "imaging"]


def test_a_rule_of_the_schema_is_shown_by_its_input(curator):
    # the sample's fee runs 120,000–1,200,000 won: a lowest fee above the highest breaks the rule
    r = post(curator, f"/curation/listings/{LISTING}/fields/fee.min_krw", value="5,000,000", reason="x")
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and 'id="value-error"' in page and "min_krw is larger than max_krw" in page


def test_identity_fields_have_no_form(curator):
    assert curator.get(f"/curation/listings/{LISTING}/fields/cluster").status_code == 422


def test_the_thesaurus_lists_every_concept_in_use_with_its_source(curated, curator):
    from clusterhub.curation import thesaurus

    post(curator, "/curation/thesaurus", key="qqq_ms", ko="큐큐큐, 큐큐", en="", abbr="")
    post(curator, "/curation/thesaurus", key="mass_spectrometer", ko="질량분석기, 큐큐큐", en="mass spectrometer", abbr="")
    page = curator.get("/curation/thesaurus").get_data(as_text=True)
    rows = page.split("<tbody>")[1].count("<tr>")
    assert rows == len(thesaurus.shipped()) + 1  # every shipped concept and the curated one
    # one shipped concept is replaced by the curated mass_spectrometer, the rest show as shipped
    assert page.count('class="source-shipped"') == len(thesaurus.shipped()) - 1
    assert page.count('class="source-replaced"') == 1
    assert page.count('class="source-curated"') == 1
    found = curator.get("/curation/thesaurus", query_string={"q": "질량 분석기"}).get_data(as_text=True)
    assert "<code>mass_spectrometer</code>" in found and "<code>qqq_ms</code>" not in found
    assert found.split("<tbody>")[1].count("<tr>") < rows / 10  # the search narrows the list
