"""Curation: overrides, hide/feature, merges, category mappings, thesaurus, the audit log."""
