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
        "CONNECTOR_FILES_DIR": env("CONNECTOR_FILES_DIR"),  # unset: demo mode reads connectors/demo/samples
        # API keys a source wants in its URL (ZEUS), one per cluster: CONNECTOR_API_KEY_DAEDEOK=...
        "CONNECTOR_API_KEYS": {name[len("CONNECTOR_API_KEY_"):].lower(): value
                               for name, value in os.environ.items()
                               if name.startswith("CONNECTOR_API_KEY_") and value},
        # Notification mail (inquiries/mail.py): sent through SMTP when SMTP_HOST is set.
        "SMTP_HOST": env("SMTP_HOST"),
        "SMTP_PORT": env("SMTP_PORT", "587"),
        "SMTP_USER": env("SMTP_USER"),
        "SMTP_PASSWORD": env("SMTP_PASSWORD"),
        "SMTP_FROM": env("SMTP_FROM", "clusterhub@localhost"),
        "SMTP_STARTTLS": env("SMTP_STARTTLS", "1"),
        # The least n a median or a rate needs to be shown as a headline (cluster page, inbox);
        # tables for staff show every value with its n.
        "KPI_MIN_N": int(env("KPI_MIN_N", "5")),
        # Trusted reverse proxies in front of gunicorn (deploy/nginx.conf sets 1); 0: none.
        "PROXY_COUNT": int(env("PROXY_COUNT", "0")),
        # Background jobs (clusterhub.jobs): with REDIS_URL, syncs wait on an RQ queue for
        # `clusterhub jobs worker` and their progress and cancel flags live in Redis, under keys
        # that start with REDIS_PREFIX; without it they run in threads of the web process.
        "REDIS_URL": env("REDIS_URL"),
        "REDIS_PREFIX": env("REDIS_PREFIX", "clusterhub:"),
        "JOBS_TIMEOUT_S": int(env("JOBS_TIMEOUT_S", str(6 * 3600))),
        # The shared cache (clusterhub/cache.py) lives in the same Redis when REDIS_URL is set,
        # its keys starting with CACHE_KEY_PREFIX; unset, each process caches in its own memory.
        "CACHE_KEY_PREFIX": env("CACHE_KEY_PREFIX", "clusterhub:cache:"),
        # Live progress of running syncs without Redis (sync/progress.py): a folder every web
        # worker of this machine sees.
        "SYNC_PROGRESS_DIR": env("SYNC_PROGRESS_DIR") or str(instance_path / "sync-progress"),
        # People and access (clusterhub.auth): OIDC login is on when OIDC_ISSUER is set.
        "OIDC_ISSUER": env("OIDC_ISSUER"),
        "OIDC_CLIENT_ID": env("OIDC_CLIENT_ID"),
        "OIDC_CLIENT_SECRET": env("OIDC_CLIENT_SECRET"),
        "OIDC_SCOPE": env("OIDC_SCOPE", "openid email profile"),
        "OIDC_REDIRECT_URI": env("OIDC_REDIRECT_URI"),  # when a proxy hides the public URL
        "OIDC_PROVIDER_NAME": env("OIDC_PROVIDER_NAME", ""),
        "OIDC_ROLE_CLAIM": env("OIDC_ROLE_CLAIM", "clusterhub_roles"),
        "OIDC_CLUSTER_CLAIM": env("OIDC_CLUSTER_CLAIM", "cluster"),
        "OIDC_COMPANY_CLAIM": env("OIDC_COMPANY_CLAIM", "company"),
        "OIDC_CLOCK_LEEWAY": int(env("OIDC_CLOCK_LEEWAY", "60")),
        "SESSION_LIFETIME": int(env("SESSION_LIFETIME", str(8 * 3600))),
        "SESSION_IDLE_TIMEOUT": int(env("SESSION_IDLE_TIMEOUT", str(3600))),
        # Browsers keep Secure cookies on http://localhost and 127.0.0.1; set 0 for other plain http.
        "SESSION_COOKIE_SECURE": env("SESSION_COOKIE_SECURE", "1") != "0",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "LOGIN_MAX_FAILURES": int(env("LOGIN_MAX_FAILURES", "5")),
        "LOGIN_MAX_FAILURES_PER_IP": int(env("LOGIN_MAX_FAILURES_PER_IP", "50")),
        "LOGIN_FAILURE_WINDOW": int(env("LOGIN_FAILURE_WINDOW", "900")),
        "OAUTH2_TOKEN_LIFETIME": int(env("OAUTH2_TOKEN_LIFETIME", "3600")),
        "BABEL_DEFAULT_LOCALE": "ko",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Seoul",
        "LANGUAGES": ("ko", "en"),
        # Demo mode (`make demo` sets CLUSTERHUB_DEMO=1): syncs read the generated samples through
        # the built-in sample server when no source is configured, and pages say so. Off in
        # production: a cluster without a configured source refuses to sync.
        "DEMO_MODE": env("CLUSTERHUB_DEMO", "0") == "1",
        "SAMPLE_DATA_NOTICE": env("SAMPLE_DATA_NOTICE", "1") != "0",
        # Caps on source files and pages (connectors/limits.py), e.g. CONNECTOR_LIMIT_XLSX_ROWS.
        **{k: v for k, v in os.environ.items() if k.startswith("CONNECTOR_LIMIT_")},
    }


def _instance_secret(instance_path: Path) -> str:
    """A random key kept in the instance folder, so sessions survive restarts without config."""
    path = instance_path / "secret_key"
    if not path.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
