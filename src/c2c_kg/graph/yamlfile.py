"""Strict YAML for record files: one libyaml parse, line numbers, no duplicates, no aliases.

:func:`read_documents` parses a file once with libyaml (``yaml.CSafeLoader``; PyYAML's pure
Python ``SafeLoader`` when PyYAML was built without libyaml) and returns, per YAML document, the
constructed value together with its node tree, whose marks give the line of every record, field
and list item. While composing it refuses what PyYAML accepts silently:

- a key given twice in one mapping (PyYAML keeps the last value and loses the first), in the
  manner of LinkML's ``DupCheckYamlLoader``;
- anchors, aliases and merge keys (``&a``, ``*a``, ``<<``): records do not need them, and an
  alias bomb ("billion laughs") would otherwise expand to gigabytes.

Errors are :class:`~c2c_kg.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode

from ..errors import InputError

__all__ = ["LIBYAML", "Document", "line_of", "read_documents"]

#: True when PyYAML's C loader (libyaml) is available; else the slower pure-Python one is used.
LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))
_Base: type = yaml.CSafeLoader if LIBYAML else yaml.SafeLoader
if not LIBYAML:  # pragma: no cover - depends on how PyYAML was built
    warnings.warn("PyYAML was built without libyaml: record files are parsed by the pure-Python "
                  "loader, about ten times slower (same checks, same results).", stacklevel=2)
_MERGE = "tag:yaml.org,2002:merge"


class _Refused(yaml.MarkedYAMLError):
    """A construct we refuse, raised while composing so nothing is expanded."""


#: libyaml's parser with PyYAML's (Python) composer; the pure-Python loader has that composer.
_BASES: tuple[type, ...] = (Composer, _Base) if LIBYAML else (_Base,)


class _StrictLoader(*_BASES):  # type: ignore[misc]
    """libyaml's parser with PyYAML's composer, checking each node as it is composed."""

    def __init__(self, stream: str) -> None:
        _Base.__init__(self, stream)
        Composer.__init__(self)

    def compose_node(self, parent: Node | None, index: object) -> Node:
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
            kind = "alias" if isinstance(event, AliasEvent) else "anchor"
            raise _Refused(
                problem=f"a YAML {kind} ('{'*' if kind == 'alias' else '&'}{event.anchor}'); "
                f"anchors and aliases are not allowed in records: write the value out",
                problem_mark=event.start_mark)
        return super().compose_node(parent, index)

    def compose_mapping_node(self, anchor: str | None) -> MappingNode:
        node = super().compose_mapping_node(anchor)
        seen: dict[str, int] = {}
        for key, _ in node.value:
            if not isinstance(key, ScalarNode):
                raise _Refused(problem="a mapping key must be a plain word, not a list or "
                               "mapping", problem_mark=key.start_mark)
            if key.tag == _MERGE:
                raise _Refused(problem="a merge key ('<<') is not allowed in records: write "
                               "the fields out", problem_mark=key.start_mark)
            if key.value in seen:
                raise _Refused(
                    problem=f"the key '{key.value}' is given twice in one mapping (first on "
                    f"line {seen[key.value]}); YAML would keep only the last value: merge them",
                    problem_mark=key.start_mark)
            seen[key.value] = key.start_mark.line + 1
        return node


@dataclass(frozen=True)
class Document:
    """One YAML document of a file: its value and the node tree it was built from."""

    value: Any
    node: Node

    @property
    def line(self) -> int:
        return line_of(self.node)


def line_of(node: Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1


def read_documents(path: Path) -> list[Document]:
    """Every YAML document in ``path``, parsed once; :class:`InputError` naming file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(f"{path} does not exist.") from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason}).") from exc
    loader = _StrictLoader(text)
    documents: list[Document] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            documents.append(Document(loader.construct_document(node), node))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        kind = "refused YAML" if isinstance(exc, _Refused) else "malformed YAML"
        raise InputError(f"{where}: {kind}: {problem}.") from exc
    except RecursionError as exc:
        mark = loader.peek_event().start_mark if loader.check_event() else None
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise InputError(f"{where}: refused YAML: lists or mappings nested too deeply.") from exc
    finally:
        loader.dispose()
    return documents
