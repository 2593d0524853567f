"""Korean first: every message the templates and code show has a Korean translation."""
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "platform" / "clusterhub"
KOREAN = PACKAGE / "translations" / "ko" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)")


def test_every_message_is_translated_to_korean(tmp_path):
    # -k N_: the service error messages, marked where they are raised and translated when shown.
    pot = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(pybabel), "extract", "--no-location", "-F", str(PACKAGE / "babel.cfg"),
                    "-k", "_l", "-k", "N_", "-o", str(pot), str(PACKAGE)], check=True, capture_output=True)
    template = read_po(pot.open("rb"))
    korean = read_po(KOREAN.open("rb"), locale="ko")
    missing = [m.id for m in template if m.id and not (korean.get(m.id) and korean.get(m.id).string)]
    assert missing == [], f"add Korean for these msgids to messages.po: {missing}"


def test_korean_keeps_every_placeholder_of_its_message():
    """A lost %(name)s drops a value from the page; a new one makes gettext raise KeyError."""
    korean = read_po(KOREAN.open("rb"), locale="ko")
    wrong = [(m.id, m.string) for m in korean
             if m.id and m.string and isinstance(m.id, str)
             and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))]
    assert wrong == [], f"the Korean must keep the placeholders of its msgid: {wrong}"
