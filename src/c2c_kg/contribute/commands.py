"""What the contribution commands print: each runs one library call and renders its result."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import UsageError

__all__ = ["run_contribute", "run_contributions", "run_validate", "run_withdraw"]

FORMATS = ("text", "json", "turtle")
RDF_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}


def _project_store(root: Path | None, store: Path | None):
    from ..project import find_project

    project = find_project(root)
    return project, project.store_path(store)


def _progress():
    import time

    started = time.perf_counter()

    def say(step: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {step}", file=sys.stderr)

    return say


def _records(outcome) -> int:
    failed_rows = {(f.file, f.record) for f in outcome.findings if f.record.startswith("row ")}
    return len(outcome.items) + len(failed_rows)


def _print(outcome, fmt: str, lang: str) -> None:
    from .report import render_json, render_text, render_turtle

    if fmt == "json":
        sys.stdout.write(render_json(outcome.findings, lang))
    elif fmt == "turtle":
        sys.stdout.write(render_turtle(outcome.findings, outcome.subjects))
    else:
        sys.stdout.write(render_text(outcome.findings, _records(outcome), outcome.joined_source,
                                     lang))


def run_validate(files: list[Path], fmt: str, lang: str, only_valid: Path | None,
                 mapping: str | None, root: Path | None, store: Path | None) -> int:
    """Print the verdict on ``files``; 0 if valid, 1 if not (unreadable files raise, exit 2)."""
    from ..rdfio import atomic_write
    from ..terms import PREFIXES
    from .validate import check_files

    if fmt not in FORMATS:
        raise UsageError(f"Unknown format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if lang not in ("en", "nl"):
        raise UsageError(f"Unknown language {lang!r}; use en or nl.")
    if only_valid is not None and only_valid.suffix.lower() not in RDF_SUFFIXES:
        raise UsageError(f"--only-valid {only_valid}: use a .ttl, .nt or .jsonld file name.")
    project, store_path = _project_store(root, store)
    outcome = check_files(project, files, store_path=store_path, mapping=mapping,
                          progress=_progress())
    _print(outcome, fmt, lang)
    if only_valid is not None:
        graph = outcome.valid_graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        data = graph.serialize(format=RDF_SUFFIXES[only_valid.suffix.lower()], encoding="utf-8")
        atomic_write(only_valid, data)
        kept = len({s for s in graph.subjects()})
        print(f"Wrote {kept} valid record(s) ({len(graph)} triples) to {only_valid}",
              file=sys.stderr)
    return 0 if outcome.valid else 1


def run_contribute(file: Path, by: str, note: str, mapping: str | None, root: Path | None,
                   store: Path | None) -> int:
    from .accept import contribute
    from .report import render_text

    project, store_path = _project_store(root, store)
    contribution, added, outcome = contribute(project, file, by, store_path, note=note,
                                              mapping=mapping)
    if outcome is not None and not outcome.valid:
        sys.stdout.write(render_text(outcome.findings, _records(outcome), outcome.joined_source))
        print(f"c2c-kg: {file} was not added: fix the results above and run "
              f"'c2c-kg validate {file}' again. Nothing was written.", file=sys.stderr)
        return 1
    if not added:
        print(f"{file} is already contribution {contribution.id} (same sha256); nothing changed.")
        return 0
    print(f"Added {file} as contribution {contribution.id}: {contribution.triples} triples in "
          f"<{contribution.graph}>, kept in contributions/{contribution.id}/.")
    return 0


def run_contributions(root: Path | None, store: Path | None) -> str:
    from .accept import list_contributions

    project, _ = _project_store(root, store)
    found = list_contributions(project)
    if not found:
        return "No contributions yet.\n"
    lines = ["id\tcreated\tby\ttriples\tfile\tnote"]
    lines += [f"{c.id}\t{c.created}\t{c.by}\t{c.triples}\t{c.file}\t{c.note}" for c in found]
    return "\n".join(lines) + "\n"


def run_withdraw(cid: str, root: Path | None, store: Path | None) -> str:
    from .accept import withdraw

    project, store_path = _project_store(root, store)
    contribution = withdraw(project, cid, store_path)
    return f"Withdrew contribution {contribution.id} ({contribution.file} by {contribution.by})."
