"""The principal of the current request, and the view decorators built on the role checks."""
from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import g

from .roles import Principal, check_cluster_operator, check_login, check_role


def current_user() -> Principal:
    """The principal of this request (anonymous outside a session); loaded once per request."""
    principal = g.get("_clusterhub_principal")
    if principal is None:
        from .sessions import load_principal

        principal = g._clusterhub_principal = load_principal()
    return principal


def require_login() -> Principal:
    """The signed-in principal, or Unauthenticated."""
    return check_login(current_user())


def require_role(*roles: str) -> Principal:
    """The principal if it holds one of roles (admins always do); Unauthenticated or Forbidden."""
    return check_role(current_user(), *roles)


def require_cluster_operator(cluster: str) -> Principal:
    """The principal if it operates cluster (its operators and admins); else Forbidden."""
    return check_cluster_operator(current_user(), cluster)


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
