"""The sync engine: run a connector, validate, diff by content hash, apply in one transaction."""
