"""Curated records, evidence and sources to validated named graphs (the build)."""
