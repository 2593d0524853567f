"""What pages remember between requests (cluster rows, translations) never shows stale text:
a cluster record changed by `clusters load`, a newer sync run and a switched language show on the
very next page."""
from datetime import datetime, timezone

import pytest
from flask import render_template_string
from flask_babel import force_locale

from clusterhub import db
from clusterhub.catalog import clusters
from clusterhub.models import SyncRun
from tests.clusterhub.web.conftest import load_corpus
from tests.conftest import build_app

EQ = "/listings/kmedihub:equipment:EQ-001"


@pytest.fixture
def app(tmp_path):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}")
    load_corpus(app)
    yield app
    db.engine(app).dispose()


def test_a_renamed_cluster_shows_on_the_next_page(app, monkeypatch):
    web = app.test_client()
    assert "대구경북첨단의료복합단지" in web.get(EQ).get_data(as_text=True)
    assert "대구경북첨단의료복합단지" in web.get("/search?q=x&cluster=kmedihub").get_data(as_text=True)

    renamed = []
    for record in clusters.load_clusters():
        if record["code"] == "kmedihub":
            record = {**record, "name": {"ko": "새 이름 의료단지", "en": "Renamed Medical Complex"}}
        renamed.append(record)
    monkeypatch.setattr(clusters, "load_clusters", lambda: renamed)
    with app.app_context(), db.session() as s:  # what `clusterhub clusters load` does
        assert clusters.load_records(s) == (0, 1)

    page = web.get(EQ).get_data(as_text=True)
    assert "새 이름 의료단지" in page and "대구경북첨단의료복합단지" not in page
    chip = web.get("/search?q=x&cluster=kmedihub").get_data(as_text=True)
    assert "새 이름 의료단지" in chip
    assert "Renamed Medical Complex" in web.get(EQ + "?lang=en").get_data(as_text=True)


def test_the_freshness_line_follows_the_clusters_newest_real_run(app):
    web = app.test_client()
    with app.app_context(), db.session() as s:
        s.add(SyncRun(cluster="kmedihub", outcome="succeeded", finished_at=datetime(2031, 1, 2, 3, 4, tzinfo=timezone.utc)))
        s.add(SyncRun(cluster="kbiohealth", outcome="succeeded", finished_at=datetime(2032, 5, 6, 7, 8, tzinfo=timezone.utc)))
    assert "2031-01-02 12:04" in web.get(EQ).get_data(as_text=True)  # 03:04 UTC is 12:04 KST
    with app.app_context(), db.session() as s:
        s.add(SyncRun(cluster="kmedihub", dry_run=True, outcome="dry_run",
                      finished_at=datetime(2033, 1, 1, 0, 0, tzinfo=timezone.utc)))  # a dry run changes nothing
        s.add(SyncRun(cluster="kmedihub", outcome="succeeded", finished_at=datetime(2031, 2, 3, 4, 5, tzinfo=timezone.utc)))
    page = web.get(EQ).get_data(as_text=True)
    assert "2031-02-03 13:05" in page and "2033-01-01" not in page and "2032-05-06" not in page


def test_templates_translate_in_the_language_in_force_even_when_it_switches(app):
    src = '{{ _("Search") }}|{{ _("%(n)s found", n="<b>") }}'
    with app.test_request_context("/search?lang=ko"):
        assert render_template_string(src) == "검색|&lt;b&gt;건"
        with force_locale("en"):  # e.g. a mail in its reader's language, written during a request
            assert render_template_string(src) == "Search|&lt;b&gt; found"
        assert render_template_string(src) == "검색|&lt;b&gt;건"
    with app.test_request_context("/search?lang=en"):
        assert render_template_string(src) == "Search|&lt;b&gt; found"
