"""Every check of a project in one report: ontology QC, SHACL shapes and reasoner clashes, as
:class:`~c2c_kg.findings.Finding` rows (what ``c2c-kg check`` prints)."""

from __future__ import annotations

from ..findings import Finding, from_violation, sort_key
from ..project import Project

__all__ = ["project_findings"]


def project_findings(project: Project, *, shapes: bool = True,
                     clashes: bool = True) -> list[Finding]:
    """QC rows of the ontology, vocabularies, records, shapes and queries; with ``shapes`` the
    SHACL results of the mapped graph (as the build validates it); with ``clashes`` the simple
    OWL clashes (disjoint types, irreflexive properties, literals of the wrong type)."""
    from ..ontology.check import check_project
    from .build import assemble
    from .records import mapped_record_files

    found = list(check_project(project, mapped_record_files(project)))
    if shapes or clashes:
        built = assemble(project, reason=False)
        schema = built.graphs["schema"]
        if shapes:
            from .shacl import load_shapes, validate_graph

            report = validate_graph(built.union("data", "provenance", "links", "vocabularies"),
                                    load_shapes(project.shapes), schema)
            found += [from_violation(v) for v in report.violations]
        if clashes:
            from ..ontology.clash import clash_findings

            found += clash_findings(schema, built.union("vocabularies", "data"))
    return sorted(found, key=sort_key)
