"""`launchkit schema`: the JSON Schema editors use, kept at docs/playbook.schema.json.

Built-in playbooks point at that file with a modeline
(`# yaml-language-server: $schema=../../docs/playbook.schema.json`), so the file must exist, be
current, accept every real playbook and carry the help text editors show.
Regenerate it with `LAUNCHKIT_UPDATE_GOLDEN=1 python -m pytest tests/test_schema.py`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from conftest import DATA, ROOT
from launchkit.load.document import read_document

SHIPPED = ROOT / "docs" / "playbook.schema.json"
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$", re.MULTILINE)


def as_json(value: Any) -> Any:
    """YAML data as JSON would hold it: dates become their ISO text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def yaml_data(path: Path) -> Any:
    return as_json(read_document(path).data)


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    # Checking the schema against the metaschema takes a quarter of a second; most tests here
    # use the same schema, so each distinct schema is checked and compiled once.
    return _validator(json.dumps(schema, sort_keys=True))


@cache
def _validator(schema_text: str) -> Draft202012Validator:
    schema = json.loads(schema_text)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def playbook_files() -> list[Path]:
    builtin = sorted((ROOT / "playbooks").glob("**/*.yaml"))
    examples = [
        p
        for p in sorted((ROOT / "examples").glob("**/*.yaml"))
        if re.search(r"^launchkit:", p.read_text(encoding="utf-8"), re.MULTILINE)
        and p.name != "launchkit.yaml"  # a launch repository file, not a playbook
    ]
    return builtin + examples


def test_schema_command_prints_draft_2020_12_json(cli):
    r = cli("schema")
    assert r.exit_code == 0
    schema = json.loads(r.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_writes_a_file(cli, tmp_path):
    out = tmp_path / "sub" / "playbook.schema.json"
    r = cli("schema", "-o", str(out))
    assert (r.exit_code, r.stdout) == (0, "")
    assert out.read_text(encoding="utf-8") == cli("schema").stdout


def test_shipped_schema_is_current(cli):
    current = cli("schema").stdout
    if os.environ.get("LAUNCHKIT_UPDATE_GOLDEN") == "1":
        SHIPPED.write_text(current, encoding="utf-8")
    assert SHIPPED.read_text(encoding="utf-8") == current, (
        "docs/playbook.schema.json is out of date; run with LAUNCHKIT_UPDATE_GOLDEN=1"
    )


@pytest.mark.parametrize("path", playbook_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_builtin_and_example_playbook_matches_the_schema(cli, path):
    schema = json.loads(cli("schema").stdout)
    errors = [e.message for e in validator(schema).iter_errors(yaml_data(path))]
    assert errors == []


def test_the_starter_modeline_resolves_to_the_shipped_schema():
    starter = ROOT / "playbooks" / "starter" / "en.yaml"
    m = MODELINE.search(starter.read_text(encoding="utf-8"))
    assert m, "the starter playbook has no yaml-language-server modeline"
    target = (starter.parent / m.group(1)).resolve()
    assert target == SHIPPED.resolve()
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert list(validator(schema).iter_errors(yaml_data(starter))) == []


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    owners = {"Playbook": schema, **schema["$defs"]}
    return [
        (f"{owner}.{name}", prop)
        for owner, body in owners.items()
        for name, prop in body.get("properties", {}).items()
    ]


def test_every_property_has_a_title_and_a_description_for_completion():
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    props = _properties(schema)
    assert len(props) > 60
    missing = [name for name, prop in props if not prop.get("title") or not prop.get("description")]
    assert missing == []
    # and every model says what it is, for hover help on a whole section
    assert all(body.get("description") for body in schema["$defs"].values())


def test_unknown_keys_are_closed_everywhere():
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    for name, body in {"Playbook": schema, **schema["$defs"]}.items():
        assert body.get("additionalProperties") is False, name


# Broken playbooks whose fault JSON Schema can express: the schema rejects them too, so an
# editor underlines what `launchkit validate` reports. (Cross-references such as an unknown
# owner, and real-date or time-zone checks, are beyond JSON Schema: only `validate` sees them.)
SCHEMA_CATCHES = [
    "unknown-key-top",
    "unknown-key-task",
    "unknown-key-gate",
    "unknown-key-site",
    "unknown-key-calendar",
    "unknown-key-documents",
    "unknown-key-person-and-waiver",
    "wrong-type-text-for-list",
    "wrong-type-list-for-text",
    "wrong-type-mapping-for-number",
    "wrong-type-bool-for-date",
    "wrong-type-number-for-text",
    "wrong-type-number-as-date",
    "wrong-type-sections",
    "missing-required-keys",
    "bad-ids",
    "bad-offsets",
    "bad-durations",
    "bad-times",
    "bad-emails",
    "bad-enum-values",
    "bad-names-and-sources",
    "version-wrong",
    "version-as-text",
    "version-missing",
    "several-errors",
    "top-level-list",
    "top-level-scalar",
]

SCHEMA_CANNOT = ["owner-not-in-people", "after-unknown-task", "duplicate-ids", "bad-timezone"]


@pytest.mark.parametrize("case", SCHEMA_CATCHES)
def test_schema_and_model_agree_on_broken_playbooks(case):
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data = yaml_data(DATA / "bad" / case / "launch.yaml")
    assert list(validator(schema).iter_errors(data)), f"the schema accepts bad/{case}"


@pytest.mark.parametrize("case", SCHEMA_CANNOT)
def test_cross_references_are_left_to_validate(case):
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data = yaml_data(DATA / "bad" / case / "launch.yaml")
    assert list(validator(schema).iter_errors(data)) == []
