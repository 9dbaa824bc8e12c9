"""A regional portal's jobs page as a candidate uses it: the council filter narrows the search,
the address carries it (?council=…), and the cards the script draws name the council as the
page's own cards do."""

import shutil
from pathlib import Path

import pytest
from conftest import built_and_served
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    """examples/portal, copied (its kept feed copies stay out of the work tree), built and served."""
    root = tmp_path_factory.mktemp("portal") / "site"
    shutil.copytree(ROOT / "examples" / "portal", root, ignore=shutil.ignore_patterns("public", ".jobsite"))
    with built_and_served(root, root / "public") as served:
        yield served


def references(page):
    return page.locator("#search-results [data-vacancy]").evaluate_all("els => els.map(e => e.dataset.vacancy)")


def test_the_council_filter_narrows_the_search_and_the_address_keeps_it(portal, chromium):
    url, index = portal
    assert len(index["councils"]) == 2
    slug, name = index["councils"][1]
    theirs = [v["r"] for v in index["vacancies"] if v["co"] == 1]
    assert 0 < len(theirs) < len(index["vacancies"])
    page = chromium.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(url + "jobs/")
    expect(page.locator("#job-search")).to_be_visible()
    page.select_option("#filter-council", slug)
    expect(page.locator("#search-results [data-vacancy]")).to_have_count(len(theirs))
    assert references(page) == theirs
    assert f"council={slug}" in page.url

    shared = chromium.new_context(viewport={"width": 375, "height": 667}).new_page()
    shared.goto(url + f"jobs/?council={slug}")
    expect(shared.locator("#search-results [data-vacancy]")).to_have_count(len(theirs))
    assert shared.input_value("#filter-council") == slug
    # Typing a council's name finds its roles too (on a phone the filters start folded).
    shared.click("#search-filters summary")
    shared.select_option("#filter-council", "")
    shared.fill("#search-q", name)
    expect(shared.locator("#search-results [data-vacancy]")).to_have_count(len(theirs))


def test_the_script_draws_portal_cards_as_the_page_does(portal, chromium):
    url, index = portal
    read_cards = "els => els.map(e => [e.dataset.vacancy, e.innerText.replace(/\\s+/g, ' ').trim()])"
    plain = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800}).new_page()
    plain.goto(url + "jobs/")
    served = dict(plain.locator("[data-vacancy]").evaluate_all(read_cards))
    scripted = chromium.new_context(viewport={"width": 1280, "height": 800}).new_page()
    scripted.goto(url + "jobs/")
    scripted.fill("#search-q", " ")
    expect(scripted.locator("#search-results [data-vacancy]").first).to_be_visible()
    drawn = dict(scripted.locator("#search-results [data-vacancy]").evaluate_all(read_cards))
    assert served and set(served) <= set(drawn)
    for reference, text in served.items():
        assert drawn[reference] == text, (reference, drawn[reference], text)
    assert all("Council" in t for t in served.values())
