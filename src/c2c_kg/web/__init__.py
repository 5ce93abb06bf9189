"""The local web front: a read-only SPARQL endpoint, stored-query pages, resource pages and a map.

``c2c-kg serve`` runs :func:`c2c_kg.web.app.serve`. The stage sits after ``store``: it reads the
embedded store through :mod:`c2c_kg.store.embedded` and never writes to it.
"""
