"""End to end in a real browser (Debian's chromium, driven by Playwright): open a vacancy in the
preview, edit its markdown, and watch the page change by itself; break the front matter and see
the error overlay; fix it and see the overlay go."""

import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def preview(tmp_path, jobsite_binary):
    site = tmp_path / "site"
    shutil.copytree(ROOT / "tests/fixtures/basic", site)
    process = subprocess.Popen(
        [str(jobsite_binary), "serve", "--root", str(site), "--port", "0", "--now", "2026-11-22T12:00:00Z"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = []
    url = None
    deadline = time.time() + 30
    while url is None and time.time() < deadline:
        line = process.stdout.readline()
        lines.append(line)
        if " at http://" in line:
            url = line.split(" at ")[1].split(" ")[0]
    assert url, "".join(lines)
    threading.Thread(target=lambda: [lines.append(l) for l in process.stdout], daemon=True).start()
    yield site, url
    process.terminate()
    process.wait(timeout=10)


def test_a_saved_edit_reloads_the_page_and_a_broken_file_shows_the_overlay(preview, chromium):
    site, url = preview
    vacancy = site / "content/jobs/open-fostering.md"
    good = vacancy.read_text()
    page = chromium.new_page()
    page.goto(url + "jobs/open-fostering/")
    assert "Advert for Fostering Social Worker." in page.inner_text("main")

    vacancy.write_text(good.replace("Advert for Fostering Social Worker.", "Edited in the editor, seen in the browser."))
    # Playwright's own matcher, not wait_for_function: a string predicate is evaluated with
    # eval, which the pages' Content-Security-Policy refuses (as it should).
    expect(page.locator("main")).to_contain_text("Edited in the editor, seen in the browser.", timeout=15000)

    vacancy.write_text(good.replace("team: Fostering", "team: Fostring"))
    overlay = page.locator("#jobsite-overlay")
    overlay.wait_for(state="visible", timeout=15000)
    text = overlay.inner_text()
    assert "content/jobs/open-fostering.md:5:7" in text and "unknown team `Fostring`" in text and "did you mean `Fostering`?" in text

    vacancy.write_text(good)
    overlay.wait_for(state="detached", timeout=15000)
    assert "Advert for Fostering Social Worker." in page.inner_text("main")


def page_source(page):
    """The page's HTML, or "" while it is between two loads."""
    try:
        return page.content()
    except Exception:  # the page navigated away mid-read: it is reloading
        return ""


def main_text(page):
    """The page's main text, or "" while it is between two loads."""
    try:
        return page.inner_text("main", timeout=1000)
    except Exception:  # the page navigated away mid-read: it is reloading
        return ""


def test_the_preview_keeps_working_under_a_content_security_policy(preview, chromium):
    site, url = preview
    (site / "templates").mkdir()
    base = (ROOT / "themes/default/templates/base.html").read_text()
    csp = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; style-src 'self' 'unsafe-inline'\">"
    (site / "templates/base.html").write_text(base.replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\">" + csp))
    vacancy = site / "content/jobs/open-fostering.md"
    page = chromium.new_page()
    deadline = time.time() + 15
    # The template change rebuilds the site and live reload may reload the page at any moment
    # here: a read that meets a navigation is retried, not failed.
    found = False
    while time.time() < deadline and not found:
        page.goto(url + "jobs/open-fostering/")
        found = "style-src 'self' 'unsafe-inline'" in page_source(page)
        if not found:
            time.sleep(0.2)
    assert found, "the site's own base template, with its policy, is served"
    vacancy.write_text(vacancy.read_text().replace("Advert for Fostering Social Worker.", "Reloaded despite the policy."))
    # Polled from here, not with a page script: the policy forbids evaluating strings.
    deadline = time.time() + 15
    while "Reloaded despite the policy." not in main_text(page):
        assert time.time() < deadline, "the page did not reload under the policy"
        time.sleep(0.1)
