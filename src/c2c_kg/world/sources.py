"""The twinning lists and how their rows are read: declared per source in ``mappings/*.yaml``.

Each mapping is a contribution-stage mapping (:func:`c2c_kg.contribute.mappings.load_mapping`:
``columns`` with ``field``, ``as``, ``values``, ``required``; ``record`` for fixed fields) plus a
``source`` block naming the file, the repository, commit, snapshot year and licence. A column's
``field`` is a field of a :class:`Row`: ``first.name``, ``second.country``, ``first.lat``,
``first.qid``, ``startYear``, ``form`` and so on. Reading is plain :mod:`csv`, fast enough for the
80,000 rows; a cell that is not what its column takes is kept as written and noted on the row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..contribute.mappings import Mapping, load_mapping
from ..errors import InputError

__all__ = ["MAPPINGS", "Row", "Side", "Source", "load_sources", "read_names", "read_rows"]

MAPPINGS = Path(__file__).parent / "mappings"
YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})(\.0)?$")
QID = re.compile(r"^(?:wd:|http://www\.wikidata\.org/entity/)?(Q[1-9][0-9]*)$")


@dataclass
class Side:
    """One place as a row names it."""

    name: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    qid: str = ""
    key: str = ""
    population: int | None = None


@dataclass
class Row:
    """One line of a source: two places, and what it says of their link."""

    source: str
    line: int
    first: Side = field(default_factory=Side)
    second: Side = field(default_factory=Side)
    startYear: int | None = None
    form: str = ""
    problems: list[str] = field(default_factory=list)


@dataclass
class Source:
    """A source file with its description and its column mapping."""

    id: str
    title: str
    mapping: Mapping
    meta: dict[str, Any]

    @property
    def file(self) -> str:
        return str(self.meta["file"])


def load_sources(folder: Path = MAPPINGS) -> list[Source]:
    """Every source mapping in ``folder``, in file-name order."""
    sources = []
    for path in sorted(folder.glob("*.yaml")):
        mapping = load_mapping(path)
        meta = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader).get("source")
        if not isinstance(meta, dict) or "id" not in meta or "file" not in meta:
            raise InputError(f"{path}: a world mapping needs a 'source' block with id and file.")
        sources.append(Source(str(meta["id"]), mapping.title, mapping, meta))
    return sources


def _convert(text: str, kind: str) -> Any:
    if kind == "decimal":
        return float(text)
    if kind == "integer":
        return int(text)
    if kind == "year":
        if not YEAR.match(text):
            raise ValueError(text)
        return int(text[:4])
    if kind == "qid":
        match = QID.match(text)
        if match is None:
            raise ValueError(text)
        return match.group(1)
    return text


def _keep(line: int, fraction: float) -> bool:
    """A fixed pseudo-random sample of lines (the same lines on every run)."""
    return fraction >= 1.0 or (line * 2654435761 % 4294967296) / 4294967296 < fraction


def read_rows(source: Source, folder: Path, *, fraction: float = 1.0) -> Iterator[Row]:
    """The rows of ``source``'s file in ``folder``, header = line 1 (unless ``header: false``)."""
    path = folder / source.file
    if not path.is_file():
        raise InputError(f"{path}: the file of source {source.id!r} is not there "
                         f"(see {source.mapping.path}).")
    delimiter = str(source.meta.get("delimiter", ","))
    has_header = source.meta.get("header", True) is not False
    columns = source.mapping.columns
    fixed = {k: v for k, v in source.mapping.record.items()}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        if has_header:
            header = next(reader, [])
            position = {h.strip(): i for i, h in enumerate(header)}
            missing = [c.header for c in columns if c.spec.get("required")
                       and c.header not in position]
            if missing:
                raise InputError(f"{path}, line 1: the header lacks the column(s) "
                                 f"{', '.join(missing)} that {source.mapping.path.name} requires.")
        else:
            position = {c.header: int(c.header) - 1 for c in columns}
        plan = [(position.get(c.header), c.spec.get("field", ""), c.spec.get("as", "text"),
                 c.spec.get("values"), bool(c.spec.get("required")), c.header) for c in columns]
        for cells in reader:
            line = reader.line_num
            if not cells or not any(cells) or cells[0].startswith("#"):
                continue
            if not _keep(line, fraction):
                continue
            row = Row(source.id, line)
            for target, value in fixed.items():
                _put(row, target, value)
            for index, target, kind, values, required, header in plan:
                text = cells[index].strip() if index is not None and index < len(cells) else ""
                if not text:
                    if required:
                        row.problems.append(f"no {header}")
                    continue
                if isinstance(values, dict):
                    if text not in values:
                        row.problems.append(f"{header} {text!r} is none of "
                                            f"{', '.join(map(str, values))}")
                        continue
                    text = str(values[text])
                try:
                    value = _convert(text, kind)
                except ValueError:
                    row.problems.append(f"{header} {text!r} is not a {kind}")
                    continue
                _put(row, target, value)
            yield row


def _put(row: Row, target: str, value: Any) -> None:
    head, _, tail = str(target).partition(".")
    if tail:
        setattr(getattr(row, head), tail, value)
    else:
        setattr(row, head, value)


def read_names(source: Source, folder: Path) -> dict[str, str]:
    """The names table of a source (``id<TAB>name``), or nothing."""
    name = source.meta.get("names")
    if not name:
        return {}
    path = folder / str(name)
    if not path.is_file():
        raise InputError(f"{path}: the names table of source {source.id!r} is not there.")
    names: dict[str, str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for cells in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(cells) >= 2 and cells[0].startswith("Q"):
                names.setdefault(cells[0].strip(), cells[1].strip())
    return names
