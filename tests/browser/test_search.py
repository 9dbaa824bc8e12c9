"""The jobs page as a candidate uses it, in Debian's chromium driven by Playwright: type into the
search, combine a filter, change the sort, open a shared search address, find the first result in
the first screen on a laptop and a phone, and, without JavaScript, still see every open vacancy."""

import pytest
from playwright.sync_api import expect


def open_search(browser, url, width=1280, height=800):
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(url)
    expect(page.locator("#job-search")).to_be_visible()
    return page


def references(page):
    return page.locator("#search-results [data-vacancy]").evaluate_all("els => els.map(e => e.dataset.vacancy)")


def test_typing_narrows_filters_combine_sorting_reorders_and_the_address_restores_it(site, chromium):
    url, index = site
    everyone = [v["r"] for v in index["vacancies"]]
    page = open_search(chromium, url + "jobs/")
    assert references(page) == everyone, "with nothing typed, every open vacancy, newest first"
    expect(page.locator("#results-count")).to_have_text(f"{len(everyone)} open roles.")

    # Typing narrows at once, ignoring case; every word must match.
    page.fill("#search-q", "FOSTERING")
    fostering = [v["r"] for v in index["vacancies"] if "fostering" in (v["t"] + v["m"] + index["teams"][v["tm"]][1]).lower()]
    expect(page.locator("#results-count")).to_have_text(f"{len(fostering)} of {len(everyone)} open roles match.")
    assert references(page) == fostering and 0 < len(fostering) < len(everyone)
    assert "q=FOSTERING" in page.url

    # A filter combines with the search.
    level = index["vacancies"][everyone.index(fostering[0])]["lv"]
    page.select_option("#filter-level", index["levels"][level][0])
    both = [r for r in fostering if index["vacancies"][everyone.index(r)]["lv"] == level]
    expect(page.locator("#search-results [data-vacancy]")).to_have_count(len(both))
    assert references(page) == both
    assert f"level={index['levels'][level][0]}" in page.url

    # Sorting by closing date and by pay reorders what matches.
    page.fill("#search-q", "")
    page.select_option("#search-sort", "closing")
    at_level = [v for v in index["vacancies"] if v["lv"] == level]
    by_closing = [v["r"] for v in sorted(at_level, key=lambda v: v["k"])]
    expect(page.locator("#search-results [data-vacancy]").first).to_have_attribute("data-vacancy", by_closing[0])
    assert references(page) == by_closing
    page.select_option("#search-sort", "pay")
    by_pay = [v["r"] for v in sorted(at_level, key=lambda v: -v["p"])]
    expect(page.locator("#search-results [data-vacancy]").first).to_have_attribute("data-vacancy", by_pay[0])
    assert references(page) == by_pay

    # The address is the search: opened elsewhere, it restores the fields and the results.
    shared = page.url
    assert "sort=pay" in shared and "q=" not in shared
    other = open_search(chromium, shared, 375, 667)
    assert other.input_value("#filter-level") == index["levels"][level][0]
    assert other.input_value("#search-sort") == "pay"
    assert references(other) == by_pay

    # Keeping the search: the level's own feed, and the register-interest page told the level.
    feed = other.locator("#keep-search-feed")
    assert feed.get_attribute("href") == index["levels"][level][2]
    register = other.locator("#keep-search-register")
    if register.count():
        assert register.get_attribute("href").endswith(f"?level={index['levels'][level][0]}")


def test_accents_and_nothing_found_are_handled(site, chromium):
    url, index = site
    page = open_search(chromium, url + "jobs/")
    page.fill("#search-q", "Sócial wörker")
    plain = open_search(chromium, url + "jobs/?q=social+worker")
    assert references(page) == references(plain) and references(page)
    page.fill("#search-q", "no such role anywhere")
    expect(page.locator("#results-count")).to_have_text(f"0 of {len(index['vacancies'])} open roles match.")
    expect(page.locator("#search-results")).to_contain_text("No open roles match.")


@pytest.mark.parametrize("width,height", [(1280, 800), (375, 667)])
def test_the_first_result_starts_inside_the_first_screen(site, chromium, width, height):
    url, _ = site
    page = open_search(chromium, url + "jobs/", width, height)
    first = page.locator("#search-results .card-title").first.bounding_box()
    assert first["y"] + first["height"] <= height, f"the first result's title ends at {first['y'] + first['height']} px"
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= height / 5, f"the header takes {header['height']} px of {height}"


