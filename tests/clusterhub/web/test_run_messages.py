"""Sync runs store their message as a code with parameters beside the English text; Korean pages
show them in Korean from the code (the gettext catalog), English pages in English. The runs here
are real engine runs read back from the database."""
from sqlmodel import select

from clusterhub import db
from clusterhub.models import SyncRun
from clusterhub.sync import engine
from clusterhub.sync.items import from_batch
from clusterhub.web.labels import run_message
from connectors.base import SourceFormatError
from tests.clusterhub.sync.test_engine import fleet


def stored(app) -> list[SyncRun]:
    with app.app_context(), db.session() as s:
        return list(s.exec(select(SyncRun).order_by(SyncRun.id)))


def test_every_engine_outcome_reads_in_korean(app):
    docs = fleet(10)

    def broken():
        yield from from_batch(docs[:2])
        raise SourceFormatError("the file ends in the middle of a row", location="장비.csv, row 4")

    with app.app_context():
        for items, kw in ((from_batch(docs), {}), (from_batch(docs), {}),
                          (from_batch(docs), {"dry_run": True}), (from_batch(docs[:1]), {}),
                          (broken(), {})):
            engine.run(db.engine(), "kmedihub", items, **kw)
    runs = stored(app)
    assert [r.code for r in runs] == ["sync.succeeded", "sync.nothing_changed", "sync.dry_run",
                                      "sync.guard", "sync.unreadable"]
    assert runs[0].params == {"changed": 10} and runs[3].params["trigger"] == "cli"
    with app.test_request_context("/"):
        korean = [run_message(r) for r in runs]
    with app.test_request_context("/?lang=en"):
        english = [run_message(r) for r in runs]
    assert korean[0] == "변경 10건을 반영했습니다."
    assert korean[1] == "원천 데이터에 바뀐 것이 없습니다."
    assert korean[2] == "시험 실행: 아무것도 바꾸지 않았습니다."
    assert korean[3].startswith("중단: 이번 실행은 공개 항목 10건 중 9건(90%)을 철회하게 되어 안전 기준(30%)")
    assert korean[3].endswith("--allow-mass-withdrawal 옵션으로 다시 실행하세요.")
    assert korean[4].startswith("원천 데이터를 읽을 수 없어 아무것도 바꾸지 않았습니다.")
    assert "장비.csv, row 4" in korean[4]  # the where stays
    assert english == [r.message for r in runs]  # the English text is the code's own
    assert english[0] == "10 change(s) applied."


def test_a_run_from_before_the_codes_shows_its_stored_text(app):
    old = SyncRun(cluster="kmedihub", outcome="succeeded", message="3 change(s) applied.")
    with app.test_request_context("/"):
        assert run_message(old) == "3 change(s) applied."
        assert run_message("Something new.") == "Something new."


def test_the_per_kind_guard_and_its_confirmations_read_in_korean(app):
    """Each stop names how to confirm it where it was started; each sentence reads in Korean."""
    docs = fleet(10)
    with app.app_context():
        engine.run(db.engine(), "kmedihub", from_batch(docs))
        engine.run(db.engine(), "kmedihub", from_batch([]), trigger="push")
        engine.run(db.engine(), "kmedihub", from_batch([]), trigger="console")
    _, push, console = stored(app)
    assert push.code == "sync.kind_vanished" and push.params["kind"] == "equipment"
    kind = SyncRun(cluster="kmedihub", code="sync.guard_kind",
                   params={"gone": 15, "published": 35, "kind": "expert", "share": "43%",
                           "guard": "30%", "trigger": "cli"})
    with app.test_request_context("/"):
        assert run_message(push) == (
            "중단: 이번 실행은 장비 항목을 하나도 읽지 못했는데 공개 항목이 10건 있습니다. 모두 철회하게 "
            "됩니다. 아무것도 바꾸지 않았습니다. 원천 데이터가 실제로 줄었다면 "
            '"allow_mass_withdrawal": true 로 배치를 다시 보내세요.')
        assert run_message(console).endswith("이 실행 화면에서 \u201c그래도 철회\u201d로 확인하세요.")
        assert run_message(kind).startswith(
            "중단: 이번 실행은 전문가 공개 항목 35건 중 15건(43%)을 철회하게 되어 종류별 "
            "안전 기준(30%)을 넘습니다. 아무것도 바꾸지 않았습니다.")
    with app.test_request_context("/?lang=en"):
        assert run_message(push) == push.message
        assert push.message.startswith("Stopped: this run read no equipment listings at all")
