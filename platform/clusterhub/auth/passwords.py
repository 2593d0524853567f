"""Password hashing for local accounts (Werkzeug's scrypt), with equal work for unknown accounts."""
from __future__ import annotations

import secrets
from functools import lru_cache

from werkzeug.security import check_password_hash, generate_password_hash

from ..errors import Invalid
from ..messages import N_

# scrypt is memory-hard and ships with Werkzeug (hashlib), so no extra native dependency;
# Werkzeug keeps the parameters in the hash, so stronger ones later still verify old hashes.
METHOD = "scrypt"
MIN_LENGTH = 10
MAX_LENGTH = 1024  # hashing a megabyte-long "password" would be a cheap denial of service


def check_policy(password: str) -> None:
    """Invalid unless the password is long enough (length beats composition rules, NIST 800-63B)."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise Invalid(N_("A password needs %(min)d to %(max)d characters."),
                      [{"path": "password", "message": N_("%(n)d characters"), "params": {"n": len(password)}}],
                      min=MIN_LENGTH, max=MAX_LENGTH)


def hash_password(password: str) -> str:
    check_policy(password)
    return generate_password_hash(password, method=METHOD)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return generate_password_hash(secrets.token_urlsafe(16), method=METHOD)


def verify(password_hash: str | None, password: str) -> bool:
    """Whether password matches; without a hash it still hashes once, so timing tells nothing."""
    if not password_hash or len(password) > MAX_LENGTH:
        check_password_hash(_dummy_hash(), password[:MAX_LENGTH])
        return False
    return check_password_hash(password_hash, password)
