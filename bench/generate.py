"""Generates synthetic sites for the benchmark: the same vacancies as a jobsite site and as a Hugo
site with minimal equivalent templates (vacancy page, listing, team and level pages, RSS).

Deterministic: the same size and seed give the same files."""

import multiprocessing
import random
from pathlib import Path

LEVELS = ["Newly Qualified Social Worker (ASYE)", "Social Worker", "Senior Practitioner", "Advanced Practitioner", "Team Manager"]
TEAMS = ["Assessment & Child Protection", "Children in Care", "Children with Disabilities", "Fostering", "Care Leavers", "Family Support", "Adoption", "Youth Justice"]
PLACES = [f"Office {n}" for n in range(1, 13)]
CAMPAIGNS = ["spring", "summer", "autumn", "winter"]
CONTRACTS = ["permanent", "fixed-term", "secondment", "temporary"]

SENTENCES = [
    "You will work alongside families to build plans that keep children safe and well.",
    "Our teams meet every week for group supervision and reflective practice.",
    "Caseloads are reviewed monthly with your team manager and kept at a level that lets you do direct work.",
    "We offer hybrid working, with a desk at the hub whenever you want one.",
    "You will have access to a programme of training, including systemic practice and motivational interviewing.",
    "The service works closely with health, education and police colleagues across the county.",
    "We value curiosity, warmth and the confidence to have difficult conversations with care.",
    "You will record clearly and respectfully, writing for the child who may one day read it.",
    "Our principal social worker runs a monthly practice forum open to every practitioner.",
    "Progression to the next grade is by portfolio, assessed twice a year.",
]


def paragraph(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(n))


def body(rng: random.Random) -> str:
    parts = []
    for heading in ["About the role", "About the team", "What we are looking for", "What we offer"]:
        parts.append(f"## {heading}\n\n{paragraph(rng, rng.randint(2, 5))}\n\n{paragraph(rng, rng.randint(2, 4))}\n")
    parts.append("- " + "\n- ".join(rng.choice(SENTENCES) for _ in range(4)) + "\n")
    return "\n".join(parts)


def vacancy(rng: random.Random, n: int):
    level, team = LEVELS[n % len(LEVELS)], TEAMS[(n // len(LEVELS)) % len(TEAMS)]
    lo = rng.randint(30, 55) * 1000
    posted = f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}"
    closes = f"2030-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {
        "stem": f"vacancy-{n:06d}",
        "title": f"{level}, {team} ({n})",
        "reference": f"BENCH-{n:06d}",
        "level": level,
        "team": team,
        "location": PLACES[n % len(PLACES)],
        "min": lo,
        "max": lo + rng.randint(2, 6) * 1000,
        "hours": rng.choice([37, 37, 37, 30, 22.5]),
        "contract": rng.choice(CONTRACTS),
        "posted": posted,
        "closes": closes,
        "campaign": CAMPAIGNS[n % len(CAMPAIGNS)] if n % 3 == 0 else None,
        "body": body(rng),
    }


def jobsite_site(root: Path, vacancies, files):
    levels = "".join(f"  - {l}\n" for l in LEVELS)
    teams = "".join(f"  - {t}\n" for t in TEAMS)
    places = "".join(f"  - name: {p}\n    postcode: BX{i} 1AA\n" for i, p in enumerate(PLACES, 1))
    files[root / "site.yaml"] = (
        "title: Benchmark Careers\nbase_url: https://bench.example/\norganisation:\n  name: Bench Council\n"
        f"levels:\n{levels}teams:\n{teams}locations:\n{places}"
    )
    for c in CAMPAIGNS:
        files[root / f"content/campaigns/{c}.md"] = f"---\ntitle: The {c} campaign\n---\nA campaign.\n"
    for v in vacancies:
        campaign = f"campaign: {v['campaign']}\n" if v["campaign"] else ""
        files[root / f"content/jobs/{v['stem']}.md"] = (
            f"---\ntitle: \"{v['title']}\"\nreference: {v['reference']}\nlevel: {v['level']}\nteam: {v['team']}\n"
            f"location: {v['location']}\nsalary:\n  min: {v['min']}\n  max: {v['max']}\nhours: {v['hours']}\n"
            f"contract: {v['contract']}\nposted: {v['posted']}\ncloses: {v['closes']}\n"
            f"apply_url: https://apply.bench.example/{v['reference']}\n{campaign}---\n{v['body']}"
        )


