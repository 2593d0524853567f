"""The JSON API under /api/v1."""
from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from . import catalog, inquiries, openapi, push  # noqa: E402,F401  (register the routes on bp)
from . import reservations  # noqa: E402,F401  (calendars, reservations, statements: issue 15)
from . import suggest  # noqa: E402,F401  (autocomplete of the search box: issue 12)
