"""Local login: the same answer and the same work whether the account exists or not, throttled."""
from __future__ import annotations

from .. import db
from ..errors import Unauthenticated
from ..messages import N_
from ..models import utcnow
from . import accounts, passwords, throttle
from .models import User


class LoginFailed(Unauthenticated):
    code = "login_failed"


WRONG = N_("The e-mail address or the password is wrong.")


def check_password(email: str, password: str, ip: str, config) -> User:
    """The active user with this e-mail and password; LoginFailed or TooManyAttempts otherwise
    (config holds the throttle's limits)."""
    limits = throttle.Limits.from_config(config)
    account = (email or "").strip().lower()[:320]
    with db.session() as s:
        throttle.check(s, account, ip, limits)
        user = accounts.find(s, account)
        # verify() hashes a dummy when there is no user or no password: the timing is the same.
        if passwords.verify(user.password_hash if user else None, password or "") and user.active:
            throttle.clear(s, account)
            user.last_login_at = utcnow()
            s.add(user)
            return user
    with db.session() as s:
        throttle.record_failure(s, account, ip, limits)
    raise LoginFailed(WRONG)
