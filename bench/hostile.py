#!/usr/bin/env python3
"""Bodies shaped to make a build take time: a page of 8,000 identical headings (each needs an
anchor of its own) and one of 50,000 nested elements of raw HTML (an HTML parser's time grows with
the square of the depth). Builds and checks a copy of the test fixture holding each, prints the
wall time of every run, and fails if one took longer than its bound: 1 s with the release build
(about ten times what was measured), 10 s with the debug build.

    python3 bench/hostile.py            # release build
    python3 bench/hostile.py --debug    # a smoke run with the debug build"""

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-11-22T12:00:00Z"
FRONT = "---\ntitle: {title}\ndate: 2026-11-01\n---\n"
BODIES = {
    "8,000 identical headings": FRONT.format(title="Headings") + "## Same\n\n" * 8000,
    "50,000 nested div elements": FRONT.format(title="Nested") + "<div>\n" + "<div>" * 50000 + "x" + "</div>" * 50000 + "\n</div>\n",
    "50,000 nested blockquotes": FRONT.format(title="Quotes") + "<div>\n" + "<blockquote>" * 50000 + "x" + "</blockquote>" * 50000 + "\n</div>\n",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--debug", action="store_true")
    args = parser.parse_args()
    binary = ROOT / "target" / ("debug" if args.debug else "release") / "jobsite"
    if not args.debug:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    bound = 10.0 if args.debug else 1.0
    work = ROOT / "target" / "bench-hostile"
    print("| body | command | seconds |")
    print("|---|---|---|")
    slow = []
    for name, body in BODIES.items():
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(ROOT / "tests" / "fixtures" / "basic", work)
        (work / "content" / "news" / "hostile.md").write_text(body)
        for command in (["build", "--output", str(work / "public")], ["check"]):
            started = time.perf_counter()
            run = subprocess.run([str(binary), command[0], "--root", str(work), "--now", NOW, *command[1:]], capture_output=True, text=True)
            seconds = time.perf_counter() - started
            print(f"| {name} | {command[0]} | {seconds:.3f} |")
            if command[0] == "build" and run.returncode != 0:
                sys.exit(f"the build failed: {run.stderr}")
            if command[0] == "check" and "hostile.md" not in run.stdout + run.stderr:
                sys.exit(f"check said nothing of the body: {run.stdout}{run.stderr}")
            if seconds > bound:
                slow.append(f"{name}, {command[0]}: {seconds:.2f} s (bound {bound} s)")
    shutil.rmtree(work, ignore_errors=True)
    if slow:
        sys.exit("too slow: " + "; ".join(slow))


if __name__ == "__main__":
    main()
