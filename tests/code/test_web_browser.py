"""End-to-end tests in a real browser: headless Chromium (Debian's ``chromium``) driven by
Playwright, against ``c2c-kg serve`` on 127.0.0.1. Screenshots go to out/screenshots/.

Skipped only when Debian's Chromium is not installed (playwright itself is in the test extra);
CI installs it (see docs/web.md).
Playwright is never asked to download a browser: it launches /usr/bin/chromium.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium"
                                        if Path("/usr/bin/chromium").exists() else None)
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)",
                allow_module_level=True)

from playwright import sync_api  # noqa: E402  (in the test extra: a missing one is a failure)
from test_web import Serve, web_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "out" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root, store = web_store(tmp_path_factory.mktemp("browser"))
    server = Serve(root, store)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@contextmanager
def open_tab(browser, url: str):
    """A new page that fails the test on a request leaving ``url`` or on a script error."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    # offline: any request that leaves the server under test fails the test
    page.on("request", lambda r: None if r.url.startswith((url, "data:", "about:"))
            else outside.append(r.url))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # a Content-Security-Policy violation is logged to the console as an error
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert not outside, f"the page fetched from elsewhere: {outside}"
    assert not errors, f"script errors: {errors}"


@pytest.fixture
def tab(browser, site):
    with open_tab(browser, site.url) as page:
        yield page


@pytest.fixture(scope="module")
def chapter_site(built):
    """``c2c-kg serve`` on the project's own graph (the session's build, without the source)."""
    server = Serve(ROOT, built.store)
    yield server
    server.stop()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_map_to_partnership_to_evidence_in_three_clicks(tab, site):
    tab.goto(site.url + "/map")
    tab.wait_for_selector("#outlines path")
    assert tab.locator("#points circle").count() == 3
    assert tab.locator("#lines line").count() == 2
    assert tab.locator("#outlines path").count() > 20
    assert tab.inner_text("#count") == "2 of 2 lines shown"
    shot(tab, "1-map")
    tab.fill("#from", "1981")
    tab.fill("#to", "2000")
    # Riverton–Hillcrest (from 1980, no end) overlaps; Riverton–Lakeside is undated
    assert tab.inner_text("#count") == "2 of 2 lines shown"
    tab.uncheck("#undated")
    assert tab.inner_text("#count") == "1 of 2 lines shown"
    assert tab.locator("a.partnership[data-status=ended]").get_attribute("style") \
        == "display: none;"
    tab.fill("#to", "1979")
    tab.press("#to", "Enter")  # no reload: the filters stay
    assert tab.inner_text("#count") == "0 of 2 lines shown"
    assert tab.url.endswith("/map")
    shot(tab, "2-map-filtered")
    tab.select_option("#colour", "pair")
    assert tab.inner_text("#legend").startswith("Country pair: ━ xa–xb")
    assert tab.locator("a.partnership[data-status=active] line").get_attribute("stroke") \
        == tab.locator("a.partnership[data-status=ended] line").get_attribute("stroke")
    tab.select_option("#colour", "status")
    assert tab.locator("a.partnership[data-status=active] line").get_attribute("stroke") \
        != tab.locator("a.partnership[data-status=ended] line").get_attribute("stroke")
    tab.fill("#to", "")
    tab.fill("#from", "")
    tab.check("#undated")
    # click 1: the partnership's line on the map
    tab.click("a.partnership[data-status=active] line", force=True)
    tab.wait_for_url("**/id/partnership/riverton-hillcrest")
    assert tab.inner_text("h1") == "Riverton–Hillcrest"
    assert "characters 30–99" in tab.inner_text("table.evidence")
    assert "friendship pact with Hillcrest in 1980" in tab.inner_text("table.evidence blockquote")
    shot(tab, "3-partnership")
    # click 2: the evidence passage
    tab.click("table.evidence a[href='/source/mini/passage/30-99']")
    tab.wait_for_url("**/source/mini/passage/30-99")
    facts = tab.inner_text("table.facts")
    assert "oa:hasSource" in facts or "has source" in facts
    assert "characters 30–99" in tab.inner_text("#passage + table")
    shot(tab, "4-passage")


def test_chapter_map_to_partnership_to_evidence_in_three_clicks(browser, chapter_site):
    """On the real graph: the map draws Rotterdam–Casablanca from the lists' coordinates."""
    with open_tab(browser, chapter_site.url) as tab:
        tab.goto(chapter_site.url + "/")
        # click 1: the map, from the home page
        tab.click("a[href='/map']")
        tab.wait_for_url("**/map")
        tab.wait_for_selector("#outlines path")
        assert tab.locator("#points circle").count() == 26
        assert tab.inner_text("#count") == "13 of 13 lines shown"
        assert "9 of 35 places have no coordinates" in tab.inner_text("body")
        shot(tab, "chapter-1-map")
        # click 2: the partnership's line
        tab.click("a.partnership[href='/id/partnership/rotterdam-casablanca'] line", force=True)
        tab.wait_for_url("**/id/partnership/rotterdam-casablanca")
        assert "Rotterdam" in tab.inner_text("h1") and "Casablanca" in tab.inner_text("h1")
        passage = tab.locator("table.evidence a[href*='/passage/']").first
        href = passage.get_attribute("href")
        assert href.startswith("/source/van-ewijk-2013-ch1/passage/")
        shot(tab, "chapter-2-partnership")
        # click 3: its evidence passage
        passage.click()
        tab.wait_for_url("**" + href)
        assert "characters" in tab.inner_text("#passage + table")
        shot(tab, "chapter-3-passage")


def test_query_form_submit_page_and_follow_a_link(tab, site):
    tab.goto(site.url + "/queries")
    tab.click("text=Partnerships between two countries")
    tab.wait_for_url("**/queries/partnerships")
    tab.fill("input[name=country_a]", "id:country/xa")
    tab.fill("input[name=country_b]", "id:country/xb")
    tab.fill("input[name=size]", "1")
    tab.click("button[type=submit]")
    tab.wait_for_url("**/queries/partnerships?*")
    assert tab.locator("table.results tr").count() == 2  # header and one row
    assert "Riverton–Lakeside" in tab.inner_text("table.results")
    shot(tab, "5-query-page-1")
    tab.click("nav.pager >> nth=0 >> a[rel=next]")
    tab.wait_for_url("**page=2*")
    assert "Riverton–Hillcrest" in tab.inner_text("table.results")
    assert tab.locator("nav.pager >> nth=0 >> a[rel=prev]").count() == 1
    shot(tab, "6-query-page-2")
    tab.goto(site.url + "/queries/by_year?since=1900&name=Riverton")
    tab.click("table.results a[href='/id/partnership/riverton-hillcrest']")
    tab.wait_for_url("**/id/partnership/riverton-hillcrest")
    assert tab.locator("#evidence").count() == 1


def test_sparql_form_in_the_browser(tab, site):
    tab.goto(site.url + "/sparql")
    tab.fill("textarea[name=query]",
             "SELECT ?m ?l WHERE { ?m a c2c:Municipality ; rdfs:label ?l } ORDER BY ?l")
    tab.click("button[type=submit]")
    tab.wait_for_selector("table.results")
    assert tab.locator("table.results tr").count() == 4
    shot(tab, "7-sparql")


def test_timeline_and_tricky_label(tab, site):
    tab.goto(site.url + "/timeline")
    assert tab.locator("#timeline rect").count() == 3
    shot(tab, "8-timeline")
    tab.goto(site.url + "/id/actor/tricky")
    assert "<script>alert('x')</script>" in tab.inner_text("h1")
