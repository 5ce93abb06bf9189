"""Linking the graph to other datasets: registers, a date-aware reconciler and link tables.

Reads only (records, register files, a names table, an RDF file, or a SPARQL endpoint through the
remote client) and writes only the link tables in ``data/links/`` and its own cache. The build maps
the tables into the links graph (:mod:`c2c_kg.graph.links`).
"""
