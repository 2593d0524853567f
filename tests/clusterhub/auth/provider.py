"""The test OIDC provider: its client registration, its accounts, and its start-up line."""
from __future__ import annotations

import threading
from pathlib import Path

PROVIDER_DIR = Path(__file__).parent / "oidc_provider"
CLIENT_ID = "clusterhub"
CLIENT_SECRET = "clusterhub-test-secret"
CALLBACK = "http://localhost/auth/oidc/callback"  # the Flask test client's host
# The provider's accounts and the claims it asserts for them.
PROVIDER_ACCOUNTS = {
    "ana": {"email": "ana@kmedihub.example", "email_verified": True, "name": "Ana Operator",
            "clusterhub_roles": ["operator"], "cluster": "kmedihub", "company": "ignored"},
    "cora": {"email": "cora@foundation.example", "email_verified": True, "name": "Cora Curator",
             "clusterhub_roles": "member curator"},
    "mina": {"email": "mina@hanbit.example", "email_verified": True, "name": "Mina Member",
             "clusterhub_roles": ["member"], "company": "한빛제약"},
    "pat": {"email": "pat@foundation.example", "email_verified": True, "name": "Pat"},
    "eve": {"email": "pat@foundation.example", "email_verified": False, "name": "Eve"},
    "olaf": {"email": "olaf@example.org", "email_verified": True, "clusterhub_roles": ["operator"]},
}


def node_modules_ready() -> bool:
    return (PROVIDER_DIR / "node_modules" / "oidc-provider" / "package.json").exists()


def read_line(stream, timeout: float) -> str:
    """The first line the provider prints (its issuers), or "" after timeout seconds."""
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(stream.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return line[0] if line else ""
