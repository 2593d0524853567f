"""Failed-login throttling per account and per address, counted in the database for all workers."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func
from sqlmodel import Session, select

from ..errors import ServiceError
from ..messages import N_
from ..models import utcnow
from .models import LoginFailure


class TooManyAttempts(ServiceError):
    code = "too_many_attempts"


@dataclass(frozen=True)
class Limits:
    per_account: int
    per_ip: int
    window: timedelta

    @classmethod
    def from_config(cls, config) -> "Limits":
        return cls(per_account=int(config["LOGIN_MAX_FAILURES"]),
                   per_ip=int(config["LOGIN_MAX_FAILURES_PER_IP"]),
                   window=timedelta(seconds=int(config["LOGIN_FAILURE_WINDOW"])))


def check(s: Session, account: str, ip: str, limits: Limits) -> None:
    """TooManyAttempts when the account or the address failed too often within the window.

    Unknown accounts are counted like known ones, so the answer tells nothing about existence.
    """
    since = utcnow() - limits.window
    recent = select(func.count()).select_from(LoginFailure).where(LoginFailure.at >= since)
    by_account = s.exec(recent.where(LoginFailure.account == account)).one()
    by_ip = s.exec(recent.where(LoginFailure.ip == ip)).one()
    if by_account >= limits.per_account or by_ip >= limits.per_ip:
        minutes = max(1, int(limits.window.total_seconds() // 60))
        raise TooManyAttempts(N_("Too many failed logins. Wait %(minutes)d minutes and try again."),
                              minutes=minutes)


def record_failure(s: Session, account: str, ip: str, limits: Limits) -> None:
    """Count one failure, and forget those older than the window (the table stays small)."""
    s.exec(delete(LoginFailure).where(LoginFailure.at < utcnow() - limits.window))
    s.add(LoginFailure(account=account[:320], ip=ip[:64]))


def clear(s: Session, account: str) -> None:
    """A successful login forgives the account's failures (the address's stay counted)."""
    s.exec(delete(LoginFailure).where(LoginFailure.account == account))
