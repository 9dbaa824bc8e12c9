#!/usr/bin/env python3
"""The jobs page's search at scale: builds the benchmark's generated site (10,000 vacancies by
default) with the release binary, prints the size of /jobs/search.json raw and gzipped, then
opens /jobs/ in headless Chromium (Playwright) and times keystrokes: from the input event to the
results drawn and laid out, for a series of searches and filter changes. Prints a markdown table.

    python3 bench/search.py                   # 10,000 vacancies
    python3 bench/search.py --size 1000 --debug   # a smoke run with the debug build

Needs Playwright and Chromium, as the browser tests do (scripts/test installs both)."""

import argparse
import functools
import gzip
import http.server
import shutil
import statistics
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

NOW = "2026-11-22T12:00:00Z"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Each step as a candidate makes it: typing a word a letter at a time, then filters and sorts.
TYPED = ["f", "fo", "fos", "fost", "fostering", "fostering s", "fostering senior"]
SELECTS = [("#filter-level", 2), ("#filter-contract", 1), ("#search-sort", 1), ("#search-sort", 2), ("#filter-level", 0)]

TIME_INPUT = """([selector, value, index]) => {
  const field = document.querySelector(selector);
  const start = performance.now();
  if (field.tagName === 'SELECT') { field.selectedIndex = index; } else { field.value = value; }
  field.dispatchEvent(new Event('input', { bubbles: true }));
  document.body.getBoundingClientRect(); // the results laid out, not only built
  return [performance.now() - start, document.querySelectorAll('#search-results [data-vacancy]').length];
}"""


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = ROOT / "target" / "bench-search"
    shutil.rmtree(work, ignore_errors=True)
    generate(work, args.size)
    binary = ROOT / "target" / ("debug" if args.debug else "release") / "jobsite"
    if not args.debug:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    out = work / "public"
    # Built for the address it is served at: the pages' policy names the search script by it.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    command = [str(binary), "build", "--root", str(work / "jobsite"), "--output", str(out), "--now", NOW, "--base-url", address]
    subprocess.run(command, check=True, capture_output=True)
    raw = (out / "jobs/search.json").read_bytes()
    zipped = len(gzip.compress(raw, 6))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = address + "jobs/"
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    timings = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=FLAGS) if chromium else p.chromium.launch(args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url)
        page.locator("#job-search").wait_for(state="visible", timeout=60000)
        page.wait_for_timeout(500)
        for _ in range(3):
            for word in TYPED + [""]:
                ms, count = page.evaluate(TIME_INPUT, ["#search-q", word, 0])
                timings.append((f'type "{word}"', ms, count))
            for selector, index in SELECTS:
                ms, count = page.evaluate(TIME_INPUT, [selector, "", index])
                timings.append((f"{selector} option {index}", ms, count))
        browser.close()
    server.shutdown()

    all_ms = [ms for _, ms, _ in timings]
    print(f"| at {args.size:,} vacancies | figure |")
    print("|---|---:|")
    print(f"| /jobs/search.json | {len(raw) / 1e6:.2f} MB, {zipped / 1e6:.2f} MB gzipped |")
    print(f"| keystroke or filter change → results drawn and laid out, median of {len(all_ms)} | {statistics.median(all_ms):.1f} ms |")
    print(f"| the same, slowest | {max(all_ms):.1f} ms ({max(timings, key=lambda t: t[1])[0]}) |")


if __name__ == "__main__":
    main()
