#!/usr/bin/env python3
"""The portal benchmark: a regional or national portal built from many councils' JSON Feeds served
on loopback, beside one council's site of the same number of vacancies built from markdown.

    python3 bench/portal.py                                  # 150 councils, 30,000 vacancies, 3 runs
    python3 bench/portal.py --councils 10 --vacancies 200 --runs 1 --debug   # CI's smoke run

Each council's feed is what jobsite publishes at /jobs/feed.json: JSON Feed 1.1 with `_vacancy`,
in pages of 1,000 items joined by `next_url`. Some councils name their levels and teams the way
the portal's aliases expect. The feeds are served by a threaded loopback HTTP server that answers
`If-Modified-Since` with 304, as a council's static host does.

Timed (medians; peak memory is the largest of the runs), jobsite runs taking turns:
- portal, cold: no output folder and no kept copies (the --cache-dir folder), as on a fresh clone;
- portal, feeds unchanged: every council answers 304, as on most of a day's 15-minute rebuilds;
- portal, a tenth of the feeds changed: those councils answer 200 with a new feed;
- portal, offline: from the kept copies, with no requests at all;
- single site, cold and rebuild: the same number of vacancies as one council's markdown."""

import argparse
import filecmp
import functools
import http.server
import json
import multiprocessing
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # noqa: E402
from generate import LEVELS, SENTENCES, TEAMS, generate  # noqa: E402

PAGE = 1000  # items per feed page, as jobsite writes them
# How some councils name the portal's levels and teams (the portal lists these as aliases).
LEVEL_ALIASES = {"Newly Qualified Social Worker (ASYE)": "Social Worker (ASYE)", "Team Manager": "Practice Manager"}
TEAM_ALIASES = {"Assessment & Child Protection": "Child Protection", "Fostering": "Fostering Service"}


ANSWERS = {}  # status code → how many times the feed server answered it, since last cleared


class Feeds(http.server.SimpleHTTPRequestHandler):
    def log_request(self, code="-", size="-"):
        ANSWERS[int(code)] = ANSWERS.get(int(code), 0) + 1

    def log_message(self, *args):
        pass


def council_counts(councils: int, vacancies: int, rng: random.Random):
    """How many vacancies each council has: uneven (a county has more than a small borough), summing
    to `vacancies`."""
    weights = [rng.uniform(0.25, 1.75) for _ in range(councils)]
    total = sum(weights)
    counts = [max(1, int(vacancies * w / total)) for w in weights]
    counts[0] += vacancies - sum(counts)
    return counts


def item(rng: random.Random, council: str, host: str, n: int, postcode: str, aliases: bool):
    level, team = rng.choice(LEVELS), rng.choice(TEAMS)
    if aliases:
        level, team = LEVEL_ALIASES.get(level, level), TEAM_ALIASES.get(team, team)
    reference = f"{host.split('.')[0].upper()}-{n:05d}"
    low = rng.randint(30, 55) * 1000
    high = low + rng.randint(2, 6) * 1000
    posted = f"2026-{rng.randint(9, 11):02d}-{rng.randint(1, 20):02d}"
    closes = f"2027-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}T23:59:59+00:00"
    body = "".join(f"<h2>{h}</h2><p>{' '.join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 7)))}</p>"
                   for h in ["About the role", "About the team", "What we are looking for", "What we offer"])
    url = f"https://{host}/jobs/{reference.lower()}/"
    return {
        "id": reference,
        "url": url,
        "title": f"{level}, {team}",
        "content_html": body,
        "summary": f"A {level.lower()} post in {team} at {council}.",
        "date_published": f"{posted}T00:00:00+00:00",
        "date_modified": f"{posted}T00:00:00+00:00",
        "tags": [team, level],
        "_vacancy": {
            "reference": reference,
            "level": level,
            "team": team,
            "locations": [{"name": f"{council} Civic Centre", "locality": council, "postcode": postcode, "country": "GB"}],
            "salary": {"min": low, "max": high, "period": "year", "currency": "GBP", "text": f"£{low:,} to £{high:,} a year"},
            "hours": 37,
            "part_time": False,
            "contract": "permanent",
            "working_pattern": ["full-time"],
            "payments": [],
            "hybrid": rng.random() < 0.6,
            "closes": closes,
            "apply_url": f"https://{host}/apply/{reference.lower()}",
            "interviews": [],
            "driving": rng.random() < 0.5,
        },
    }


