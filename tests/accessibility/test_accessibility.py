"""Accessibility and validity gates. Builds the sample site and every fixture site, then:
- runs axe-core in Debian's chromium on every page type (the sample site's, the example portal's,
  every fixture's pages) at 1280 and 320 pixels wide, with the
  WCAG 2.0/2.1/2.2 A and AA rules and best practice: zero violations;
- runs the Nu HTML Checker over every HTML file of the sample site and the example portal: zero
  errors;
- walks each page type with the Tab key: the skip link comes first, every link and control is
  reached in document order, and focus is always visible."""

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
BINARY = Path(os.environ.get("JOBSITE_BIN", ROOT / "target" / "debug" / "jobsite"))
NOW = "2026-11-22T12:00:00Z"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = HERE / "node_modules/axe-core/axe.min.js"
VNU = HERE / "node_modules/vnu-jar/build/dist/vnu.jar"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

# One page of each type in the sample site.
PAGE_TYPES = {
    "home": "index.html",
    "jobs listing": "jobs/index.html",
    "jobs search, filtered": "jobs/index.html?q=worker&level=social-worker&sort=closing",
    "team": "jobs/teams/fostering/index.html",
    "level": "jobs/levels/social-worker/index.html",
    "location": "jobs/locations/kestrel-house/index.html",
    "contract": "jobs/contracts/permanent/index.html",
    "open vacancy": "jobs/social-worker-children-with-disabilities/index.html",
    "closed vacancy": "jobs/team-manager-children-in-care/index.html",
    "campaign": "campaigns/asye-cohort-2027/index.html",
    "stories": "stories/index.html",
    "story with video": "stories/amira-first-year/index.html",
    "benefits": "benefits/index.html",
    "news": "news/index.html",
    "news item": "news/fostering-ofsted/index.html",
    "events": "events/index.html",
    "plain page": "about/index.html",
    "accessibility statement": "accessibility/index.html",
    "404": "404.html",
}

# One page of each type a regional portal adds (examples/portal).
PORTAL_PAGES = {
    "home": "index.html",
    "jobs search, by council": "jobs/index.html?council=harrowmere-borough-council",
    "council": "councils/harrowmere-borough-council/index.html",
    "level": "jobs/levels/newly-qualified-social-worker-asye/index.html",
    "council's vacancy": "jobs/harrowmere-borough-council-hbc-001/index.html",
    "pay benchmarks": "pay/index.html",
}


