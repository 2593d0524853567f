"""Where the site may send a visitor back to: a path on this site, never another host.

A `next=` value is trusted only when it is a plain same-site path. Browsers drop tab and newline
from a URL and read a backslash as a slash, so `/%09/evil.example` or `/\\evil.example` would
pass a naive "starts with / but not //" test and then leave the site; any control character or
backslash therefore refuses the target outright.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")


def safe_next(target: object, default: str = "/") -> str:
    """target when it is a path on this site (`/…`, no scheme, host, control character or
    backslash), else default."""
    if not isinstance(target, str) or not target.startswith("/") or target.startswith("//"):
        return default
    if UNSAFE.search(target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
