"""A service or equipment page lists the experts who run it, saying which rule found each."""
import pytest

from tests.clusterhub.web.conftest import load_corpus
from tests.conftest import build_app
from clusterhub import db
from clusterhub.catalog import experts
from clusterhub.catalog.listings import published

CENTRE = {"ko": "바이오분석센터", "en": "Bioanalysis Center"}
OTHER_CENTRE = {"ko": "임상지원센터", "en": "Clinical Support Center"}


def _expert(sid, name, cluster="kbiohealth", center=CENTRE, **extra):
    return {"kind": "expert", "source_id": sid, "cluster": cluster,
            "region": "chungbuk" if cluster == "kbiohealth" else "daegu", "center": center,
            "title": {"ko": f"{name} 연구원", "en": f"Researcher {name}"}, "categories": ["omics"],
            "name": {"ko": name}, **extra}


EQUIPMENT = {"kind": "equipment", "source_id": "EQ-ORBI", "cluster": "kbiohealth", "region": "chungbuk",
             "center": CENTRE, "title": {"ko": "질량분석기 (Orbitrap Eclipse)", "en": "Mass spectrometer (Orbitrap Eclipse)"},
             "categories": ["omics"], "related": ["kbiohealth:expert:EX-LINKED"]}
EXTRA = [
    EQUIPMENT,
    _expert("EX-NAMES", "정다은", center=OTHER_CENTRE, related=["kbiohealth:equipment:EQ-ORBI"]),
    _expert("EX-LINKED", "한지우", center=OTHER_CENTRE),
    _expert("EX-MS", "오세훈", expertise=[{"ko": "질량분석", "en": "mass spectrometry"}], techniques=["LC-MS/MS"]),
    _expert("EX-FACS", "윤서준", techniques=["FACS"], expertise=[{"ko": "유세포 분석"}]),
    _expert("EX-AWAY", "강민서", center=OTHER_CENTRE, techniques=["Orbitrap"]),
    _expert("EX-DAEGU", "임하늘", cluster="kmedihub", techniques=["Orbitrap"]),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("runners")
    app = build_app(tmp, f"sqlite:///{tmp / 'catalog.db'}")
    load_corpus(app, extra=EXTRA)
    yield app
    db.engine(app).dispose()


def test_each_expert_found_says_by_which_rule(app):
    with app.app_context(), db.session() as s:
        found = published(s, "kbiohealth:equipment:EQ-ORBI")
        got = [(r.row.source_id, r.rule, r.words) for r in experts.runners(s, found.listing, found.document)]
    assert got == [("EX-NAMES", "names_this", []), ("EX-LINKED", "linked_here", []),
                   ("EX-MS", "same_centre", ["mass", "질량분석"])]


def test_the_page_shows_them_with_the_reason(app):
    html = app.test_client().get("/listings/kbiohealth:equipment:EQ-ORBI",
                                 headers={"Accept-Language": "ko"}).get_data(as_text=True)
    section = html[html.index('id="runners-h"'):html.index("Source and freshness") if "Source and freshness" in html else None]
    assert "정다은" in section and "한지우" in section and "오세훈" in section
    assert "윤서준" not in section and "강민서" not in section and "임하늘" not in section
    assert 'data-rule="same_centre"' in section and "질량분석" in section


def test_an_expert_page_lists_no_runners(app):
    html = app.test_client().get("/listings/kbiohealth:expert:EX-MS").get_data(as_text=True)
    assert 'id="runners-h"' not in html


@pytest.mark.parametrize("title, expertise, shared", [
    ({"ko": "질량분석기 (Orbitrap Eclipse)"}, {"질량분석"}, {"질량분석"}),
    ({"en": "Flow cytometry service"}, {"flow", "cytometry"}, {"flow", "cytometry"}),
    ({"ko": "분석 서비스 480"}, {"분석", "480"}, set()),        # generic words and numbers never count
])
def test_shared_words(title, expertise, shared):
    assert experts.shared_words(experts.title_words({"title": title}), expertise) == shared


def test_what_the_rules_read_follows_the_catalog_version(app):
    from clusterhub.catalog import state

    with app.app_context(), db.session() as s:
        first = experts._directory(s)
        assert experts._directory(s) is first
        state.bump(s)
        s.flush()
        assert experts._directory(s) is not first
