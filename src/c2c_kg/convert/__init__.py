"""Source documents to RDF: structure, citations, mentions, candidate facts."""
