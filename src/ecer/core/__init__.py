"""Pure accounting: plain functions over typed data. Imports nothing from storage, ingest, services,
reports, CLI, API or web (an import-linter contract in the tests proves it)."""
