"""What the browser tests share: the jobsite binary and Debian's chromium driven by Playwright,
which fails (not skips) when CI=true and chromium is missing."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def jobsite_binary():
    return Path(os.environ.get("JOBSITE_BIN", ROOT / "target" / "debug" / "jobsite"))


@pytest.fixture
def chromium():
    """A headless chromium, closed after the test."""
    if not CHROMIUM:
        message = "Debian's chromium is not installed (scripts/test installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()
