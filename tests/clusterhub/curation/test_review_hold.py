"""Clusters that require review: their new listings wait, unpublished, until a curator decides."""
from sqlmodel import select

from clusterhub import db
from clusterhub.curation.models import AuditEntry
from clusterhub.catalog.models import Cluster
from tests.clusterhub.curation.conftest import LISTING, docs, post, search_ids, sync
from tests.schemas.samples import equipment

NEW = "kmedihub:equipment:EQ-0200"


def require_review(client):
    r = post(client, "/curation/clusters/kmedihub/review-policy", requires_review="1")
    assert r.status_code == 303


def add_new_listing(app):
    """The cluster's next export carries one new instrument beside the two published ones."""
    return sync(app, docs() + [equipment(source_id="EQ-0200", title={"ko": "초고속 원심분리기"},
                                         nfec_no="NFEC-2020-01-000200")])


def test_a_new_listing_of_a_reviewed_cluster_waits_until_approved(curated, curator):
    require_review(curator)
    add_new_listing(curated)
    # Not published anywhere yet ...
    assert NEW not in search_ids(curator, "원심분리기")
    assert curator.get(f"/listings/{NEW}").status_code == 404
    assert curator.get(f"/api/v1/listings/{NEW}").status_code == 404
    # ... while the listings published before the rule stay published.
    assert curator.get(f"/listings/{LISTING}").status_code == 200
    queue = curator.get("/curation").get_data(as_text=True)
    assert NEW in queue and "초고속 원심분리기" in queue
    assert queue.count('id="policy"') == 1 and "검토 요구 끄기" in queue  # the rule, and its switch

    assert post(curator, f"/curation/listings/{NEW}/review", decision="approve").status_code == 303
    assert NEW in search_ids(curator, "원심분리기")  # at once, without a rebuild
    assert curator.get(f"/listings/{NEW}").status_code == 200
    assert NEW not in curator.get("/curation").get_data(as_text=True)


def test_hiding_from_the_queue_keeps_it_unpublished(curated, curator):
    require_review(curator)
    add_new_listing(curated)
    assert post(curator, f"/curation/listings/{NEW}/review", decision="hide").status_code == 303
    assert NEW not in search_ids(curator, "원심분리기")
    assert curator.get(f"/listings/{NEW}").status_code == 404
    assert NEW not in curator.get("/curation").get_data(as_text=True)
    with curated.app_context(), db.session() as s:
        entry = s.exec(select(AuditEntry).where(AuditEntry.target == NEW)).one()
    assert entry.action == "listing.review" and entry.after["decision"] == "hide"


def test_a_held_listing_is_not_counted_on_the_cluster_page(curated, curator):
    require_review(curator)
    before = curator.get("/api/v1/clusters").json
    add_new_listing(curated)
    assert curator.get("/api/v1/clusters").json == before


def test_turning_review_off_publishes_what_waits(curated, curator):
    require_review(curator)
    add_new_listing(curated)
    r = post(curator, "/curation/clusters/kmedihub/review-policy", requires_review="0")
    assert r.status_code == 303
    assert NEW in search_ids(curator, "원심분리기")
    with curated.app_context(), db.session() as s:
        assert s.get(Cluster, "kmedihub").requires_review is False
        entry = s.exec(select(AuditEntry).where(AuditEntry.action == "cluster.review_policy")
                       .order_by(AuditEntry.id.desc())).first()
    assert entry.before == {"requires_review": True}
    assert entry.after == {"requires_review": False, "released": 1}


def test_switching_the_rule_leaves_the_index_in_step(curated, curator):
    require_review(curator)  # publishes and unpublishes nothing, but is a catalog change
    assert curator.get("/healthz").json["search"]["state"] == "ready"


def test_without_the_rule_new_listings_publish_at_once(curated, curator):
    add_new_listing(curated)
    assert NEW in search_ids(curator, "원심분리기")


def test_an_unknown_decision_is_refused_and_changes_nothing(curated, curator):
    require_review(curator)
    add_new_listing(curated)
    r = post(curator, f"/curation/listings/{NEW}/review", decision="publish-everything")
    assert r.status_code == 422
    assert NEW in curator.get("/curation").get_data(as_text=True)
