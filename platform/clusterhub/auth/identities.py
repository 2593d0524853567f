"""OIDC identities to users: find or link the account, and take the role from the provider's claim."""
from __future__ import annotations

from sqlmodel import Session, select

from ..errors import Invalid
from ..messages import N_
from ..models import utcnow
from . import accounts
from .models import User
from .oidc import OidcFailed
from .roles import MEMBER, OPERATOR, RANK


def claimed_role(claims: dict, claim: str) -> str | None:
    """The strongest known role in the claim (a list, or a string split on spaces or commas)."""
    if not claim:
        return None
    value = claims.get(claim)
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    known = [v.strip().lower() for v in value or [] if isinstance(v, str) and v.strip().lower() in RANK]
    return max(known, key=RANK.__getitem__) if known else None


def _text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return str(value)[:200] if value else None


def _verified(claims: dict) -> bool:
    return claims.get("email_verified") in (True, "true")


def _find_or_link(s: Session, issuer: str, claims: dict) -> User | None:
    """The user of this identity; an account an admin created for its verified e-mail gets linked."""
    subject = str(claims["sub"])
    user = s.exec(select(User).where(User.oidc_issuer == issuer, User.oidc_subject == subject)).first()
    if user is not None:
        return user
    email = claims.get("email")
    user = accounts.find(s, email) if email else None
    if user is None:
        return None
    if not _verified(claims) or user.oidc_subject is not None:
        # Linking on an unverified address would hand the account to whoever typed it.
        raise OidcFailed(N_("An account with this e-mail address exists, but it is not linked to this "
                            "identity. Ask an administrator."))
    user.oidc_issuer, user.oidc_subject = issuer, subject
    return user


def user_for(s: Session, issuer: str, claims: dict, config) -> User:
    """The user to sign in for these validated claims (config names the claims to read); created
    as a company member on first login."""
    user = _find_or_link(s, issuer, claims)
    if user is None:
        try:
            email = accounts.normalise_email(claims.get("email") or "")
        except Invalid:
            raise OidcFailed(N_("The identity provider sent no e-mail address (scope 'email').")) from None
        user = User(email=email, role=MEMBER, oidc_issuer=issuer, oidc_subject=str(claims["sub"]))
        s.add(user)
    if not user.active:
        raise OidcFailed(N_("This account is disabled. Ask an administrator."))
    role = claimed_role(claims, config["OIDC_ROLE_CLAIM"])
    if role is not None:  # the provider speaks for the role; otherwise the admin's assignment stays
        # Providers often send every claim to everyone: only the one the role needs is used.
        cluster = _text(claims.get(config["OIDC_CLUSTER_CLAIM"])) if role == OPERATOR else None
        company = _text(claims.get(config["OIDC_COMPANY_CLAIM"])) if role == MEMBER else None
        try:
            accounts.assign_role(s, user, role, cluster=cluster, company=company, source="claim")
        except Invalid as exc:
            raise OidcFailed(N_("The identity provider's role claim cannot be used: %(reason)s"),
                             reason=exc) from exc  # shown in the page's language too
    if claims.get("name"):
        user.name = str(claims["name"])[:200]
    user.last_login_at = utcnow()
    s.add(user)
    s.flush()
    return user
