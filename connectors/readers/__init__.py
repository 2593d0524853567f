"""Readers shared by connectors: CSV, XLSX, paged JSON, data.go.kr XML and the ZEUS API."""
