"""`clusterhub clusters source CODE`: the source page for operators who script."""
from sqlmodel import select

from clusterhub import db
from clusterhub.cli import main
from clusterhub.curation.models import AuditEntry
from tests.conftest import build_app


def test_the_cli_shows_sets_refuses_and_resets_a_source(tmp_path):
    app = build_app(tmp_path, f"sqlite:///{tmp_path / 'cli.db'}", DEMO_MODE=False)
    exports = tmp_path / "exports-2026"
    exports.mkdir()
    cli = app.test_cli_runner()

    shown = cli.invoke(main, ["clusters", "source", "chungju"])
    assert shown.exit_code == 0 and "NOT CONFIGURED" in shown.output

    bad = cli.invoke(main, ["clusters", "source", "chungju", "--files-dir", str(tmp_path / "nope")])
    assert bad.exit_code != 0 and "files_dir: no folder" in bad.output

    wrong = cli.invoke(main, ["clusters", "source", "chungju", "--base-url", "https://x.example"])
    assert wrong.exit_code != 0 and "base_url: does not apply" in wrong.output

    ok = cli.invoke(main, ["clusters", "source", "chungju", "--files-dir", str(exports),
                           "--reason", "new export folder"])
    assert ok.exit_code == 0, ok.output
    assert f"{exports}  [this cluster's setting]" in ok.output

    back = cli.invoke(main, ["clusters", "source", "chungju", "--default", "files-dir"])
    assert back.exit_code == 0 and "NOT CONFIGURED" in back.output
    with app.app_context(), db.session() as s:
        entries = s.exec(select(AuditEntry).where(AuditEntry.action == "source.update")).all()
    assert [(e.after, e.reason) for e in entries] == [({"files_dir": str(exports)}, "new export folder"),
                                                      ({}, "")]
    assert entries[0].actor.startswith("cli:")
    db.engine(app).dispose()
