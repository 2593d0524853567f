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
