"""A vacancy full of script payloads (tests/fixtures/payloads), built with the real binary and
opened in Chromium: hovered, focused, tabbed through, its details toggled. No payload may run,
and none may even be left for the Content-Security-Policy to block. A control page holding the
same raw HTML, unsanitised, shows that the harness does see payloads that run."""

import functools
import http.server
import re
import subprocess
import threading
from pathlib import Path

import pytest

PAYLOADS = Path(__file__).resolve().parents[2] / "tests/fixtures/payloads"

# Runs before any of the page's own script: where payloads report, and every policy violation.
WATCH = """
window.__pwned = [];
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.fixture
def watched(chromium):
    """A browser context in which every page reports payloads that run and policy violations."""
    context = chromium.new_context()
    context.add_init_script(WATCH)
    yield context
    context.close()


@pytest.fixture
def served(tmp_path, jobsite_binary):
    """The payload site built into a folder and served over HTTP, with a control page beside it."""
    out = tmp_path / "public"
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    run = subprocess.run(
        [str(jobsite_binary), "build", "--root", str(PAYLOADS), "--output", str(out), "--now", "2026-11-22T12:00:00Z", "--base-url", address],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    # The control: the body's raw HTML as it would be published with no sanitiser and no policy.
    body = (PAYLOADS / "content/jobs/payloads.md").read_text().split("---", 2)[2]
    raw = "\n".join(line for line in body.splitlines() if line.startswith("<"))
    (out / "control.html").write_text(f"<!doctype html><title>control</title><body>{raw}</body>")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield address
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def exercise(page):
    """Everything a reader might do to a page: hover, focus and click what is there, open details."""
    for element in page.locator("body *").all():
        if element.is_visible():
            element.hover(force=True, timeout=2000)
        for event in ("mouseover", "mouseenter", "focus", "animationstart"):
            element.dispatch_event(event)
    page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = !d.open; d.open = !d.open; })")
    for _ in range(40):
        page.keyboard.press("Tab")
    for element in page.locator("main [tabindex], main summary").all():
        element.focus()
        element.click(force=True, timeout=2000)
    page.wait_for_timeout(1500)  # an SVG animation's onbegin, a meta refresh


def test_no_payload_runs_in_a_real_browser_and_the_policy_has_nothing_to_block(served, watched):
    page = watched.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    # The control first: the same markup without jobsite does run script in this browser.
    page.goto(served + "control.html")
    exercise(page)
    ran = page.evaluate("window.__pwned")
    assert {"script", "onerror", "ontoggle", "srcdoc", "svg", "mouseover"} <= set(ran), f"the harness saw only {ran}"

    page.goto(served + "jobs/payloads/")
    assert "Safe formatting stays" in page.inner_text("main")
    assert page.locator("abbr[title]").count() == 1, "safe HTML is kept"
    exercise(page)
    assert page.url == served + "jobs/payloads/", "nothing navigated the page away"
    assert page.evaluate("window.__pwned") == []
    assert page.evaluate("window.__violations") == [], "a payload reached the page and only the policy stopped it"
    hrefs = page.eval_on_selector_all("a[href]", "(links) => links.map((a) => a.getAttribute('href'))")
    assert hrefs and all(re.match(r"^(https?:|mailto:|tel:|/|#)", h) for h in hrefs), hrefs
    assert page.locator("main iframe, main object, main embed, main form, main svg, main style, main script").count() == 0
    assert errors == []


def test_the_policy_stops_inline_script_that_a_template_lets_through(served, watched):
    """The second wall: if a site's own template printed script, the page's policy refuses it."""
    page = watched.new_page()
    page.goto(served + "jobs/payloads/")
    policy = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    scripts = next(d for d in policy.split("; ") if d.startswith("script-src ")).split()[1:]
    assert scripts == [served + "js/search.js"] and "unsafe" not in policy, policy
    # Insert what a careless template would print, under the page's own policy.
    page.evaluate(
        """() => {
          const s = document.createElement('script');
          s.textContent = "window.__pwned.push('inline')";
          document.body.append(s);
          const img = document.createElement('img');
          img.setAttribute('onerror', "window.__pwned.push('handler')");
          img.src = '/nothing.png';
          document.body.append(img);
        }"""
    )
    page.wait_for_timeout(1000)
    assert page.evaluate("window.__pwned") == []
    assert any(v.startswith("script-src") for v in page.evaluate("window.__violations")), page.evaluate("window.__violations")
