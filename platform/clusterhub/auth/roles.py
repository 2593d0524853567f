"""The five roles, the signed-in principal and the checks other features call before acting."""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from typing import Callable

from flask import g
from flask_babel import lazy_gettext as _l

from ..errors import Forbidden, Unauthenticated
from ..i18n import N_

ANONYMOUS = "anonymous"
MEMBER = "member"
OPERATOR = "operator"
CURATOR = "curator"
ADMIN = "admin"
ROLES = (MEMBER, OPERATOR, CURATOR, ADMIN)  # the ones a user can hold
# When an identity provider sends several roles, the strongest wins.
RANK = {MEMBER: 1, OPERATOR: 2, CURATOR: 3, ADMIN: 4}
LABELS = {ANONYMOUS: _l("Anonymous"), MEMBER: _l("Company member"), OPERATOR: _l("Cluster operator"),
          CURATOR: _l("Curator"), ADMIN: _l("Administrator")}


@dataclass(frozen=True)
class Principal:
    """Who is asking: a signed-in user, or the anonymous visitor (id None)."""

    id: int | None
    email: str = ""
    name: str = ""
    role: str = ANONYMOUS
    cluster: str | None = None  # operators: the cluster they run (clusters.code)
    company: str | None = None  # company members: their company's name

    @property
    def is_authenticated(self) -> bool:
        return self.id is not None

    @property
    def label(self) -> str:
        return str(LABELS.get(self.role, self.role))

    def has_role(self, *roles: str) -> bool:
        """True when the principal holds one of roles; admins hold every role."""
        return self.is_authenticated and (self.role == ADMIN or self.role in roles)

    def operates(self, cluster: str) -> bool:
        """True for the operator of this cluster and for admins."""
        return self.role == ADMIN or (self.role == OPERATOR and self.cluster == cluster)


ANONYMOUS_USER = Principal(id=None)


def current_user() -> Principal:
    """The principal of this request (anonymous outside a session); loaded once per request."""
    principal = g.get("_clusterhub_principal")
    if principal is None:
        from .sessions import load_principal  # sessions needs Principal: import when first used

        principal = g._clusterhub_principal = load_principal()
    return principal


def require_login() -> Principal:
    """The signed-in principal, or Unauthenticated."""
    user = current_user()
    if not user.is_authenticated:
        raise Unauthenticated(N_("Please log in to continue."))
    return user


def require_role(*roles: str) -> Principal:
    """The principal if it holds one of roles (admins always do); Unauthenticated or Forbidden."""
    user = require_login()
    if not user.has_role(*roles):
        wanted = ", ".join(str(LABELS[r]) for r in roles)
        raise Forbidden(N_("This needs one of these roles: %(roles)s."), roles=wanted)
    return user


def require_cluster_operator(cluster: str) -> Principal:
    """The principal if it operates cluster (its operators and admins); else Forbidden."""
    user = require_login()
    if not user.operates(cluster):
        raise Forbidden(N_("Only the operators of cluster %(cluster)s and administrators may do this."),
                        cluster=repr(cluster))
    return user


def login_required(view: Callable) -> Callable:
    """Decorator: the view needs a signed-in user."""
    @wraps(view)
    def wrapper(*args, **kwargs):
        require_login()
        return view(*args, **kwargs)
    return wrapper


def role_required(*roles: str) -> Callable[[Callable], Callable]:
    """Decorator: the view needs one of roles (admins pass)."""
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            require_role(*roles)
            return view(*args, **kwargs)
        return wrapper
    return decorate


def cluster_operator_required(url_arg: str = "code") -> Callable[[Callable], Callable]:
    """Decorator: the view needs the operator of the cluster named by the URL argument (or admin)."""
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            require_cluster_operator(kwargs[url_arg])
            return view(*args, **kwargs)
        return wrapper
    return decorate
