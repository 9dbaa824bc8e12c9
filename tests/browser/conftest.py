"""What the browser tests share: the jobsite binary, Debian's chromium driven by Playwright (which
fails, not skips, when CI=true and chromium is missing), and a site built and served on loopback as
a host would serve it."""

import contextlib
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
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NOW = "2026-11-22T12:00:00Z"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def built_and_served(root: Path, out: Path):
    """Builds the site at `root` into `out` at NOW and serves `out` on loopback; yields its address
    and its search index."""
    binary = Path(os.environ.get("JOBSITE_BIN", ROOT / "target" / "debug" / "jobsite"))
    # Built for the address it is served at, as a host builds for its own address: the pages'
    # policy names the theme's script by its full address.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    run = subprocess.run(
        [str(binary), "build", "--root", str(root), "--output", str(out), "--now", NOW, "--base-url", address],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield address, json.loads((out / "jobs/search.json").read_text())
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The sample site, built once for every test that reads it, and served."""
    with built_and_served(ROOT, tmp_path_factory.mktemp("sample") / "public") as served:
        yield served


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
