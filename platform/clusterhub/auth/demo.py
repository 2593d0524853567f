"""Demo accounts, one per role, made only by `clusterhub demo load`: fixed passwords, demo only."""
from __future__ import annotations

from dataclasses import dataclass

from .. import db
from . import accounts, passwords
from .roles import ADMIN, CURATOR, MEMBER, OPERATOR


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: str
    cluster: str | None = None
    company: str | None = None
    name: str = ""


ACCOUNTS = (
    DemoAccount("admin@clusterhub.demo", "demo-admin-pass", ADMIN, name="Demo administrator"),
    DemoAccount("curator@clusterhub.demo", "demo-curator-pass", CURATOR, name="Demo curator"),
    DemoAccount("operator@clusterhub.demo", "demo-operator-pass", OPERATOR, cluster="kmedihub",
                name="Demo operator (KMEDIhub)"),
    DemoAccount("member@clusterhub.demo", "demo-member-pass", MEMBER, company="데모바이오(주)",
                name="Demo company member"),
)


def ensure_demo_accounts() -> tuple[DemoAccount, ...]:
    """Create the demo accounts, or put back their demo role and password, and return them."""
    with db.session() as s:
        for demo in ACCOUNTS:
            user = accounts.find(s, demo.email)
            if user is None:
                accounts.create(s, demo.email, demo.role, cluster=demo.cluster, company=demo.company,
                                name=demo.name, password=demo.password)
                continue
            accounts.assign_role(s, user, demo.role, cluster=demo.cluster, company=demo.company)
            accounts.set_active(s, user, True)
            if not passwords.verify(user.password_hash, demo.password):
                accounts.set_password(s, user, demo.password)
    return ACCOUNTS
