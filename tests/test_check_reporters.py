"""Every reporter on one report: golden files, and validation against the schemas CI tools use."""

from __future__ import annotations

import json

import pytest
import xmlschema
from jsonschema import Draft4Validator

from conftest import DATA
from launchkit import __version__
from launchkit.load import load_playbook
from launchkit.outputs.reporters import REPORTERS, Format, render_summary, reporter
from launchkit.outputs.reporters.github import escape_data, escape_property
from launchkit.outputs.reporters.sarif import artifact_uri
from launchkit.readiness import check_readiness
from readiness_fixtures import D, Weekdays, plan_of

SCHEMAS = DATA / "schemas"
AS_OF = D(2027, 3, 16)


def make_report(strict: bool = False):
    loaded = load_playbook(DATA / "check" / "launch.yaml", "tests/data/check/launch.yaml")
    plan = plan_of(
        loaded,
        {
            "brief": (D(2027, 3, 1), D(2027, 3, 1)),
            "teasers": (D(2027, 3, 2), D(2027, 3, 2)),
            "invitations": (D(2027, 3, 15), D(2027, 3, 15)),
        },
        slack={"invitations": -1},
    )
    return check_readiness(plan, AS_OF, calendar=Weekdays(), strict=strict)


GOLDEN = {
    Format.text: "report.txt",
    Format.json: "report.json",
    Format.junit: "report.xml",
    Format.github: "report.github.txt",
    Format.sarif: "report.sarif",
}


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_has_a_reporter_and_a_golden_file(fmt, golden):
    assert REPORTERS[fmt] is reporter(fmt)
    text = REPORTERS[fmt](make_report())
    # The SARIF driver names launchkit's version; keep the golden file valid across releases.
    golden(f"check/{GOLDEN[fmt]}", text.replace(f'"{__version__}"', '"VERSION"'))


def test_summary_golden(golden):
    golden("check/summary.md", render_summary(make_report()))


def test_report_verdict_and_counts():
    report = make_report()
    assert not report.ready
    assert report.counts == {"error": 4, "warning": 3, "info": 3}
    assert make_report(strict=True).counts == report.counts


def test_json_keeps_the_contract_keys_first():
    doc = json.loads(REPORTERS[Format.json](make_report()))
    assert list(doc)[:4] == ["ready", "as_of", "counts", "findings"]
    assert doc["as_of"] == "2027-03-16"
    assert list(doc["counts"]) == ["error", "warning", "info"]
    for f in doc["findings"]:
        assert list(f)[:7] == ["severity", "code", "id", "message", "file", "line", "column"]
    order = [f["severity"] for f in doc["findings"]]
    assert order == sorted(order, key=["error", "warning", "info"].index)


def test_junit_is_valid_against_the_ci_schema():
    schema = xmlschema.XMLSchema(SCHEMAS / "junit-10.xsd")
    xml = REPORTERS[Format.junit](make_report())
    schema.validate(xml)
    tree = schema.to_dict(xml)
    suite = tree["testsuite"][0]
    names = [c["@name"] for c in suite["testcase"]]
    assert names == [
        "managers: All managers on the app",
        "two-champions: Two champions per site",
        "policy: Chat policy decided",
        "faq: FAQ for champions",
        "brief: Brief the managers",
        "teasers: Teasers: posters, TV, 100% of sites",
        "invitations: Send the invitations",
    ]
    assert (suite["@tests"], suite["@failures"], suite["@skipped"]) == ("7", "4", "1")


def test_junit_strict_fails_warnings_too():
    schema = xmlschema.XMLSchema(SCHEMAS / "junit-10.xsd")
    tree = schema.to_dict(REPORTERS[Format.junit](make_report(strict=True)))
    assert tree["testsuite"][0]["@failures"] == "5"


def test_sarif_is_valid_against_the_official_schema():
    schema = json.loads((SCHEMAS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    doc = json.loads(REPORTERS[Format.sarif](make_report()))
    validator = Draft4Validator(schema)
    assert sorted(validator.iter_errors(doc), key=str) == []
    broken = json.loads(json.dumps(doc))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert not validator.is_valid(broken)  # the schema does check what we rely on
    results = doc["runs"][0]["results"]
    assert len(results) == 10
    first = results[0]["locations"][0]["physicalLocation"]
    assert first == {
        "artifactLocation": {"uri": "tests/data/check/launch.yaml"},
        "region": {"startLine": 12, "startColumn": 5},
    }
    waived = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in waived] == ["late-plan", "task-overdue"]


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("launch.yaml", "launch.yaml"),
        ("./playbooks/my launch.yaml", "playbooks/my%20launch.yaml"),
        ("/repo/launch.yaml", "file:///repo/launch.yaml"),
        ("C:\\repo\\launch.yaml", "file:///C%3A/repo/launch.yaml"),
    ],
)
def test_sarif_uris(path, uri):
    assert artifact_uri(path) == uri


def test_github_escaping():
    assert escape_data("100% done\nnext\r") == "100%25 done%0Anext%0D"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    text = REPORTERS[Format.github](make_report())
    assert all(line.startswith("::") for line in text.splitlines()[:-1])
    assert "\n" not in text.rstrip("\n").split("\n")[0]


def test_text_colour_only_when_asked():
    report = make_report()
    assert "\x1b[" not in REPORTERS[Format.text](report)
    assert "\x1b[" in REPORTERS[Format.text](report, color=True)
