"""Settings from environment variables (12-factor), with a test configuration."""
from __future__ import annotations

import os
import secrets
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def default_instance_path() -> Path:
    """instance/ at the repository root for a checkout; CLUSTERHUB_INSTANCE overrides it."""
    env = os.environ.get("CLUSTERHUB_INSTANCE")
    if env:
        return Path(env).resolve()
    return REPO_ROOT / "instance"


def from_environment(instance_path: Path) -> dict:
    """The app's settings, each overridable through an environment variable of the same name."""
    env = os.environ.get
    return {
        "SECRET_KEY": env("SECRET_KEY") or _instance_secret(instance_path),
        "DATABASE_URL": env("DATABASE_URL") or f"sqlite:///{instance_path / 'clusterhub.db'}",
        "SEARCH_BACKEND": env("SEARCH_BACKEND", "embedded"),
        "SEARCH_INDEX_DIR": env("SEARCH_INDEX_DIR") or str(instance_path / "search"),
        "MEILI_URL": env("MEILI_URL"),
        "MEILI_MASTER_KEY": env("MEILI_MASTER_KEY", ""),
        "MEILI_SEARCH_KEY": env("MEILI_SEARCH_KEY"),
        "MEILI_INDEX": env("MEILI_INDEX", "listings"),
        "CONNECTOR_BASE_URL": env("CONNECTOR_BASE_URL"),
        "PUSH_ADMIN_TOKEN": env("PUSH_ADMIN_TOKEN"),
        "BABEL_DEFAULT_LOCALE": "ko",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Seoul",
        "LANGUAGES": ("ko", "en"),
        "SAMPLE_DATA_NOTICE": env("SAMPLE_DATA_NOTICE", "1") != "0",
    }


def _instance_secret(instance_path: Path) -> str:
    """A random key kept in the instance folder, so sessions survive restarts without config."""
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
