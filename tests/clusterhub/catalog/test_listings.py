"""One rule of what the public sees: the Python and SQL forms agree, and published() applies it."""
import itertools

import pytest
from sqlmodel import select

from clusterhub import db
from clusterhub.catalog import listings
from clusterhub.catalog.models import Listing, ListingFlags, ListingOverride
from tests.conftest import build_app

STATUSES = ("active", "inactive", "withdrawn")
FLAG_SETS = list(itertools.product((False, True), (False, True), (None, "kmedihub:service:KEEP")))


def _doc(source_id):
    return {"kind": "service", "cluster": "kmedihub", "source_id": source_id, "region": "daegu",
            "title": {"ko": f"서비스 {source_id}"}, "categories": ["drug_discovery"],
            "service_type": "analysis"}


@pytest.fixture
def store(tmp_path, database_url):
    app = build_app(tmp_path, database_url)
    with app.app_context(), db.session() as s:
        s.add(Listing(id="kmedihub:service:KEEP", kind="service", cluster="kmedihub",
                      source_id="KEEP", document=_doc("KEEP"), content_hash="x"))
        for n, (status, (hidden, waiting, merged)) in enumerate(itertools.product(STATUSES, FLAG_SETS)):
            gid = f"kmedihub:service:S{n}"
            s.add(Listing(id=gid, kind="service", cluster="kmedihub", source_id=f"S{n}",
                          document=_doc(f"S{n}"), content_hash="x", status=status))
            s.flush()
            if hidden or waiting or merged:
                s.add(ListingFlags(listing_id=gid, hidden=hidden, awaiting_review=waiting,
                                   merged_into=merged))
    yield app
    db.engine(app).dispose()


def test_the_sql_rule_and_the_python_rule_agree_on_every_combination(store):
    with store.app_context(), db.session() as s:
        shown_by_sql = set(s.exec(listings.visible(select(Listing.id))))
        _, flags = listings.load_state(s)
        shown_by_python = {row.id for row in s.exec(select(Listing))
                           if listings.is_public(row.status, flags.get(row.id))}
    assert shown_by_sql == shown_by_python
    # active and unflagged only: KEEP plus one of the 36 combinations
    assert shown_by_sql == {"kmedihub:service:KEEP", "kmedihub:service:S0"}


def test_published_gives_the_effective_document_a_redirect_or_nothing(store):
    with store.app_context(), db.session() as s:
        s.add(ListingOverride(listing_id="kmedihub:service:KEEP", field="title.ko", value="새 제목"))
        s.flush()
        shown = listings.published(s, "kmedihub:service:KEEP")
        assert shown.document["title"]["ko"] == "새 제목"
        assert shown.listing.document["title"]["ko"] == "서비스 KEEP"  # the source stays apart
        merged = [fid for fid, f in listings.load_state(s)[1].items() if f.merged_into and not (f.hidden or f.awaiting_review)]
        assert listings.published(s, merged[0]) == listings.Moved("kmedihub:service:KEEP")
        hidden = [fid for fid, f in listings.load_state(s)[1].items() if f.hidden and not f.merged_into]
        assert listings.published(s, hidden[0]) is None
        assert listings.published(s, "kmedihub:service:NOPE") is None
