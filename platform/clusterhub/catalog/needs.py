"""Unmet needs: what users could not find, recorded for the foundation's gap-technology report."""
from __future__ import annotations

import re

from sqlmodel import Session

from ..errors import Invalid
from ..messages import N_
from .models import UnmetNeed

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_DESCRIPTION = 1000


def record(session: Session, *, query: str, filters: dict, description: str,
           contact_email: str = "", locale: str = "ko") -> UnmetNeed:
    """Store one need; Invalid names each field that is wrong."""
    description = (description or "").strip()
    contact_email = (contact_email or "").strip()
    errors = []
    if not description:
        errors.append({"path": "description", "message": N_("Describe what you need.")})
    elif len(description) > MAX_DESCRIPTION:
        errors.append({"path": "description",
                       "message": N_("Keep it under %(max)d characters (%(n)d now)."),
                       "params": {"max": MAX_DESCRIPTION, "n": len(description)}})
    if contact_email and not EMAIL.match(contact_email):
        errors.append({"path": "contact_email", "message": N_("This is not an e-mail address.")})
    if errors:
        raise Invalid(N_("The request could not be recorded."), errors)
    need = UnmetNeed(query=query[:200], filters=filters, description=description,
                     contact_email=contact_email or None, locale=locale)
    session.add(need)
    return need
