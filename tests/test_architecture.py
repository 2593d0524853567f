"""The architecture as contracts the suite keeps: layers, no cycles, Flask-free services, one
visibility rule and no private names taken across packages (issue 17)."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "platform" / "clusterhub"


def test_the_import_contracts_of_setup_cfg_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "setup.cfg", "--no-cache"], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "Contracts: 4 kept, 0 broken." in done.stdout


def _feature(path: Path) -> str:
    rel = path.relative_to(PACKAGE).parts
    return rel[0] if len(rel) > 1 else "<root>"


def test_no_module_takes_a_private_name_from_another_package():
    """A name starting with _ is its package's business: publish it or keep it there."""
    taken = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level >= 2 and node.module:
                private = [a.name for a in node.names if a.name.startswith("_")]
                if private and node.module.split(".")[0] != _feature(path):
                    taken.append(f"{path.relative_to(PACKAGE)}: {node.module}.{private}")
    assert taken == []


def test_visibility_is_defined_once_in_the_catalog():
    """What the public sees is decided in catalog/listings.py only (Python and SQL forms)."""
    rule_words = ("awaiting_review", "merged_into", "hidden")
    defining = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name in ("visible", "visibility",
                                                                   "is_public", "withheld"):
                defining.append(f"{path.relative_to(PACKAGE)}:{node.name}")
    assert sorted(defining) == ["catalog/listings.py:is_public", "catalog/listings.py:visibility",
                                "catalog/listings.py:visible"]
    # and no page or API module reads the flags that make up the rule
    for folder in ("web", "api"):
        for path in (PACKAGE / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert not any(f".{w}" in text for w in rule_words), path
