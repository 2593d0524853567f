"""Connectors: one adapter per cluster that turns its native export into shared-schema listings."""
