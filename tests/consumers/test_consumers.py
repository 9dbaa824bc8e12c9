"""Real consumers read jobsite's feeds and structured data: feedparser, lxml (with the DWP XSD),
jsonschema (JSON Feed 1.1, with format checking) and extruct (schema.org JSON-LD).

Each test builds sites with the jobsite binary at a fixed --now, then reads the output the way a
job board or search engine would."""

import json
import re
import os
import shutil
import subprocess
from pathlib import Path

import extruct
import feedparser
import jsonschema
import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
NOW = "2026-11-22T12:00:00Z"
BINARY = Path(os.environ.get("JOBSITE_BIN", ROOT / "target" / "debug" / "jobsite"))


def build(site: Path, out: Path) -> Path:
    run = subprocess.run(
        [str(BINARY), "build", "--root", str(site), "--output", str(out), "--now", NOW],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    return out


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build(ROOT, tmp_path_factory.mktemp("sample") / "public")


@pytest.fixture(scope="module")
def basic(tmp_path_factory):
    return build(ROOT / "tests/fixtures/basic", tmp_path_factory.mktemp("basic") / "public")


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """The benchmark's generated site at 1,200 vacancies: the feed of every vacancy takes two pages."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import generate

    base = tmp_path_factory.mktemp("large")
    generate.generate(base, 1_200)
    return build(base / "jobsite", base / "public")


def sites(sample, basic):
    return [sample, basic]


def rss_feeds(site: Path):
    return sorted(p for p in site.rglob("feed.xml"))


def json_feeds(site: Path):
    """Every JSON Feed and every further page of one (feed-2.json, ...)."""
    return sorted(site.rglob("feed*.json"))


def open_references(site: Path):
    feed = json.loads((site / "jobs/feed.json").read_text())
    return {item["id"] for item in feed["items"]}


def test_every_rss_feed_is_read_by_feedparser_without_errors(sample, basic):
    for site in sites(sample, basic):
        feeds = rss_feeds(site)
        assert len(feeds) >= 3
        for path in feeds:
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
            assert parsed.version == "rss20"
            assert parsed.feed.title


def test_every_xml_file_parses_with_lxml(sample, basic):
    for site in sites(sample, basic):
        files = sorted(site.rglob("*.xml"))
        assert any(p.name == "indeed.xml" for p in files)
        for path in files:
            etree.parse(str(path))


def test_find_a_job_export_validates_against_its_xsd(sample, basic):
    schema = etree.XMLSchema(etree.parse(str(HERE / "find-a-job.xsd")))
    for site in sites(sample, basic):
        doc = etree.parse(str(site / "jobs/find-a-job.xml"))
        assert schema.validate(doc), schema.error_log
        # A vacancy open longer than 31 days is reposted as REF-1, REF-2, ...
        refs = {re.sub(r"-\d+$", "", r) if re.sub(r"-\d+$", "", r) in open_references(site) else r
                for r in (v.get("vacancyRefCode") for v in doc.getroot())}
        assert refs and refs <= open_references(site)


def test_json_feeds_validate_against_json_feed_1_1_with_format_checking(sample, basic):
    schema = json.loads((HERE / "jsonfeed-1.1.schema.json").read_text())
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    # Without rfc3339-validator and rfc3987 these formats are silently skipped.
    assert "date-time" in checker.checkers and "uri" in checker.checkers
    validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
    bad = {"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "1", "content_html": "", "date_published": "yesterday"}]}
    assert not validator.is_valid(bad), "format checking must reject a date that is not RFC 3339"
    for site in sites(sample, basic):
        for path in json_feeds(site):
            feed = json.loads(path.read_text())
            errors = list(validator.iter_errors(feed))
            assert not errors, f"{path}: {errors[0].message}"


def test_a_large_feed_is_paged_with_next_url_and_every_page_is_valid_json_feed(large):
    schema = json.loads((HERE / "jsonfeed-1.1.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    base = "https://bench.example/"
    url, ids, pages = base + "jobs/feed.json", [], 0
    while url:
        assert url.startswith(base), url
        page = json.loads((large / url[len(base):]).read_text())
        errors = list(validator.iter_errors(page))
        assert not errors, f"{url}: {errors[0].message}"
        assert page["feed_url"] == base + "jobs/feed.json"
        assert page.get("next_url") != page["feed_url"]
        ids += [item["id"] for item in page["items"]]
        pages += 1
        url = page.get("next_url")
    assert pages == 2
    assert len(ids) == len(set(ids)) == 1_200
    rss = feedparser.parse((large / "jobs/feed.xml").read_bytes())
    assert [entry.id for entry in rss.entries] == ids, "the pages keep the order of the whole feed"


def job_postings(html: str, url: str):
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld"], uniform=True)
    return [d for d in data["json-ld"] if d.get("@type") == "JobPosting"]


def test_exactly_one_job_posting_on_each_open_vacancy_page_and_none_elsewhere(sample, basic):
    for site in sites(sample, basic):
        feed = json.loads((site / "jobs/feed.json").read_text())
        open_pages = {item["url"].split("/jobs/")[1].strip("/") for item in feed["items"]}
        for page in sorted(site.rglob("*.html")):
            rel = page.relative_to(site).as_posix()
            postings = job_postings(page.read_text(), "https://example.org/" + rel)
            is_open_vacancy = rel.startswith("jobs/") and rel.count("/") == 2 and rel.split("/")[1] in open_pages
            assert len(postings) == (1 if is_open_vacancy else 0), rel


def test_job_posting_has_googles_required_and_recommended_properties(sample):
    page = (sample / "jobs/social-worker-children-with-disabilities/index.html").read_text()
    [p] = job_postings(page, "https://careers.kestrelvale.example/")
    assert p["@context"] == "https://schema.org"
    assert p["title"] == "Social Worker, Children with Disabilities"
    assert p["description"].startswith("<p>") and p["description"] != p["title"]
    assert p["datePosted"] == "2026-10-19T00:00:00+01:00"
    assert p["validThrough"] == "2026-12-07T23:59:59+00:00"
    assert p["employmentType"] == "PART_TIME"
    org = p["hiringOrganization"]
    assert org["name"] == "Kestrel Vale Council" and org["sameAs"].startswith("https://") and org["logo"].startswith("https://")
    address = p["jobLocation"]["address"]
    assert p["jobLocation"]["@type"] == "Place" and address["@type"] == "PostalAddress"
    assert (address["postalCode"], address["addressCountry"]) == ("KV1 2AB", "GB")
    salary = p["baseSalary"]
    assert salary["@type"] == "MonetaryAmount" and salary["currency"] == "GBP"
    value = salary["value"]
    assert value["@type"] == "QuantitativeValue" and value["unitText"] == "YEAR"
    # A part-time post carries the actual pay for its hours, not the full-time figures.
    assert (value["minValue"], value["maxValue"]) == (22521.28, 25186.62)
    assert isinstance(value["minValue"], (int, float))
    assert p["identifier"] == {"@type": "PropertyValue", "name": "Kestrel Vale Council", "value": "KVC-CS-007"}
    assert p["directApply"] is False
    # Everything in it is visible on the page.
    for text in ["KVC-CS-007", "KV1 2AB", "£37,035 to £41,418 a year", "7 December 2026", "19 October 2026", "Part-time"]:
        assert text in page


def test_a_rolling_advert_has_no_expiry_in_its_job_posting_or_feeds(sample):
    page = (sample / "jobs/locum-social-worker-children-in-care/index.html").read_text()
    [p] = job_postings(page, "https://careers.kestrelvale.example/")
    assert "validThrough" not in p, "Google asks for validThrough only when the job expires"
    assert p["datePosted"] and p["title"] == "Locum Social Worker, Children in Care"
    assert "Open until filled" in page
    feed = json.loads((sample / "jobs/feed.json").read_text())
    [item] = [i for i in feed["items"] if i["id"] == "KVC-CS-018"]
    assert item["_vacancy"]["rolling"] is True and "closes" not in item["_vacancy"]
    rss = feedparser.parse((sample / "jobs/feed.xml").read_bytes())
    [entry] = [e for e in rss.entries if e.id == "KVC-CS-018"]
    assert entry.get("vacancy_rolling") == "true" and "vacancy_closes" not in entry


def test_several_locations_and_contract_types_become_arrays(basic):
    page = (basic / "jobs/escaping/index.html").read_text()
    [p] = job_postings(page, "https://careers.test.example/")
    assert isinstance(p["jobLocation"], list) and len(p["jobLocation"]) == 2
    assert p["employmentType"] == ["FULL_TIME", "TEMPORARY"]
    assert p["baseSalary"]["value"] == {"@type": "QuantitativeValue", "unitText": "HOUR", "value": 28.5}


def test_home_page_has_organization_and_website(sample):
    data = extruct.extract((sample / "index.html").read_text(), syntaxes=["json-ld"], uniform=True)["json-ld"]
    assert sorted(d["@type"] for d in data) == ["Organization", "WebSite"]


TRICKY = "Tom & Jerry's <b>\"Quoted\"</b> Rôle ]]>"


def test_special_characters_come_out_exact_in_every_format(basic):
    rss = etree.parse(str(basic / "jobs/feed.xml"))
    titles = [t.text for t in rss.iterfind("channel/item/title")]
    assert TRICKY in titles
    assert feedparser.parse((basic / "jobs/feed.xml").read_bytes()).bozo == 0
    guids = [g.text for g in rss.iterfind("channel/item/guid")]
    assert "T-&<007>" in guids
    feed = json.loads((basic / "jobs/feed.json").read_text())
    assert TRICKY in [i["title"] for i in feed["items"]]
    indeed = etree.parse(str(basic / "jobs/indeed.xml"))
    assert TRICKY in [t.text for t in indeed.iterfind("job/title")]
    dwp = etree.parse(str(basic / "jobs/find-a-job.xml"))
    assert TRICKY in [t.text for t in dwp.iterfind("Vacancy/Title")]
    [p] = job_postings((basic / "jobs/escaping/index.html").read_text(), "https://careers.test.example/")
    assert p["title"] == TRICKY


def all_feed_text(site: Path) -> str:
    files = list(site.rglob("feed.xml")) + list(site.rglob("feed.json")) + [site / "jobs/indeed.xml", site / "jobs/find-a-job.xml"]
    return "\n".join(p.read_text() for p in files)


def test_a_closed_vacancy_appears_in_no_feed(basic):
    text = all_feed_text(basic)
    assert "T-002" not in text and "Closed Fostering Role" not in text
    assert "T-001" in text


def test_a_vacancy_keeps_its_guid_when_title_file_name_and_dates_change(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(ROOT / "tests/fixtures/basic", site)
    before = build(site, tmp_path / "before")
    old = site / "content/jobs/open-fostering.md"
    text = old.read_text().replace("Fostering Social Worker", "Supervising Social Worker").replace("2026-11-01", "2026-11-03").replace("2026-12-07", "2026-12-14")
    old.unlink()
    (site / "content/jobs/supervising-social-worker.md").write_text(text)
    after = build(site, tmp_path / "after")

    def guid_of(public, title):
        feed = feedparser.parse((public / "jobs/feed.xml").read_bytes())
        return next(e.id for e in feed.entries if e.title == title)

    assert guid_of(before, "Fostering Social Worker") == guid_of(after, "Supervising Social Worker") == "T-001"


def test_feeds_are_announced_on_their_pages(sample):
    jobs = (sample / "jobs/index.html").read_text()
    assert '<link rel="alternate" type="application/rss+xml"' in jobs and "/jobs/feed.xml" in jobs
    assert 'type="application/feed+json"' in jobs
    team = (sample / "jobs/teams/fostering/index.html").read_text()
    assert "/jobs/teams/fostering/feed.xml" in team
    assert "/news/feed.xml" in (sample / "news/index.html").read_text()


def test_every_page_has_open_graph_and_twitter_tags(sample):
    for page in sorted(sample.rglob("*.html")):
        html = page.read_text()
        for tag in ['property="og:title"', 'property="og:url"', 'property="og:type"', 'name="twitter:card"']:
            assert tag in html, f"{page}: {tag}"


def test_sitemap_lists_open_vacancies_with_lastmod_and_no_closed_ones(sample):
    doc = etree.parse(str(sample / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in doc.iterfind("s:url", ns)}
    for item in json.loads((sample / "jobs/feed.json").read_text())["items"]:
        assert entries[item["url"]] == item["date_modified"][:10]
    assert not any("team-manager-children-in-care" in url for url in entries)


def test_the_events_calendars_parse_as_icalendar_with_stable_ids(sample):
    import icalendar
    from datetime import datetime, timedelta

    page = (sample / "events/index.html").read_text()
    upcoming = re.findall(r'<li id="([^"]+)" class="event">', page)
    assert upcoming, "the sample site has upcoming events"
    whole = icalendar.Calendar.from_ical((sample / "events/calendar.ics").read_bytes())
    assert str(whole["VERSION"]) == "2.0" and str(whole["PRODID"]).startswith("-//jobsite//")
    events = whole.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [f"{stem}@careers.kestrelvale.example" for stem in upcoming]
    titles = re.findall(r'<li id="[^"]+" class="event">\s*<h2>([^<]+)</h2>', page)
    for event, stem, title in zip(events, upcoming, titles):
        assert str(event["SUMMARY"]) == title.replace("&#x27;", "'").replace("&apos;", "'").replace("&amp;", "&")
        start = event.decoded("DTSTART")
        assert isinstance(start, datetime) and start.utcoffset() == timedelta(0), start
        if "DTEND" in event:
            assert event.decoded("DTEND") > start
        assert f"/events/#{stem}" in str(event["DESCRIPTION"]) or f"/events/#{stem}" in str(event["URL"])
        # Each event's own file holds that event alone, with the same UID.
        own = icalendar.Calendar.from_ical((sample / f"events/{stem}.ics").read_bytes())
        assert [str(e["UID"]) for e in own.walk("VEVENT")] == [str(event["UID"])]
        assert f'href="/events/{stem}.ics"' in page
    # Commas and semicolons in the text come back as written, not as escapes.
    located = [e for e in events if "LOCATION" in e]
    assert located and all("\\," not in str(e["LOCATION"]) and "," in str(e["LOCATION"]) for e in located)
