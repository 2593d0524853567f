"""Account service: create users, assign roles with their company or cluster, passwords, status."""
from __future__ import annotations

import re

from sqlmodel import Session, select

from ..catalog import clusters
from ..errors import Conflict, Invalid, NotFound
from ..messages import N_
from . import passwords
from .models import Company, User
from .roles import MEMBER, OPERATOR, ROLES, Principal

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def normalise_email(email: str) -> str:
    """Lower-cased and trimmed; Invalid when it does not look like an address."""
    email = (email or "").strip().lower()
    if not EMAIL.match(email) or len(email) > 320:
        raise Invalid(N_("Give an e-mail address such as name@example.org."),
                      [{"path": "email", "message": N_("not an e-mail address")}])
    return email


def find(s: Session, email: str) -> User | None:
    """The user with this e-mail address, or None (also for malformed addresses)."""
    email = (email or "").strip().lower()
    return s.exec(select(User).where(User.email == email)).first()


def get(s: Session, email: str) -> User:
    user = find(s, email)
    if user is None:
        raise NotFound(N_("No user %(email)s."), email=repr(email))
    return user


def all_users(s: Session) -> list[tuple[User, Company | None]]:
    rows = s.exec(select(User, Company).join(Company, isouter=True).order_by(User.email)).all()
    return [(user, company) for user, company in rows]


def company_named(s: Session, name: str) -> Company:
    """The company of this name, created on first use."""
    name = " ".join(name.split())
    company = s.exec(select(Company).where(Company.name == name)).first()
    if company is None:
        company = Company(name=name)
        s.add(company)
        s.flush()
    return company


def _placement(s: Session, role: str, cluster: str | None, company: str | None):
    """(cluster, company id) for role: operators need a known cluster, only members a company."""
    if role not in ROLES:
        raise Invalid(N_("role must be one of %(roles)s."), [{"path": "role", "message": role}],
                      roles=", ".join(ROLES))
    cluster = (cluster or "").strip() or None
    company = (company or "").strip() or None
    if role == OPERATOR:
        if cluster is None:
            raise Invalid(N_("A cluster operator needs the cluster they run."),
                          [{"path": "cluster", "message": N_("missing")}])
        if clusters.get(s, cluster) is None:
            raise Invalid(N_("No cluster %(cluster)s."), [{"path": "cluster", "message": N_("unknown")}],
                          cluster=repr(cluster))
    elif cluster is not None:
        raise Invalid(N_("Only cluster operators belong to a cluster."),
                      [{"path": "cluster", "message": cluster}])
    if company is not None and role != MEMBER:
        raise Invalid(N_("Only company members belong to a company."),
                      [{"path": "company", "message": company}])
    return cluster, company_named(s, company).id if company else None


def create(s: Session, email: str, role: str, *, cluster: str | None = None,
           company: str | None = None, name: str = "", password: str | None = None) -> User:
    """A new user; without a password the user can only log in through OIDC."""
    email = normalise_email(email)
    if find(s, email) is not None:
        raise Conflict(N_("A user %(email)s exists already."), email=repr(email))
    cluster, company_id = _placement(s, role, cluster, company)
    user = User(email=email, name=name.strip(), role=role, cluster=cluster, company_id=company_id,
                password_hash=passwords.hash_password(password) if password else None)
    s.add(user)
    s.flush()
    return user


def assign_role(s: Session, user: User, role: str, *, cluster: str | None = None,
                company: str | None = None, source: str = "admin") -> User:
    """Give user role with its cluster or company; the session picks it up on the next request."""
    user.cluster, user.company_id = _placement(s, role, cluster, company)
    user.role, user.role_source = role, source
    s.add(user)
    return user


def set_password(s: Session, user: User, password: str | None) -> None:
    """Set (or with None remove) the local password, ending the user's other sessions."""
    user.password_hash = passwords.hash_password(password) if password else None
    user.session_epoch += 1
    s.add(user)


def end_sessions(s: Session, user: User) -> None:
    """End every open session of user (a logout): cookies signed for the old epoch stop working."""
    user.session_epoch += 1
    s.add(user)


def set_active(s: Session, user: User, active: bool) -> None:
    """Enable or disable the account; disabling ends its sessions at once."""
    if user.active and not active:
        user.session_epoch += 1
    user.active = active
    s.add(user)


def set_language(s: Session, user_id: int, language: str) -> None:
    """The language mail to this user is written in: "ko" or "en" (Invalid otherwise)."""
    if language not in ("ko", "en"):
        raise Invalid(N_("Choose Korean or English."), [{"path": "language", "message": N_("Choose Korean or English.")}])
    user = s.get(User, user_id)
    if user is not None:
        user.language = language
        s.add(user)


def principal(s: Session, user: User) -> Principal:
    company = s.get(Company, user.company_id) if user.company_id else None
    return Principal(id=user.id, email=user.email, name=user.name or user.email, role=user.role,
                     cluster=user.cluster, company=company.name if company else None)
