"""The repository layout: platform/ never hides the standard library, packaging lists every package."""
import configparser
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_platform_folder_does_not_hide_the_standard_library():
    assert not (ROOT / "platform" / "__init__.py").exists()
    done = subprocess.run(
        [sys.executable, "-c", "import platform, uuid; print(platform.system())"],
        cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Linux"


def test_setup_cfg_lists_every_python_package():
    """A package missing from setup.cfg works in the editable install but not in a wheel."""
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg")
    listed = set(cfg["options"]["packages"].split())
    roots = {"clusterhub": ROOT / "platform" / "clusterhub", "connectors": ROOT / "connectors",
             "schemas": ROOT / "schemas"}
    found = set()
    for name, root in roots.items():
        for init in root.rglob("__init__.py"):
            rel = init.parent.relative_to(root).parts
            found.add(".".join((name, *rel)))
    assert found - listed == set(), "add these to [options] packages in setup.cfg"
