"""Alembic environment: the engine comes from the app, never from an ini file."""
from alembic import context
from sqlmodel import SQLModel

from clusterhub import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from clusterhub.catalog import models as catalog_models  # noqa: F401  (clusters, listings, flags)
from clusterhub.auth import models as auth_models  # noqa: F401  (users, clients, tokens)
from clusterhub.inquiries import models as inquiry_models  # noqa: F401  (requests, tickets)
from clusterhub.curation import models as curation_models  # noqa: F401  (overrides, audit)
from clusterhub.pathways import models as pathway_models  # noqa: F401  (templates, pathways, stages)
from clusterhub.reservations import models as reservation_models  # noqa: F401  (calendars, bookings)

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