def need(tool: Path | str | None, what: str):
    if tool and Path(tool).exists():
        return
    message = f"{what} is missing (scripts/test installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def build(site: Path, out: Path, address: str) -> Path:
    """Builds `site` into `out` for `address`, where it is served: the pages' policy names the
    theme's script by its full address, as a host builds for its own address."""
    command = [str(BINARY), "build", "--root", str(site), "--output", str(out), "--now", NOW, "--base-url", address]
    run = subprocess.run(command, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return out


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Builds the sites into one folder each and serves that folder on loopback, as a host would
    (pages link to /css/site.css, which only resolves over HTTP)."""
    base = tmp_path_factory.mktemp("sites")
    # The example portal, copied so that nothing it makes lands in the work tree.
    portal = tmp_path_factory.mktemp("portal") / "site"
    shutil.copytree(ROOT / "examples/portal", portal, ignore=shutil.ignore_patterns("public", ".jobsite"))
    roots = {"sample": ROOT, "portal": portal}
    # `invalid` does not build and `lints` has content mistakes on purpose (for `jobsite check`).
    for fixture in sorted((ROOT / "tests/fixtures").iterdir()):
        if fixture.name not in ("invalid", "lints"):
            roots[fixture.name] = fixture
    servers, built = [], {}
    for name, root in sorted(roots.items()):
        folder = base / name
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
        address = f"http://127.0.0.1:{server.server_address[1]}/"
        build(root, folder, address)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        built[name] = (folder, address)
    yield built
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="module")
def browser():
    need(CHROMIUM, "Debian's chromium")
    need(AXE, "axe-core (npm)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


def pages_to_test(sites):
    """(name, file, url) of every page type of the sample site and the example portal, and every
    page of the fixtures."""
    pages = []
    for site, types in (("sample", PAGE_TYPES), ("portal", PORTAL_PAGES)):
        folder, url = sites[site]
        pages += [(f"{site}: {name}", folder / rel.split("?")[0], url + rel) for name, rel in types.items()]
    for name, (folder, url) in sites.items():
        if name not in ("sample", "portal"):
            for p in sorted(folder.rglob("*.html")):
                rel = p.relative_to(folder).as_posix()
                pages.append((f"{name}: {rel}", p, url + rel))
    return pages


def visit(page, url):
    """Opens `url`; on the jobs page, waits for the search script to show the search and draw the
    results, so the checks see the page as a candidate with JavaScript does."""
    page.goto(url)
    if page.locator("#job-search").count():
        page.locator("#job-search").wait_for(state="visible", timeout=10000)


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } })", TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(n['target'][0] for n in v['nodes'][:3])}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_no_violations_on_any_page_type(sites, browser, width):
    for name, path, _ in pages_to_test(sites):
        assert path.exists(), name
    # axe is added as an inline script, which the pages' Content-Security-Policy rightly refuses;
    # the checker (not the page) is let past the policy for this test only.
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    failures = {}
    for name, _, url in pages_to_test(sites):
        visit(page, url)
        found = axe_violations(page)
        if found:
            failures[name] = found
    context.close()
    assert not failures, json.dumps(failures, indent=2)


def test_every_page_fits_320_pixels_without_sideways_scrolling(sites, browser):
    context = browser.new_context(viewport={"width": 320, "height": 900})
    page = context.new_page()
    wide = []
    for name, _, url in pages_to_test(sites):
        visit(page, url)
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
            wide.append(name)
    context.close()
    assert not wide, wide


def test_the_nu_html_checker_finds_no_errors(sites, browser, tmp_path):
    need(VNU, "vnu-jar (npm)")
    need(shutil.which("java"), "Java")
    files = [str(p) for site in ("sample", "portal") for p in sorted(sites[site][0].rglob("*.html"))]
    # The jobs search as the script leaves it after a filtered search: the page's DOM, saved.
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    visit(page, sites["sample"][1] + PAGE_TYPES["jobs search, filtered"])
    filtered = tmp_path / "sample" / "jobs-search-filtered.html"
    filtered.parent.mkdir()
    filtered.write_text(page.content())
    assert "data-vacancy" in filtered.read_text()
    files.append(str(filtered))
    run = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", *files], capture_output=True, text=True)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '').split('/sample/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m.get("type") == "error"]
    assert not errors, "\n".join(errors)
    assert len(files) > 50


FOCUS_SCRIPT = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const transparent = (c) => c === 'transparent' || /rgba\(.*,\s*0\)$/.test(c);
  const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && !transparent(style.outlineColor))
    || (style.boxShadow !== 'none' && style.boxShadow !== '');
  return { tag: el.tagName, text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40),
           href: el.getAttribute('href'), visible };
}"""

FOCUSABLE_SCRIPT = """() => Array.from(document.querySelectorAll('a[href], button, input, select, textarea, summary, video[controls], [tabindex]:not([tabindex="-1"])'))
  .filter(el => el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true })).length"""


def test_a_keyboard_walk_starts_at_the_skip_link_reaches_everything_and_always_shows_focus(sites, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = []
    for name, rel in PAGE_TYPES.items():
        visit(page, sites["sample"][1] + rel)
        expected = page.evaluate(FOCUSABLE_SCRIPT)
        seen = []
        for _ in range(expected + 1):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS_SCRIPT)
            if focus is None:
                break
            if not focus["visible"]:
                problems.append(f"{name}: focus is not visible on {focus}")
            seen.append(focus)
        if not seen or seen[0]["href"] != "#main":
            problems.append(f"{name}: the first Tab stop is {seen[0] if seen else None}, not the skip link")
        if len(seen) < expected:
            problems.append(f"{name}: Tab reached {len(seen)} of {expected} interactive elements")
    context.close()
    assert not problems, "\n".join(problems)


def test_a_printed_vacancy_keeps_the_advert_and_drops_navigation_and_sharing(sites, browser):
    page = browser.new_page()
    page.goto(sites["sample"][1] + PAGE_TYPES["open vacancy"])
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.site-header nav', '.share', '.site-footer', '.skip-link', '.button:not(.key-facts .button)']
        .map(s => [s, Array.from(document.querySelectorAll(s)).every(e => getComputedStyle(e).display === 'none')])""")
    assert all(gone for _, gone in hidden), hidden
    # The key facts' Apply link stays, as text with the application address written out.
    apply = page.evaluate("""() => { const a = document.querySelector('.key-facts .apply .button');
        return [getComputedStyle(a).display, getComputedStyle(a, '::after').content, a.getAttribute('href')] }""")
    assert apply[0] == "inline" and apply[2] in apply[1] and apply[2].startswith("https://"), apply
    assert page.evaluate("getComputedStyle(document.querySelector('.advert')).display") != "none"
    assert "About the role" in page.inner_text("main")
    page.close()


def test_the_theme_turns_motion_off_when_people_ask_for_it(sites, browser):
    page = browser.new_page(reduced_motion="reduce")
    page.goto(sites["sample"][1])
    rules = page.evaluate("""() => Array.from(document.styleSheets).flatMap(sheet => Array.from(sheet.cssRules))
        .filter(rule => rule.media && rule.conditionText.includes('prefers-reduced-motion: reduce'))
        .map(rule => rule.cssText)""")
    assert rules and "animation: " in rules[0] and "none running none" in rules[0] and "transition: none" in rules[0], rules
    page.close()
