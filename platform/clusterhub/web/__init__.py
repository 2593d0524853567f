"""Page and document blueprints."""
