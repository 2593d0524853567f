"""The catalog: clusters and listings as the database holds them."""
