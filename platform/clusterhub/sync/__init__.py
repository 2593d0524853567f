"""The sync engine: run a connector, validate and diff by content hash with no lock held, then
publish in one short transaction."""
