"""Korean first: every message the templates and code show has a Korean translation."""
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "platform" / "clusterhub"


def test_every_message_is_translated_to_korean(tmp_path):
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(pybabel), "extract", "--no-location", "-F", str(PACKAGE / "babel.cfg"),
                    "-k", "_l", "-o", str(pot), str(PACKAGE)], check=True, capture_output=True)
    template = read_po(pot.open("rb"))
    korean = read_po((PACKAGE / "translations" / "ko" / "LC_MESSAGES" / "messages.po").open("rb"),
                     locale="ko")
    missing = [m.id for m in template if m.id and not (korean.get(m.id) and korean.get(m.id).string)]
    assert missing == [], f"add Korean for these msgids to messages.po: {missing}"
