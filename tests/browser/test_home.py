"""The home page as a candidate first sees it: the offer, a search box and the count of open roles
in the first screen on a laptop and on a phone; searching lands on the jobs list, filtered; the
footer says how to reach the recruitment team."""

import pytest
from playwright.sync_api import expect


def ends_within(page, selector, height):
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    assert box["y"] + box["height"] <= height, f"{selector} ends at {box['y'] + box['height']} px of {height}"


@pytest.mark.parametrize("width,height", [(1280, 800), (375, 667)])
def test_the_offer_the_search_box_and_the_count_are_in_the_first_screen(site, chromium, width, height):
    url, index = site
    page = chromium.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(url)
    for selector in ["main h1", ".hero .lead", "#home-search", ".hero-search button"]:
        ends_within(page, selector, height)
    count = len(index["vacancies"])
    expect(page.locator("label[for=home-search]")).to_have_text(f"Search {count} open roles")
    assert page.locator("#home-search").get_attribute("type") == "search"


@pytest.mark.parametrize("width,height", [(1280, 800), (375, 667)])
def test_searching_from_the_home_page_lands_on_the_filtered_jobs_list(site, chromium, width, height):
    url, index = site
    page = chromium.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(url)
    page.fill("#home-search", "fostering")
    page.press("#home-search", "Enter")
    page.wait_for_url("**/jobs/?q=fostering")
    expect(page.locator("#job-search")).to_be_visible()
    assert page.input_value("#search-q") == "fostering"
    fostering = [v["r"] for v in index["vacancies"] if "fostering" in (v["t"] + " " + v["m"] + " " + index["teams"][v["tm"]][1]).lower()]
    assert 0 < len(fostering) < len(index["vacancies"])
    expect(page.locator("#search-results [data-vacancy]")).to_have_count(len(fostering))
    expect(page.locator("#results-count")).to_have_text(f"{len(fostering)} of {len(index['vacancies'])} open roles match.")


def test_the_footer_gives_the_recruitment_teams_contact_and_social_links(site, chromium):
    url, _ = site
    page = chromium.new_context(viewport={"width": 375, "height": 667}).new_page()
    page.goto(url + "jobs/")
    footer = page.locator("footer")
    expect(footer.get_by_role("heading", name="Talk to our recruitment team")).to_be_visible()
    assert footer.get_by_role("link", name="01632 960 123").get_attribute("href") == "tel:01632960123"
    assert footer.get_by_role("link", name="socialworkjobs@kestrelvale.example").get_attribute("href").startswith("mailto:")
    assert footer.get_by_role("link", name="LinkedIn").get_attribute("href").startswith("https://")
    expect(footer.get_by_role("link", name="Accessibility statement")).to_be_visible()


@pytest.mark.parametrize("width,height", [(1280, 800), (375, 667)])
def test_a_story_leads_a_reader_to_the_open_roles_in_its_team(site, chromium, width, height):
    url, index = site
    page = chromium.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(url + "stories/amira-first-year/")
    photo = page.locator("main img").first
    expect(photo).to_be_visible()
    assert photo.get_attribute("alt").startswith("An illustration of Amira")
    team = next(i for i, t in enumerate(index["teams"]) if t[1] == "Children in Care")
    in_team = {v["u"] for v in index["vacancies"] if v["tm"] == team}
    section = page.locator("section", has=page.get_by_role("heading", name="Open roles in Children in Care"))
    listed = [a.get_attribute("href") for a in section.locator("li a").all()]
    assert listed and set(listed) <= in_team and len(listed) == min(5, len(in_team)), (listed, in_team)
    section.get_by_role("link", name=f"See all {len(in_team)} open roles").click()
    page.wait_for_url("**/jobs/teams/children-in-care/")
    expect(page.locator("main [data-vacancy]")).to_have_count(len(in_team))
