"""The ontology stage: reading the schema, reasoning, quality checks, documentation."""
