"""Sync runs write their messages in English; Korean pages show each of them in Korean. The runs
here are real engine runs, so a reworded engine message fails this test instead of showing
English on a Korean page."""
from clusterhub import db
from clusterhub.sync import engine
from clusterhub.sync.items import from_batch
from clusterhub.web.labels import run_message
from connectors.base import SourceFormatError
from tests.clusterhub.sync.test_engine import fleet


def test_every_engine_outcome_reads_in_korean(app):
    docs = fleet(10)

    def broken():
        yield from from_batch(docs[:2])
        raise SourceFormatError("the file ends in the middle of a row", location="장비.csv, row 4")

    with app.app_context():
        run = lambda items, **kw: engine.run(db.engine(), "kmedihub", items, **kw).message  # noqa
        messages = [run(from_batch(docs)), run(from_batch(docs)),
                    run(from_batch(docs), dry_run=True), run(from_batch(docs[:1])), run(broken())]
    with app.test_request_context("/"):
        korean = [run_message(m) for m in messages]
    with app.test_request_context("/?lang=en"):
        english = run_message(messages[0])
    assert korean[0] == "변경 10건을 반영했습니다."
    assert korean[1] == "원천 데이터에 바뀐 것이 없습니다."
    assert korean[2] == "시험 실행: 아무것도 바꾸지 않았습니다."
    assert korean[3].startswith("중단: 이번 실행은 공개 항목 10건 중 9건(90%)을 철회하게 되어 안전 기준(30%)")
    assert korean[3].endswith("--allow-mass-withdrawal 옵션으로 다시 실행하세요.")
    assert korean[4].startswith("원천 데이터를 읽을 수 없어 아무것도 바꾸지 않았습니다.")
    assert "장비.csv, row 4" in korean[4]  # the where stays
    assert run_message("Something new.") == "Something new."  # unknown: shown as written
    assert english == messages[0] == "10 change(s) applied."  # English pages keep the original


def test_the_per_kind_guard_and_its_confirmations_read_in_korean(app):
    """Each stop names how to confirm it where it was started; each sentence reads in Korean."""
    docs = fleet(10)
    with app.app_context():
        engine.run(db.engine(), "kmedihub", from_batch(docs))
        zero = engine.run(db.engine(), "kmedihub", from_batch([]), trigger="push").message
        console = engine.run(db.engine(), "kmedihub", from_batch([]), trigger="console").message
    with app.test_request_context("/"):
        assert run_message(zero) == (
            "중단: 이번 실행은 장비 항목을 하나도 읽지 못했는데 공개 항목이 10건 있습니다. 모두 철회하게 "
            "됩니다. 아무것도 바꾸지 않았습니다. 원천 데이터가 실제로 줄었다면 "
            '"allow_mass_withdrawal": true 로 배치를 다시 보내세요.')
        assert run_message(console).endswith("이 실행 화면에서 \u201c그래도 철회\u201d로 확인하세요.")
        kind = run_message("Stopped: this run would withdraw 15 of 35 published expert listings "
                           "(43%), more than the 30% guard for one kind. Nothing was changed.")
        assert kind == ("중단: 이번 실행은 전문가 공개 항목 35건 중 15건(43%)을 철회하게 되어 종류별 "
                        "안전 기준(30%)을 넘습니다. 아무것도 바꾸지 않았습니다.")