def test_without_javascript_every_open_vacancy_is_listed_page_by_page(site, chromium):
    url, index = site
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url + "jobs/")
    assert not page.locator("#job-search").is_visible(), "no search form that cannot work"
    seen = []
    while True:
        seen += page.locator("[data-vacancy]").evaluate_all("els => els.map(e => e.dataset.vacancy)")
        following = page.locator("a[rel=next]")
        if not following.count():
            break
        page.goto(following.first.evaluate("a => a.href"))
    assert seen == [v["r"] for v in index["vacancies"]]


def test_the_phone_menu_opens_without_javascript(site, chromium):
    url, _ = site
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.goto(url + "jobs/")
    jobs_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs")
    assert not jobs_link.is_visible()
    page.get_by_text("Menu").click()
    expect(jobs_link).to_be_visible()
    wide = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800}).new_page()
    wide.goto(url + "jobs/")
    expect(wide.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs")).to_be_visible()


@pytest.mark.parametrize("width,height", [(1280, 800), (375, 667)])
def test_a_vacancy_page_puts_pay_closing_and_apply_in_the_first_screen(site, chromium, width, height):
    url, index = site
    page = chromium.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(url + "jobs/social-worker-child-protection-harwood/")
    facts = page.locator(".key-facts")
    for label in ["Salary", "Closes", "Location", "Hours", "Contract"]:
        expect(facts.locator("dt", has_text=label)).to_be_visible()
    apply = facts.get_by_role("link", name="Apply for this job")
    box = apply.bounding_box()
    assert box["y"] + box["height"] <= height, f"the Apply button ends at {box['y'] + box['height']} px"
    # The phone number is a link a phone can call; other open roles follow.
    assert page.get_by_role("link", name="01632 960 418").get_attribute("href") == "tel:01632960418"
    team = page.locator("section", has=page.locator("#other-team-heading"))
    assert 1 <= team.locator("ul.other-roles li").count() <= 5


def test_the_working_pattern_filter_finds_flexible_roles(site, chromium):
    url, index = site
    names = [p[0] for p in index["patterns"]]
    page = open_search(chromium, url + "jobs/")
    page.select_option("#filter-pattern", "job-share")
    sharing = [v["r"] for v in index["vacancies"] if names.index("job-share") in v["wp"]]
    assert sharing, "the sample site has a job share"
    expect(page.locator("#search-results [data-vacancy]")).to_have_count(len(sharing))
    assert references(page) == sharing
    expect(page.locator("#search-results .card").first).to_contain_text("Job share")
    assert "pattern=job-share" in page.url


def test_closing_soonest_puts_rolling_adverts_after_every_dated_one(site, chromium):
    url, index = site
    rolling = [v["r"] for v in index["vacancies"] if "k" not in v]
    assert rolling, "the sample site has a rolling advert"
    expected = [v["r"] for v in sorted(index["vacancies"], key=lambda v: v.get("k", float("inf")))]
    page = open_search(chromium, url + "jobs/?sort=closing")
    expect(page.locator("#search-results [data-vacancy]").last).to_have_attribute("data-vacancy", expected[-1])
    assert references(page) == expected and expected[-len(rolling):] == rolling
    card = page.locator(f'#search-results [data-vacancy="{rolling[0]}"]')
    expect(card).to_contain_text("Open until filled")


def test_the_script_draws_each_card_as_the_page_does(site, chromium):
    """The cards the search draws say what the listing page's cards say, word for word, extra pay
    and visa sponsorship included."""
    url, index = site
    assert any("x" in v for v in index["vacancies"]) and any(v.get("vs") for v in index["vacancies"])
    read_cards = "els => els.map(e => [e.dataset.vacancy, e.innerText.replace(/\\s+/g, ' ').trim()])"
    plain = chromium.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800}).new_page()
    plain.goto(url + "jobs/")
    served = dict(plain.locator("[data-vacancy]").evaluate_all(read_cards))
    scripted = open_search(chromium, url + "jobs/")
    scripted.fill("#search-q", " ")
    drawn = dict(scripted.locator("#search-results [data-vacancy]").evaluate_all(read_cards))
    assert served and set(served) <= set(drawn)
    for reference, text in served.items():
        assert drawn[reference] == text, (reference, drawn[reference], text)
    assert any("Extra pay£" in t for t in served.values()) and any("Visa sponsorship available" in t for t in served.values())
