"""The demo folder (connectors/demo) is not shipped: a site installed without it refuses demo work
with a message that says why, and changes nothing; a checkout reads the generated samples."""
import os
import subprocess
import sys
import sysconfig
import zipfile

import pytest

from clusterhub.errors import Conflict
from clusterhub.sync import demo
from connectors import demo as demo_package
from tests.test_layout import build_wheel


@pytest.fixture
def installed(tmp_path):
    """run(*args): the console script of a site installed from the wheel (no demo folder), in
    demo mode, on a migrated database. The wheel is unpacked into a venv of its own; its
    dependencies come from this venv's site-packages by a .pth line (which does not run this
    venv's editable-install hook, so the checkout stays out of reach)."""
    venv = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    [target] = venv.glob("lib/python*/site-packages")
    zipfile.ZipFile(build_wheel(tmp_path)).extractall(target)
    (target / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {**os.environ, "CLUSTERHUB_INSTANCE": str(tmp_path / "instance"), "CLUSTERHUB_DEMO": "1"}
    env.pop("DATABASE_URL", None)
    env.pop("PYTHONPATH", None)

    def run(*args):
        return subprocess.run([str(venv / "bin" / "python"), "-c", MAIN, *args], env=env, cwd=tmp_path,
                              capture_output=True, text=True, timeout=300)

    where = subprocess.run([str(venv / "bin" / "python"), "-c", WHERE], env=env, cwd=tmp_path,
                           capture_output=True, text=True, timeout=120)
    assert where.stdout.split() == [str(target / "clusterhub"), "None"], where.stderr
    assert run("db", "upgrade").returncode == 0
    return run


WHERE = ("import importlib.util, pathlib, clusterhub; print(pathlib.Path(clusterhub.__file__).parent, "
         "importlib.util.find_spec('connectors.demo'))")
MAIN = "import sys, clusterhub.cli; sys.argv[0] = 'clusterhub'; clusterhub.cli.main()"


def test_without_the_demo_folder_demo_work_is_refused_and_says_why(installed):
    assert installed("clusters", "load").returncode == 0
    loaded = installed("demo", "load")
    assert loaded.returncode != 0 and "connectors/demo" in loaded.stderr
    assert "source checkout" in loaded.stderr and "Traceback" not in loaded.stderr
    for code in ("gwangju", "daedeok"):  # a file cluster and an API cluster
        synced = installed("sync", code)
        assert synced.returncode != 0 and "connectors/demo" in synced.stderr, synced.stderr
    runs = installed("sync-runs", "gwangju").stdout
    assert "succeeded" not in runs
    shown = installed("clusters", "source", "gwangju")
    assert shown.returncode == 0 and "NOT CONFIGURED" in shown.stdout


def test_a_checkout_serves_the_generated_samples():
    assert demo.available() and demo.samples_dir() == demo_package.SAMPLES_DIR
    assert (demo.samples_dir() / "gwangju" / "gwangju_equipment.csv").is_file()
    assert "gwangju" in demo.codes() and len(demo.codes()) == 20
    import requests

    with demo.sample_server() as url:
        assert "/hwasun/eqpInfo" in requests.get(url, timeout=5).json()["endpoints"]


def test_conflict_is_what_a_missing_demo_folder_raises(monkeypatch):
    monkeypatch.setitem(sys.modules, "connectors.demo", None)  # as `import` finds no package
    assert not demo.available()
    with pytest.raises(Conflict, match="connectors/demo"):
        demo.samples_dir()
