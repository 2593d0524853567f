"""next= never sends a visitor off the site: after login and from the language switch."""
from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from clusterhub.redirects import safe_next
from tests.clusterhub.auth.browser import add_user, log_in

CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f"]
# Each would reach evil.example once a browser drops the control character or reads \ as /.
HOSTILE = ([f"/{c}/evil.example" for c in CONTROLS] + [f"{c}//evil.example" for c in CONTROLS]
           + [f"/{c}\\evil.example" for c in CONTROLS] + [f"//{c}evil.example" for c in CONTROLS]
           + ["//evil.example/", "https://evil.example/", "/\\evil.example", "\\\\evil.example",
              "\\/evil.example", "/\\/evil.example", "/.\\evil.example", "http:/evil.example",
              "javascript:alert(1)", "evil.example", "", None, 42])


@pytest.mark.parametrize("target", HOSTILE, ids=repr)
def test_every_control_character_and_backslash_trick_falls_back(target):
    assert safe_next(target) == "/"
    assert safe_next(target, "/account") == "/account"


@pytest.mark.parametrize("target", ["/", "/search?q=%EC%84%B8%ED%8F%AC&region=jeju", "/listings/a:b:c",
                                    "/clusters/kmedihub#equipment", "/search?q=a//b"])
def test_same_site_paths_are_kept(target):
    assert safe_next(target) == target


def _lands_on_the_site(location: str) -> bool:
    parts = urlsplit(location)
    return parts.netloc in ("", "localhost") and parts.path == "/" and not parts.query


@pytest.mark.parametrize("control", CONTROLS, ids=lambda c: f"0x{ord(c):02x}")
def test_the_language_switch_stays_on_the_site(client, control):
    for target in (f"/{control}/evil.example", f"/{control}\\evil.example", f"{control}//evil.example"):
        r = client.get(f"/lang/en?next={quote(target, safe='')}")
        if control == "\x00":  # refused before any view (web/guards.py)
            assert r.status_code == 400, target
            continue
        assert r.status_code == 302 and _lands_on_the_site(r.headers["Location"]), (target, r.headers["Location"])


def test_the_language_switch_returns_to_the_page(client):
    r = client.get("/lang/en?next=/search%3Fq%3Dx")
    assert r.status_code == 302 and r.headers["Location"] == "/search?q=x"


def test_login_stays_on_the_site_for_every_control_character(client, app):
    add_user(app, "m@example.org", "member")
    for control in CONTROLS:
        for target in (f"/{control}/evil.example", f"/{control}\\evil.example"):
            r = log_in(client, "m@example.org", "correct horse battery", next=target)
            if control == "\x00":
                assert r.status_code == 400
                continue
            assert r.status_code == 302 and r.headers["Location"] == "/account", (repr(target), r.headers["Location"])