def feed_pages(council: str, host: str, items, base: str, slug: str):
    """The feed's pages, as (file name, text): feed.json, feed-2.json, … joined by next_url."""
    pages = [items[i:i + PAGE] for i in range(0, len(items), PAGE)] or [[]]
    out = []
    for number, chunk in enumerate(pages, 1):
        name = "feed.json" if number == 1 else f"feed-{number}.json"
        feed = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": f"Vacancies at {council}",
            "home_page_url": f"https://{host}/jobs/",
            "feed_url": f"https://{host}/jobs/feed.json",
            "items": chunk,
        }
        if number < len(pages):
            feed["next_url"] = f"{base}/{slug}/feed-{number + 1}.json"
        out.append((name, json.dumps(feed, ensure_ascii=False)))
    return out


def portal_files(root: Path, councils: int, vacancies: int, base: str, version: int = 0):
    """Every council's feed under `root/feeds`, and the portal's site.yaml (the same for every
    version). `version` 1 changes the feeds of every tenth council (a new title on each of their
    vacancies)."""
    rng = random.Random(2026)
    files = {}
    sources = []
    for c, count in enumerate(council_counts(councils, vacancies, rng)):
        council = f"Council {c + 1:03d}"
        slug = f"council-{c + 1:03d}"
        host = f"c{c + 1:03d}.example"
        postcode = f"ZZ{c + 1} 1AA"
        items = [item(rng, council, host, n, postcode, aliases=c % 3 == 0) for n in range(count)]
        if version and c % 10 == 0:
            for i in items:
                i["title"] += " (updated)"
        for name, text in feed_pages(council, host, items, base, slug):
            files[root / "feeds" / slug / name] = text
        sources.append(f"    - name: {council}\n      feed: {base}/{slug}/feed.json\n      domains: [{host}]\n")
    levels = "".join(
        f"  - name: {level}\n    aliases: [{LEVEL_ALIASES[level]}]\n" if level in LEVEL_ALIASES else f"  - {level}\n" for level in LEVELS
    )
    teams = "".join(
        f"  - name: {team}\n    aliases: [{TEAM_ALIASES[team]}]\n" if team in TEAM_ALIASES else f"  - {team}\n" for team in TEAMS
    )
    site_yaml = (
        "title: National Social Work Jobs\nbase_url: https://portal.example/\norganisation:\n  name: The Portal\n"
        f"levels:\n{levels}teams:\n{teams}locations:\n  - name: England\nportal:\n  sources:\n{''.join(sources)}"
    )
    return files, site_yaml


def write_files(files):
    """Writes each file whose text differs."""
    for path, text in files.items():
        if path.exists() and path.read_text() == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def write_versions(work: Path, councils: int, vacancies: int, base: str, single: bool):
    """Writes both versions of the feeds (`work/v0`, `work/v1`), the portal's site.yaml and, with
    `single`, the single site. Run in a child process, as `generate_apart` is and for its reason."""
    for version in (0, 1):
        feeds, site_yaml = portal_files(work / f"v{version}", councils, vacancies, base, version)
        write_files(feeds)
    write_files({work / "site" / "site.yaml": site_yaml})
    if single:
        generate(bench.WORK / f"site-{vacancies}", vacancies)


def in_child(target, *args):
    child = multiprocessing.get_context("fork").Process(target=target, args=args)
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit("generating the benchmark's sites failed")


