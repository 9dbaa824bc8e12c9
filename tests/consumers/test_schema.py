"""`jobsite schema`: every file of the sample site is valid against the schema emitted for its
kind, read by a real JSON Schema validator after a YAML reader such as editors' tools use; a
misspelt key, an unknown team and an impossible contract are not."""

import json
import os
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("JOBSITE_BIN", ROOT / "target" / "debug" / "jobsite"))
FOLDERS = {"vacancy": "jobs", "campaign": "campaigns", "benefit": "benefits", "news": "news", "event": "events"}


class Plain(yaml.SafeLoader):
    """YAML as editors' tools read it (YAML 1.2): dates stay text."""


Plain.yaml_implicit_resolvers = {
    k: [(tag, regexp) for tag, regexp in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema(kind: str, root: Path = ROOT):
    run = subprocess.run([str(BINARY), "schema", kind, "--root", str(root)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


def front_matter(path: Path):
    text = path.read_text()
    assert text.startswith("---\n"), path
    return yaml.load(text[4:text.index("\n---", 3)], Loader=Plain) or {}


def files(kind: str):
    if kind == "page":
        return [p for p in (ROOT / "content").glob("*.md")]
    if kind == "story":
        # A transcript a story names is plain markdown, not a story.
        stories = sorted((ROOT / "content" / "stories").glob("*.md"))
        return [p for p in stories if p.read_text().startswith("---\n")]
    return sorted((ROOT / "content" / FOLDERS[kind]).glob("*.md"))


@pytest.mark.parametrize("kind", ["vacancy", "campaign", "story", "benefit", "news", "event", "page"])
def test_every_sample_file_is_valid_against_its_kinds_schema(kind):
    validator = schema(kind)
    found = files(kind)
    assert found, kind
    for path in found:
        errors = list(validator.iter_errors(front_matter(path)))
        assert not errors, f"{path.relative_to(ROOT)}: {errors[0].message}"


def test_site_yaml_is_valid_against_the_site_schema():
    data = yaml.load((ROOT / "site.yaml").read_text(), Loader=Plain)
    assert data["organisation"]["contact"] and data["organisation"]["social"]
    assert not list(schema("site").iter_errors(data))


def test_a_portals_site_yaml_with_aliases_is_valid_and_its_mistakes_are_refused():
    portal = ROOT / "examples" / "portal"
    validator = schema("site", portal)
    data = yaml.load((portal / "site.yaml").read_text(), Loader=Plain)
    assert any(isinstance(level, dict) and level.get("aliases") for level in data["levels"])
    assert not list(validator.iter_errors(data))
    without_feed = {**data, "portal": {"sources": [{"name": "Nowhere Council"}]}}
    assert list(validator.iter_errors(without_feed))
    alias_not_a_list = {**data, "teams": [{"name": "Fostering", "aliases": [3]}]}
    assert list(validator.iter_errors(alias_not_a_list))


def test_mistakes_the_build_refuses_are_refused_by_the_schema_too():
    validator = schema("vacancy")
    good = front_matter(ROOT / "content" / "jobs" / "social-worker-children-in-care.md")
    assert validator.is_valid(good)
    for key, value in [("closing", "2027-05-31"), ("team", "Fosterng"), ("contract", "permanant"), ("location", ["Kestrel House", "Town Hall"]), ("closes", "31/05/2027"), ("hours", "lots")]:
        bad = dict(good, **{key: value})
        assert not validator.is_valid(bad), f"{key}: {value}"
    assert validator.is_valid(dict(good, closes="rolling", review_by="2027-02-01"))
    teams = validator.schema["properties"]["team"]["enum"]
    assert "Children in Care" in teams and len(teams) == 6, "the site's own teams"
    site = schema("site")
    data = yaml.load((ROOT / "site.yaml").read_text(), Loader=Plain)
    data["defaults"]["teams"] = {"Fosterng": {"dbs": "enhanced"}}
    assert not site.is_valid(data), "defaults name only the site's teams"
