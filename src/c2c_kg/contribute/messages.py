"""The words of the contribution rules, in English and Dutch; each says what is wrong and the fix.

SHACL results bring their own ``sh:message`` (in ``shapes/*.ttl``, in both languages where a
contribution can meet them); these are the rules that need the graph a contribution joins.
"""

from __future__ import annotations

__all__ = ["RULES", "say"]

RULES: dict[str, tuple[str, str]] = {
    "missing-value": (
        "'{field}' is empty but required: fill in the column.",
        "'{field}' is leeg maar verplicht: vul de kolom in.",
    ),
    "unknown-column": (
        "column '{value}' is not part of the '{kind}' format and was ignored: rename it to one of "
        "the documented columns (c2c-kg template {kind}) or remove it.",
        "kolom '{value}' hoort niet bij het formaat '{kind}' en is genegeerd: geef haar de naam "
        "van een beschreven kolom (c2c-kg template {kind}) of verwijder haar.",
    ),
    "missing-column": (
        "the required column '{field}' is missing: add it (see c2c-kg template {kind}).",
        "de verplichte kolom '{field}' ontbreekt: voeg haar toe (zie c2c-kg template {kind}).",
    ),
    "bad-year": (
        "'{value}' is not a year: write four digits, e.g. 1985.",
        "'{value}' is geen jaartal: schrijf vier cijfers, bijvoorbeeld 1985.",
    ),
    "bad-integer": (
        "'{value}' is not a whole number: write digits only, without separators.",
        "'{value}' is geen geheel getal: schrijf alleen cijfers, zonder scheidingstekens.",
    ),
    "bad-boolean": (
        "'{value}' is not true or false: write true or false (or ja/nee).",
        "'{value}' is geen waar of onwaar: schrijf true of false (of ja/nee).",
    ),
    "bad-value": (
        "'{value}' is not one of the allowed values ({allowed}): pick one of them.",
        "'{value}' is geen toegestane waarde ({allowed}): kies er een van.",
    ),
    "unknown-country": (
        "no country named or coded '{value}' is in the graph: write its English name or its ISO "
        "code as in the graph (e.g. Netherlands or nl), or contribute the country first.",
        "geen land met naam of code '{value}' in de graaf: schrijf de Engelse naam of de ISO-code "
        "zoals in de graaf (bijv. Netherlands of nl), of draag het land eerst bij.",
    ),
    "unknown-reference": (
        "no {what} '{value}' is in the graph or in this contribution: check the spelling and the "
        "country, give its Wikidata QID or id (municipality/xx/…), or add its record to the "
        "contribution.",
        "geen {what} '{value}' in de graaf of in deze bijdrage: controleer de spelling en het "
        "land, geef de Wikidata-QID of het id (municipality/xx/…), of voeg het record toe aan "
        "de bijdrage.",
    ),
    "unknown-code": (
        "no record in the graph has the identifier '{value}': check the code, or name the place "
        "by its label and country instead.",
        "geen record in de graaf heeft de code '{value}': controleer de code, of noem de plaats "
        "bij naam en land.",
    ),
    "ambiguous-name": (
        "'{value}' names more than one record ({candidates}): give the id or the Wikidata QID "
        "of the one you mean.",
        "'{value}' past bij meer dan één record ({candidates}): geef het id of de Wikidata-QID "
        "van het bedoelde record.",
    ),
    "duplicate": (
        "this duplicates {other}: the same {what} is already there; remove this record or "
        "merge the two.",
        "dit is een dubbel van {other}: hetzelfde {what} bestaat al; verwijder dit record of "
        "voeg de twee samen.",
    ),
    "curated-subject": (
        "{value} is already in the graph (curated, or another contribution): a contribution "
        "adds new records and may only link to existing ones; describe a change in an issue "
        "instead.",
        "{value} staat al in de graaf (beheerd, of uit een andere bijdrage): een bijdrage voegt "
        "nieuwe records toe en mag alleen naar bestaande verwijzen; beschrijf een wijziging in "
        "een issue.",
    ),
    "outside-namespace": (
        "{value} is not a record IRI (https://w3id.org/c2c-kg/id/…): a contribution describes "
        "records only, not the ontology, vocabularies or other datasets.",
        "{value} is geen record-IRI (https://w3id.org/c2c-kg/id/…): een bijdrage beschrijft "
        "alleen records, niet de ontologie, vocabulaires of andere datasets.",
    ),
    "unknown-term": (
        "{value} is not a property or class of the c2c-kg ontology or data/context.jsonld: fix "
        "the name, or ask for the term to be added first.",
        "{value} is geen eigenschap of klasse van de c2c-kg-ontologie of data/context.jsonld: "
        "verbeter de naam, of vraag eerst om de term toe te voegen.",
    ),
    "record-error": ("{value}", "{value}"),
    "mapping-error": (
        "the record cannot be mapped to RDF: {value}",
        "het record kan niet naar RDF worden omgezet: {value}",
    ),
}


def say(rule: str, **values: object) -> dict[str, str]:
    """The message of ``rule`` in every language, with ``values`` filled in."""
    english, dutch = RULES[rule]
    values = {k: ("" if v is None else str(v)) for k, v in values.items()}
    return {"en": english.format_map(_Blank(values)), "nl": dutch.format_map(_Blank(values))}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""
