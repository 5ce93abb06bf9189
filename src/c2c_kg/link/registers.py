"""The official Dutch municipality register (TOOI "Register gemeenten compleet"), with its history.

The register lists every municipality since 2000 with ``einddatum``/``begindatum`` and the events
(``Samenvoeging`` merger, ``Uitbreiding`` extension, ``Herschikking`` rearrangement) that ended a
municipality (``prov:invalidated``) and made or enlarged its successors (``prov:generated``,
``prov:used``). :meth:`TooiRegister.on` answers which municipality of a name existed in a year,
:meth:`TooiRegister.current` which municipality it became.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from .index import NameIndex
from .model import Entity, Query

__all__ = ["TOOI", "Succession", "TooiRegister"]

TOOI = "https://identifier.overheid.nl/tooi/"
ONT = TOOI + "def/ont/"
PROV = "http://www.w3.org/ns/prov#"
KIND = "municipality"


@dataclass(frozen=True)
class Succession:
    """One register event: ``ended`` was replaced by ``successor`` on ``date``."""

    ended: str
    successor: str
    date: dt.date
    event: str
    event_id: str


def _value(node: dict, key: str) -> str | None:
    values = node.get(key) or []
    if not values:
        return None
    first = values[0]
    return first.get("@value", first.get("@id"))


def _ids(node: dict, key: str) -> list[str]:
    return [v["@id"] for v in node.get(key) or [] if "@id" in v]


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _read(path: Path) -> list[dict]:
    try:
        nodes = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"The register file {path} does not exist.") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a JSON-LD register file ({exc}).") from exc
    if isinstance(nodes, dict):
        nodes = nodes.get("@graph", [])
    if not isinstance(nodes, list) or not all(isinstance(n, dict) and "@id" in n for n in nodes):
        raise InputError(f"{path}: expected expanded JSON-LD, a list of nodes each with @id "
                         f"(a TOOI 'register compleet' file).")
    return nodes


class TooiRegister:
    """Municipalities and their successions from a TOOI register file (and its provinces)."""

    label = "TOOI register"

    def __init__(self, path: Path, provinces: Path | None = None):
        self.path = path
        nodes = _read(path)
        self.date = next((_value(n, ONT + "publicatiedatum") for n in nodes
                          if _value(n, ONT + "publicatiedatum")), None)
        self.citation = next((n["@id"] for n in nodes if _value(n, ONT + "publicatiedatum")),
                             path.name)
        province_names = {}
        if provinces is None:
            guess = sorted(path.parent.glob("*provincie*"))
            provinces = guess[0] if guess else None
        if provinces is not None:
            province_names = {n["@id"]: _value(n, ONT + "officieleNaamExclSoort") or ""
                              for n in _read(provinces)}
        self.successions = self._successions(nodes)
        successors: dict[str, list[str]] = {}
        for s in self.successions:
            successors.setdefault(s.ended, []).append(s.successor)
        entities = []
        for node in nodes:
            code = _value(node, ONT + "gemeentecode")
            if not code:
                continue
            official = _value(node, ONT + "officieleNaamExclSoort") or ""
            preferred = _value(node, ONT + "voorkeursnaamExclSoort") or official
            province = _value(node, ONT + "ligtInProvincie") or ""
            end = _date(_value(node, ONT + "einddatum"))
            entities.append(Entity(
                id=node["@id"], name=preferred,
                names=tuple(n for n in {official} if n != preferred), kinds=(KIND,),
                country="nl", start=_date(_value(node, ONT + "begindatum")), end=end,
                successors=tuple(successors.get(node["@id"], ())),
                extra={"cbs": code, "province": province,
                       "province_name": province_names.get(province, "")}))
        if not entities:
            raise InputError(f"{path}: no municipality (tooi:gemeentecode) in this file; is it "
                             f"the TOOI register of municipalities?")
        self.index = NameIndex(entities)

    def lookup(self, query: Query) -> list[Entity]:
        return self.index.lookup(query)

    @staticmethod
    def _successions(nodes: list[dict]) -> list[Succession]:
        found = []
        for node in nodes:
            when = _date(_value(node, ONT + "tijdstipWijziging"))
            ended = _ids(node, PROV + "invalidated")
            after = _ids(node, PROV + "generated") + _ids(node, PROV + "used")
            if not (when and ended and after):
                continue
            event = node.get("@type", [""])[0].rsplit("/", 1)[-1]
            for old in ended:
                for new in after:
                    if new != old:
                        found.append(Succession(old, new, when, event, node["@id"]))
        return found

    def entity(self, entity_id: str) -> Entity | None:
        return self.index.get(entity_id)

    def current(self, entity_id: str, when: dt.date | None = None) -> list[str]:
        """The municipalities ``entity_id`` had become by ``when`` (today if None)."""
        entity, seen = self.entity(entity_id), set()
        if entity is None:
            return []
        frontier, result = [entity], []
        while frontier:
            item = frontier.pop()
            if item.id in seen:
                continue
            seen.add(item.id)
            ended = item.end is not None and (when is None or item.end < when)
            nexts = [self.entity(s) for s in item.successors] if ended else []
            if ended and any(nexts):
                frontier.extend(n for n in nexts if n)
            else:
                result.append(item.id)
        return sorted(result)

    def on(self, name: str, year: int) -> list[Entity]:
        """Municipalities named ``name`` (any variant) that existed in ``year``."""
        hits = self.index.lookup(Query("?", name), cutoff=100)
        return [e for e in hits if e.valid_in(year)]
