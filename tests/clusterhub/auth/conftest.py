"""Fixtures of the access tests: the real OIDC provider (node oidc-provider) on loopback."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.clusterhub.auth.provider import (CALLBACK, CLIENT_ID, CLIENT_SECRET, PROVIDER_ACCOUNTS,
                                            PROVIDER_DIR, node_modules_ready, read_line)


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """Issuer URLs of the node oidc-provider instances (good, expired, tampered, mixup, userinfo)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Node.js and npm are required for the OIDC tests under CI=true")
        pytest.skip("Node.js is not installed: OIDC tests skipped")
    if not node_modules_ready():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(PROVIDER_DIR)],
                       check=True, capture_output=True, timeout=300)
    log = tmp_path_factory.mktemp("oidc") / "provider.log"
    env = dict(os.environ, CLIENT_ID=CLIENT_ID, CLIENT_SECRET=CLIENT_SECRET, REDIRECT_URIS=CALLBACK,
               ACCOUNTS=json.dumps(PROVIDER_ACCOUNTS))
    with log.open("w") as err:
        proc = subprocess.Popen([node, "server.js"], cwd=PROVIDER_DIR, env=env, text=True,
                                stdout=subprocess.PIPE, stderr=err)
    line = read_line(proc.stdout, timeout=60)
    if not line:
        proc.kill()
        pytest.fail(f"the OIDC provider did not start:\n{log.read_text()}")
    try:
        yield json.loads(line)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
