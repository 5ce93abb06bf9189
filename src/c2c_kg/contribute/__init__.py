"""Contributed data: spreadsheets, YAML records and RDF files checked against the graph they join.

``readers`` parse the files safely (no network, size limits), ``mappings`` turn spreadsheet rows
into records declaratively (``data/mappings/*.yaml``), ``resolve`` finds the records that labels
and identifiers name, ``validate`` checks a contribution together with the graph, ``report``
prints the verdicts by record, and ``accept`` adds, lists and withdraws contributions.
"""
