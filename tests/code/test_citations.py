"""The author-year citation finder, on short made-up sentences (never on the source text)."""

from __future__ import annotations

import pytest

from c2c_kg.convert.citations import by_work, find_citations, line_span, name_slug


def labels(text: str) -> list[str]:
    return [c.label for c in find_citations(text)]


def test_one_author_with_page_and_exact_offsets() -> None:
    text = "as proposed earlier (Hafteck 2003: 334), partners differ"
    [citation] = find_citations(text)
    assert citation.authors == ("Hafteck",)
    assert (citation.year, citation.letter, citation.pages) == (2003, "", "334")
    assert text[citation.start:citation.end] == "Hafteck 2003: 334"
    assert not citation.narrative
    assert citation.work_id == "work/hafteck-2003"


def test_two_authors_and_a_list_of_years() -> None:
    found = find_citations("mutual gains matter (Moss and Reyes 2006, 2009a, 2009b).")
    assert [c.year_label for c in found] == ["2006", "2009a", "2009b"]
    assert {c.authors for c in found} == {("Moss", "Reyes")}
    assert [c.work_id for c in found] == [
        "work/moss-2006", "work/moss-2009a", "work/moss-2009b"]
    text = "mutual gains matter (Moss and Reyes 2006, 2009a, 2009b)."
    assert text[found[1].start:found[1].end] == "Moss and Reyes 2006, 2009a"


def test_a_bare_year_after_a_semicolon_keeps_the_authors_before_it() -> None:
    assert labels("(Moss and Reyes 2007; 2009; Ortiz 2001)") == [
        "Moss and Reyes 2007", "Moss and Reyes 2009", "Ortiz 2001"]


def test_et_al_without_parentheses() -> None:
    [citation] = find_citations("studies such as Tan et al. 2006 show it")
    assert citation.et_al and citation.authors == ("Tan",)
    assert citation.label == "Tan et al. 2006"


def test_secondary_citation_is_flagged_and_the_source_is_found() -> None:
    found = find_citations("(Rossi 2002; Bianchi 2002, quoted in Moreau 2009a: 33)")
    assert labels("(Rossi 2002; Bianchi 2002, quoted in Moreau 2009a: 33)") == [
        "Rossi 2002", "Bianchi 2002", "Moreau 2009a"]
    assert [c.secondary for c in found] == [False, True, False]
    assert found[2].pages == "33"
    cited = find_citations("(Ring 1996, cited in Hart 2000: 63)")
    assert [c.secondary for c in cited] == [True, False]


def test_narrative_form_with_name_particles() -> None:
    [citation] = find_citations("Union. Van der Berg and Mamet (2002) stressed the role")
    assert citation.authors == ("Van der Berg", "Mamet")
    assert citation.narrative
    assert citation.work_id == "work/van-der-berg-2002"


def test_narrative_names_in_a_row() -> None:
    text = "Authors like Dolan (2002),\n\nGrey (2002) and Zeller (1991) disagree"
    assert labels(text) == ["Dolan 2002", "Grey 2002", "Zeller 1991"]
    assert all(c.narrative for c in find_citations(text))


def test_name_and_page_broken_over_lines() -> None:
    text = "a first line with (Acebillo-\n\nNuñez and Østby-Hansen 2011) and\nNoor (2003: \n\n334)"
    first, second = find_citations(text)
    assert first.authors == ("Acebillo-Nuñez", "Østby-Hansen")
    assert first.work_id == "work/acebillo-nunez-2011"
    assert line_span(text, first) == (1, 3)
    assert second.pages == "334"
    assert line_span(text, second) == (4, 6)


def test_organisations_and_comma_separated_authors() -> None:
    assert labels("Source: ABC 2009") == ["ABC 2009"]
    [joint] = find_citations("migrants (see XYZ, QRS 2006). Next")
    assert joint.authors == ("XYZ", "QRS")
    [ministry] = find_citations("a precondition (Ministerie van Buitenlandse Zaken 2013)")
    assert ministry.work_id == "work/ministerie-van-buitenlandse-zaken-2013"
    [office] = find_citations("(Figures from websites: Gemeente Utrecht O+S 2010)")
    assert office.authors == ("Gemeente Utrecht O+S",)
    assert office.work_id == "work/gemeente-utrecht-2010"


@pytest.mark.parametrize("pages, text", [
    ("22–27", "(ABC 2009: 22–27)"),
    ("5", "(Stone 2001, p. 5)"),
    ("12–14", "(Stone 2001, pp. 12-14)"),
])
def test_page_forms(pages: str, text: str) -> None:
    [citation] = find_citations(text)
    assert citation.pages == pages


@pytest.mark.parametrize("text", [
    "In 2010 the city grew and from 1990 onwards it shrank.",
    "Since 1994 a body of work has grown.",
    "the speech on 12 September 2006 and the murder (2 November 2004)",
    "In the 1960s and 1970s workers came.",
    "the Paris Declaration on Aid Effectiveness (2005) and the Agenda for Action (2008)",
    "USD 800 million in 2002, and 16,700,000 people; the programme (1993–2004)",
    "Between 2000 and 2010, towns joined.",
])
def test_dates_and_titles_are_not_citations(text: str) -> None:
    assert find_citations(text) == []


def test_a_journal_issue_named_by_title_and_year_is_found() -> None:
    [issue] = find_citations("published in a special issue in Urban Studies 2009, 33 (2).")
    assert issue.authors == ("Urban Studies",) and issue.pages is None


def test_name_slug_drops_diacritics_and_symbols() -> None:
    assert name_slug("Buček") == "bucek"
    assert name_slug("Østergaard-Nielsen") == "ostergaard-nielsen"
    assert name_slug("UN Habitat") == "un-habitat"
    assert name_slug("Gemeente Amsterdam O+S") == "gemeente-amsterdam"
    assert name_slug("O'Brien") == "obrien"


def test_by_work_groups_repeats_and_separates_colliding_works() -> None:
    text = "(Lee 2009; Lee and Kim 2009) and later (Lee 2009: 35; Park et al. 2001)"
    groups = by_work(find_citations(text))
    assert list(groups) == ["work/lee-2009", "work/lee-kim-2009", "work/park-2001"]
    assert [c.pages for c in groups["work/lee-2009"]] == [None, "35"]


def test_by_work_keeps_a_lone_co_authored_work_under_its_first_author() -> None:
    groups = by_work(find_citations("(see Ewing 2007; Ewing and Bode 2009)"))
    assert list(groups) == ["work/ewing-2007", "work/ewing-2009"]


def test_docstring_examples() -> None:
    import doctest

    import c2c_kg.convert.citations

    result = doctest.testmod(c2c_kg.convert.citations)
    assert result.attempted >= 4 and result.failed == 0
