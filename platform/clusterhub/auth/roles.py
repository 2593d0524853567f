"""The five roles and the principal: who is asking and what it may do (no Flask; see current.py)."""
from __future__ import annotations

from dataclasses import dataclass
from ..errors import Forbidden, Unauthenticated
from ..messages import N_, Term

ANONYMOUS = "anonymous"
MEMBER = "member"
OPERATOR = "operator"
CURATOR = "curator"
ADMIN = "admin"
ROLES = (MEMBER, OPERATOR, CURATOR, ADMIN)  # the ones a user can hold
# When an identity provider sends several roles, the strongest wins.
RANK = {MEMBER: 1, OPERATOR: 2, CURATOR: 3, ADMIN: 4}
# Shown translated (messages.Term): templates write {{ _(user.label) }}.
LABELS = {ANONYMOUS: Term(N_("Anonymous")), MEMBER: Term(N_("Company member")),
          OPERATOR: Term(N_("Cluster operator")), CURATOR: Term(N_("Curator")),
          ADMIN: Term(N_("Administrator"))}


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
        return LABELS.get(self.role, self.role)

    def has_role(self, *roles: str) -> bool:
        """True when the principal holds one of roles; admins hold every role."""
        return self.is_authenticated and (self.role == ADMIN or self.role in roles)

    def operates(self, cluster: str) -> bool:
        """True for the operator of this cluster and for admins."""
        return self.role == ADMIN or (self.role == OPERATOR and self.cluster == cluster)


ANONYMOUS_USER = Principal(id=None)


def check_login(user: Principal) -> Principal:
    """user if signed in, else Unauthenticated."""
    if not user.is_authenticated:
        raise Unauthenticated(N_("Please log in to continue."))
    return user


def check_role(user: Principal, *roles: str) -> Principal:
    """user if it holds one of roles (admins always do); Unauthenticated or Forbidden."""
    check_login(user)
    if not user.has_role(*roles):
        raise Forbidden(N_("This needs one of these roles: %(roles)s."),
                        roles=[LABELS[r] for r in roles])
    return user


def check_cluster_operator(user: Principal, cluster: str) -> Principal:
    """user if it operates cluster (its operators and admins); else Forbidden."""
    check_login(user)
    if not user.operates(cluster):
        raise Forbidden(N_("Only the operators of cluster %(cluster)s and administrators may do this."),
                        cluster=repr(cluster))
    return user