def serve_version(work: Path, version: int, dated=None):
    """Makes the served feeds (`work/feeds`) those of `version`, copying only the files that differ;
    with `dated`, gives every served file that modification time."""
    source = work / f"v{version}" / "feeds"
    for path in sorted(source.rglob("*.json")):
        served = work / "feeds" / path.relative_to(source)
        if not (served.exists() and filecmp.cmp(path, served, shallow=False)):
            served.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, served)
        if dated is not None:
            os.utime(served, (dated, dated))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--councils", type=int, default=150)
    parser.add_argument("--vacancies", type=int, default=30000, help="in all, across the councils")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--debug", action="store_true", help="use the debug build already made by cargo test (for a smoke run)")
    parser.add_argument("--no-single", action="store_true", help="skip the single site of the same size")
    args = parser.parse_args()
    if args.debug:
        bench.JOBSITE = bench.ROOT / "target" / "debug" / "jobsite"
    else:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=bench.ROOT, check=True)
    work = bench.WORK / f"portal-{args.councils}-{args.vacancies}"
    (work / "feeds").mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Feeds, directory=str(work / "feeds")))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        rows = measure(args, work, base)
    finally:
        server.shutdown()
        bench.empty_trash()
    print(f"Measured on {os.cpu_count()} cores with `python3 bench/portal.py {' '.join(sys.argv[1:])}` "
          f"(medians of {args.runs}; peak memory is the largest of the runs).\n")
    print(f"| {args.councils} councils' feeds, {args.vacancies:,} vacancies | time | peak memory | the feed server's answers (last run) |")
    print("|---|---:|---:|---|")
    for name, (seconds, mib, answers) in rows.items():
        said = ", ".join(f"{n} × {code}" for code, n in sorted(answers.items())) or "none"
        print(f"| {name} | {seconds:.2f} s | {mib:.0f} MiB | {said} |")


def measure(args, work: Path, base: str):
    print(f"generating {args.councils} feeds of {args.vacancies} vacancies...", file=sys.stderr)
    in_child(write_versions, work, args.councils, args.vacancies, base, not args.no_single)
    site, out = work / "site", work / "public"
    cache = work / "cache"
    command = [str(bench.JOBSITE), "build", "--root", str(site), "--output", str(out), "--now", bench.NOW, "--cache-dir", str(cache)]
    # Back to the first version, dated a minute ago, so that the changed version served later is
    # newer to the second (If-Modified-Since has whole seconds).
    serve_first = functools.partial(serve_version, work, 0, time.time() - 60)
    results = {}

    def timed(name, args_, before=None):
        if before:
            before()
        ANSWERS.clear()
        seconds, mib = bench.run_measured(args_)
        results.setdefault(name, []).append((seconds, mib, dict(ANSWERS)))
        print(f"  {name}: {seconds:.2f} s, {mib:.0f} MiB", file=sys.stderr)

    single = None if args.no_single else bench.WORK / f"site-{args.vacancies}" / "jobsite"
    single_out = work / "single-public"
    single_command = [str(bench.JOBSITE), "build", "--root", str(single), "--output", str(single_out), "--now", bench.NOW]
    for _ in range(args.runs):
        timed("portal, cold", command, lambda: (serve_first(), bench.set_aside(out, cache, work / ".public.jobsite-spare")()))
        # Untimed, from the kept copies: leaves a previous build and a spare, as on any machine
        # that built before (see run.py).
        bench.run_measured(command + ["--offline"])
        timed("portal, feeds unchanged (304)", command)
        timed("portal, a tenth of the feeds changed", command, functools.partial(serve_version, work, 1))
        timed("portal, offline (kept copies)", command + ["--offline"])
        if single:
            timed("single site, cold", single_command, bench.set_aside(single_out, work / ".single-public.jobsite-spare"))
            bench.run_measured(single_command)
            timed("single site, rebuild", single_command)
    serve_first()
    opened = json.loads((out / "jobs" / "search.json").read_text())
    assert len(opened["vacancies"]) == args.vacancies, f"the portal lists {len(opened['vacancies'])} of {args.vacancies} vacancies"
    assert not (out / "jobs" / "teams" / "other").exists(), "every council's team matched a name or an alias"
    assert len(list((out / "councils").iterdir())) == args.councils
    return {name: (statistics.median(r[0] for r in rs), max(r[1] for r in rs), rs[-1][2]) for name, rs in results.items()}


if __name__ == "__main__":
    main()
