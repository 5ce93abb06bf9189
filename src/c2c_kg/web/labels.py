"""Labels for the IRIs on a page, fetched in one query (English first, then any)."""

from __future__ import annotations

__all__ = ["labels_for"]


def labels_for(dataset, iris: set[str]) -> dict[str, str]:
    """``iri -> label`` for those of ``iris`` that have an ``rdfs:label`` or ``skos:prefLabel``."""
    import pyoxigraph as ox

    iris = {i for i in iris if i}
    if not iris:
        return {}
    values = " ".join(str(ox.NamedNode(i)) for i in sorted(iris))
    query = ("SELECT ?s ?l WHERE { VALUES ?s { " + values + " } "
             "?s rdfs:label|skos:prefLabel ?l }")
    outcome = dataset.run(query, limit=10 * len(iris) + 10, timeout=10)
    found: dict[str, tuple[int, str]] = {}
    for subject, label in outcome.rows:
        rank = 0 if label.language == "en" else 1 if not label.language else 2
        if subject.value not in found or rank < found[subject.value][0]:
            found[subject.value] = (rank, label.value)
    return {iri: label for iri, (_, label) in found.items()}