HUGO_CONFIG = """baseURL = "https://bench.example/"
title = "Benchmark Careers"
disableKinds = ["taxonomy"]
[taxonomies]
  team = "teams"
  level = "levels"
[outputs]
  section = ["HTML", "RSS"]
  term = ["HTML", "RSS"]
  home = ["HTML"]
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><a href="#main">Skip to main content</a><main id="main">{{ block "main" . }}{{ end }}</main></body></html>""",
    "_default/single.html": """{{ define "main" }}<h1>{{ .Title }}</h1><dl>
<dt>Team</dt><dd>{{ range .GetTerms "teams" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Level</dt><dd>{{ range .GetTerms "levels" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd>
<dt>Salary</dt><dd>£{{ .Params.salary.min | lang.FormatNumber 0 }} to £{{ .Params.salary.max | lang.FormatNumber 0 }} a year</dd>
<dt>Closes</dt><dd>{{ .Params.closes }}</dd></dl>{{ .Content }}<a href="{{ .Params.apply_url }}">Apply</a>{{ end }}""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{ range .GetTerms "teams" }}{{ .LinkTitle }}{{ end }}, {{ range .GetTerms "levels" }}{{ .LinkTitle }}{{ end }}, closes {{ .Params.closes }}</li>{{ end }}</ul>{{ end }}""",
    "_default/term.html": """{{ define "main" }}<h1>{{ .Title }} vacancies</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>, closes {{ .Params.closes }}</li>{{ end }}</ul>{{ end }}""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1><p><a href="/jobs/">Vacancies</a></p>{{ end }}""",
}


def hugo_site(root: Path, vacancies, files):
    files[root / "hugo.toml"] = HUGO_CONFIG
    for name, text in HUGO_LAYOUTS.items():
        files[root / "layouts" / name] = text
    files[root / "content/jobs/_index.md"] = "---\ntitle: Current vacancies\n---\n"
    for v in vacancies:
        files[root / f"content/jobs/{v['stem']}.md"] = (
            f"---\ntitle: \"{v['title']}\"\nreference: {v['reference']}\nteams: [\"{v['team']}\"]\nlevels: [\"{v['level']}\"]\n"
            f"location: {v['location']}\nsalary:\n  min: {v['min']}\n  max: {v['max']}\nhours: {v['hours']}\n"
            f"contract: {v['contract']}\ndate: {v['posted']}\ncloses: {v['closes']}\n"
            f"apply_url: https://apply.bench.example/{v['reference']}\n---\n{v['body']}"
        )


def write_tree(base: Path, files):
    """Makes `base` hold exactly `files`, writing only files whose text differs and deleting only
    files no longer wanted. Regenerating the same site therefore creates and deletes nothing,
    which matters for timing: see "Cold builds" in docs/performance.md."""
    wanted = {path.resolve() for path in files}
    if base.exists():
        for path in sorted(base.rglob("*"), reverse=True):
            if path.is_file() and path.resolve() not in wanted:
                path.unlink()
    for path, text in files.items():
        if path.exists() and path.read_text() == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def generate(base: Path, size: int, seed: int = 2026):
    """Writes `base/jobsite` and `base/hugo` for `size` vacancies (replacing what differs)."""
    rng = random.Random(seed)
    vacancies = [vacancy(rng, n) for n in range(size)]
    files = {}
    jobsite_site(base / "jobsite", vacancies, files)
    hugo_site(base / "hugo", vacancies, files)
    write_tree(base, files)
    return base / "jobsite", base / "hugo"


def generate_apart(base: Path, size: int):
    """`generate`, in a child process. A benchmark that generated in its own process would be
    counted in the peak memory of every build it then starts: on Linux a forked child's maximum
    resident set includes what the parent had at the fork, before exec."""
    child = multiprocessing.get_context("fork").Process(target=generate, args=(base, size))
    child.start()
    child.join()
    if child.exitcode != 0:
        raise SystemExit(f"generating {base} failed")
    return base / "jobsite", base / "hugo"
