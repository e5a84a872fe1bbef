"""Use cases: ingest → store → core → findings and reports."""
