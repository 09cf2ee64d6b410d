from __future__ import annotations

import datetime as dt
import json

from ruamel.yaml import YAML

from launchkit.outputs.scaffold import with_launch, with_modeline

WRITTEN = [
    "launch.yaml",
    "playbook.schema.json",
    ".github/workflows/launch.yml",
    ".github/workflows/site.yml",
    ".pre-commit-config.yaml",
]


def test_init_writes_a_launch_repository_whose_playbook_validates(cli, tmp_path):
    r = cli(
        "init", "app-launch", "--locale", "he", "--dir", str(tmp_path), "--launch", "2027-02-07"
    )
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [f"wrote {tmp_path / f}" for f in WRITTEN] + [
        f"next: launchkit plan {tmp_path / 'launch.yaml'}"
    ]
    text = (tmp_path / "launch.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=playbook.schema.json\n#\n# שלב 3")
    assert "\nlaunch: 2027-02-07\n" in text
    assert "# שבוע עבודה ישראלי" in text  # comments survive
    assert cli("validate", str(tmp_path / "launch.yaml")).exit_code == 0
    assert cli("schema").stdout == (tmp_path / "playbook.schema.json").read_text(encoding="utf-8")


def test_written_playbook_is_valid_against_the_written_schema(cli, tmp_path):
    import jsonschema

    assert cli("init", "advocacy-60-day.it", "--dir", str(tmp_path)).exit_code == 0
    schema = json.loads((tmp_path / "playbook.schema.json").read_text(encoding="utf-8"))
    # YAML dates become the strings that editors (and the schema) see
    data = json.loads(json.dumps(YAML(typ="safe").load(tmp_path / "launch.yaml"), default=str))
    jsonschema.validate(data, schema)


def test_workflow_checks_daily_and_on_push_with_annotations(cli, tmp_path):
    assert cli("init", "starter", "--dir", str(tmp_path)).exit_code == 0
    flow = YAML(typ="safe").load(tmp_path / ".github/workflows/launch.yml")
    assert set(flow["on"]) >= {"push", "schedule"}
    assert flow["on"]["schedule"] == [{"cron": "0 5 * * *"}]
    runs = [s.get("run") for s in flow["jobs"]["check"]["steps"]]
    assert "launchkit check launch.yaml --format github" in runs
    hooks = YAML(typ="safe").load(tmp_path / ".pre-commit-config.yaml")
    assert hooks["repos"][0]["hooks"][0]["id"] == "launchkit-validate"


def test_init_refuses_to_overwrite_without_force(cli, tmp_path):
    (tmp_path / "launch.yaml").write_text("mine\n", encoding="utf-8")
    r = cli("init", "starter", "--dir", str(tmp_path))
    assert r.exit_code == 2
    assert (
        r.stderr
        == f"{tmp_path / 'launch.yaml'}:1:1: error: exists; use --force to overwrite it [file-exists]\n"
    )
    assert (tmp_path / "launch.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / "playbook.schema.json").exists()  # nothing written at all
    assert cli("init", "starter", "--dir", str(tmp_path), "--force").exit_code == 0
    assert (tmp_path / "launch.yaml").read_text(encoding="utf-8").startswith("# yaml-language")


def test_unknown_playbook_locale_or_date_is_a_usage_error(cli, tmp_path):
    r = cli("init", "app-lanch", "--dir", str(tmp_path))
    assert (r.exit_code, r.stderr) == (
        2,
        "launchkit: NAME: error: no built-in playbook 'app-lanch' (did you mean 'app-launch'?); "
        "`launchkit playbooks` lists them [bad-argument]\n",
    )
    r = cli("init", "app-launch", "--locale", "tr", "--dir", str(tmp_path))
    assert (r.exit_code, r.stderr) == (
        2,
        "launchkit: --locale: error: 'app-launch' comes in en, he, not 'tr' [bad-option]\n",
    )
    r = cli("init", "app-launch", "--launch", "next week", "--dir", str(tmp_path))
    assert (r.exit_code, r.stderr) == (
        2,
        "launchkit: --launch: error: 'next week' is not a date such as 2027-01-10 [bad-option]\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_with_launch_keeps_a_trailing_comment_and_adds_a_missing_key():
    text = "id: x\ntimezone: UTC   # here\nlaunch: 2027-01-10  # a Sunday\ncalendar: {}\n"
    assert with_launch(text, dt.date(2027, 3, 1)) == (
        "id: x\ntimezone: UTC   # here\nlaunch: 2027-03-01  # a Sunday\ncalendar: {}\n"
    )
    assert with_launch("id: x\ntimezone: UTC\ntasks: []\n", dt.date(2027, 3, 1)) == (
        "id: x\ntimezone: UTC\nlaunch: 2027-03-01\ntasks: []\n"
    )


def test_with_modeline_replaces_or_adds_the_first_line():
    assert with_modeline("# yaml-language-server: $schema=../x.json\nid: a\n") == (
        "# yaml-language-server: $schema=playbook.schema.json\nid: a\n"
    )
    assert (
        with_modeline("id: a\n") == "# yaml-language-server: $schema=playbook.schema.json\nid: a\n"
    )


def test_project_ships_its_pre_commit_hook():
    from pathlib import Path

    hooks = YAML(typ="safe").load(Path(__file__).parent.parent / ".pre-commit-hooks.yaml")
    assert [(h["id"], h["entry"]) for h in hooks] == [("launchkit-validate", "launchkit validate")]
    import re

    pattern = re.compile(hooks[0]["files"])
    assert pattern.search("launch.yaml") and pattern.search("playbooks/app-launch/he.yaml")
    assert not pattern.search("docs/mkdocs.yaml")


def test_the_launch_room_workflow_publishes_with_least_permissions_and_one_comment(cli, tmp_path):
    from launchkit import __version__

    assert cli("init", "app-launch", "--dir", str(tmp_path)).exit_code == 0
    flow = YAML(typ="safe").load(tmp_path / ".github" / "workflows" / "site.yml")
    assert flow["permissions"] == {"contents": "read"}
    jobs = flow["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["comment"]["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert "permissions" not in jobs["build"]  # the workflow's read-only default
    uses = [s.get("uses", "") for job in jobs.values() for s in job["steps"]]
    assert {"actions/upload-pages-artifact@v3", "actions/deploy-pages@v4"} <= set(uses)
    assert "marocchino/sticky-pull-request-comment@v2" in uses
    installs = [
        s["run"] for job in jobs.values() for s in job["steps"] if "pip install" in s.get("run", "")
    ]
    assert installs == [f'pip install "launchkit-playbook=={__version__}"'] * 2
    runs = [s["run"] for s in jobs["build"]["steps"] if "launchkit site" in s.get("run", "")]
    assert runs == [
        'launchkit site launch.yaml -o _site --base-url "${{ steps.pages.outputs.base_url }}"'
    ]
    # The site step builds from the playbook init wrote.
    r = cli("site", str(tmp_path / "launch.yaml"), "-o", str(tmp_path / "_site"), "--base-url",
            "https://acme.github.io/launch")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    assert (tmp_path / "_site" / "index.html").is_file()
