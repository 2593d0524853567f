"""The repository layout: platform/ never hides the standard library, packaging lists every package
but the demo folder, which the wheel leaves out."""
import configparser
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_SHIPPED = "connectors.demo"  # the demo federation's generator, samples and sample server


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
    demo = {p for p in found if p == NOT_SHIPPED or p.startswith(NOT_SHIPPED + ".")}
    assert demo, "the demo folder moved: update NOT_SHIPPED"
    assert found - demo - listed == set(), "add these to [options] packages in setup.cfg"
    assert demo & listed == set(), "the demo folder is not shipped: remove these from setup.cfg"


def build_wheel(tmp_path) -> Path:
    """The wheel `pip wheel .` builds, from a copy (setuptools' build/ of an earlier build could
    leak into a wheel built in place)."""
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "instance", "node_modules", "__pycache__", "*.egg-info", "test-artifacts"))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
         str(tmp_path), str(source)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    [wheel] = tmp_path.glob("clusterhub-*.whl")
    return wheel


def test_the_wheel_leaves_the_demo_folder_out(tmp_path):
    """The generator, its samples and the sample server stay in the checkout; the real clusters'
    connectors and the platform ship."""
    names = zipfile.ZipFile(build_wheel(tmp_path)).namelist()
    assert "connectors/registry.py" in names and "connectors/clusters/kmedihub.py" in names
    assert "clusterhub/sync/demo.py" in names
    assert [n for n in names if n.startswith("connectors/demo/")] == []
