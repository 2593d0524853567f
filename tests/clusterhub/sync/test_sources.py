"""The operator's read-only view of a cluster's source: format, folder or URL (keys never shown),
schedule and last success; and the console section that shows it."""
from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from clusterhub.models import SyncRun, utcnow
from clusterhub.sync.sources import source_view
from tests.clusterhub.auth.browser import add_user, log_in
from tests.clusterhub.sync.test_engine import engine  # noqa: F401  (the migrated database)
from tests.conftest import build_app

SECRET = "zeus-key-7f3a9c"


def test_production_without_a_folder_says_the_sync_refuses(engine):  # noqa: F811
    with Session(engine) as s:
        view = source_view(s, "chungju", {"DEMO_MODE": False})
    assert view.source is None and "refuses" in view.note and view.setting == "CONNECTOR_FILES_DIR"
    assert "chungju_equipment.csv" in view.reads and view.api_key is None
    assert view.last_success is None


def test_a_configured_folder_and_a_zeus_url_without_its_key(engine):  # noqa: F811
    with Session(engine) as s:
        files = source_view(s, "chungju", {"CONNECTOR_FILES_DIR": "/srv/exports"})
        zeus = source_view(s, "daedeok", {"CONNECTOR_BASE_URL": "https://zeus.example/",
                                          "CONNECTOR_API_KEYS": {"daedeok": SECRET}})
        demo = source_view(s, "daedeok", {"DEMO_MODE": True})
    assert files.source == "/srv/exports/chungju" and files.note is None
    assert zeus.source == "https://zeus.example/daedeok/" and zeus.format == "ZEUS equipment API"
    assert zeus.api_key.startswith("set") and any("{key}" in r for r in zeus.reads)
    assert SECRET not in repr(zeus)
    assert demo.source is None and "demo" in demo.note and demo.api_key.startswith("not set")


def test_last_success_is_the_last_real_run_that_succeeded(engine):  # noqa: F811
    now = utcnow()
    with Session(engine) as s:
        for hours, outcome, dry in ((5, "succeeded", False), (3, "failed", False), (1, "succeeded", True)):
            s.add(SyncRun(cluster="chungju", outcome=outcome, dry_run=dry,
                          started_at=now - timedelta(hours=hours), finished_at=now - timedelta(hours=hours)))
        s.commit()
        found = source_view(s, "chungju", {}).last_success
    assert abs(found.replace(tzinfo=None) - (now - timedelta(hours=5)).replace(tzinfo=None)) < timedelta(seconds=1)


def test_the_console_shows_the_source_and_never_the_key(tmp_path):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'c.db'}", DEMO_MODE=False,
                    CONNECTOR_BASE_URL="https://zeus.example", CONNECTOR_API_KEYS={"daedeok": SECRET})
    add_user(app, "op@example.org", "operator", password="operator password 1", cluster="daedeok")
    client = app.test_client()
    assert log_in(client, "op@example.org", "operator password 1").status_code == 302
    page = client.get("/operator/daedeok").get_data(as_text=True)
    assert "원천 설정" in page and "https://zeus.example/daedeok/" in page
    assert "ZEUS 장비 API" in page and "설정됨(환경 변수 CONNECTOR_API_KEY_DAEDEOK)" in page
    assert "매일 밤 02:30" in page and SECRET not in page


def test_a_cluster_setting_wins_over_the_environment_and_its_key_may_come_from_the_credential_store(
        engine, tmp_path):  # noqa: F811
    from clusterhub.models import ClusterSource
    from clusterhub.sync.sources import connector_settings, resolve

    (tmp_path / "DAEDEOK_KEY").write_text(SECRET + "\n")
    config = {"CONNECTOR_BASE_URL": "https://shared.example", "CREDENTIALS_DIRECTORY": str(tmp_path)}
    with Session(engine) as s:
        before = resolve(s, "daedeok", config)
        s.add(ClusterSource(cluster="daedeok", base_url="https://zeus.example/api", page_size=50,
                            organ="한국지질자원연구원", key_secret="DAEDEOK_KEY"))
        s.commit()
        after = resolve(s, "daedeok", config)
    assert (before.location, before.origin) == ("https://shared.example/daedeok", "environment")
    assert before.key_origin is None
    assert (after.location, after.origin, after.key_origin) == (
        "https://zeus.example/api", "cluster", "credentials")
    settings = connector_settings(after, config)
    assert settings.cluster_endpoint("daedeok", "api/eq") == "https://zeus.example/api/api/eq"
    assert (settings.page_size, settings.organ, settings.api_key) == (50, "한국지질자원연구원", SECRET)
    assert SECRET not in repr(after) and SECRET not in repr(settings)
