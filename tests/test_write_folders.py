"""`render -o FOLDER`, `init --dir FOLDER` and the holiday cache write only where they should,
all or nothing, and never over a file that is not theirs (issue 14)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from launchkit.outputs.render import MANIFEST
from launchkit.schedule import holiday_cache
from launchkit.schedule.workdays import _compute


def render(cli, folder: Path, *more: str):
    return cli(
        "render",
        "starter",
        "--launch",
        "2027-03-15",
        "--only",
        "checklist",
        "-o",
        str(folder),
        *more,
    )


def test_render_records_what_it_wrote_and_replaces_only_that(cli, tmp_path):
    out = tmp_path / "docs"
    assert render(cli, out).exit_code == 0
    listed = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert sorted(listed) == ["checklist.html", "checklist.md", "checklists/london.html"]
    assert render(cli, out).exit_code == 0  # its own files, unchanged: replaced


def test_render_refuses_a_users_file_or_a_document_edited_since(cli, tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    mine = out / "checklist.md"
    mine.write_text("my own checklist\n", encoding="utf-8")
    r = render(cli, out)
    assert (r.exit_code, r.stderr.endswith("[not-ours]\n")) == (2, True)
    assert mine.read_text(encoding="utf-8") == "my own checklist\n"
    assert sorted(p.name for p in out.iterdir()) == ["checklist.md"]  # nothing else either
    assert render(cli, out, "--force").exit_code == 0
    (out / "checklist.html").write_text("edited after render\n", encoding="utf-8")
    r = render(cli, out)
    assert r.exit_code == 2 and "[not-ours]" in r.stderr
    assert (out / "checklist.html").read_text(encoding="utf-8") == "edited after render\n"


def test_a_link_inside_the_render_folder_leading_out_is_bad_input(cli, tmp_path):
    # issue 15: this was refused with exit 3, as if it were a bug
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    out = tmp_path / "docs"
    out.mkdir()
    (out / "teasers").symlink_to(outside, target_is_directory=True)
    r = cli("render", "starter", "--launch", "2027-03-15", "--only", "teasers", "-o", str(out))
    assert r.exit_code == 2
    assert "[outside-folder]" in r.stderr
    assert list(outside.iterdir()) == []
    r = cli(
        "render",
        "starter",
        "--launch",
        "2027-03-15",
        "--only",
        "teasers",
        "-o",
        str(out),
        "--force",
    )
    assert (r.exit_code, list(outside.iterdir())) == (2, [])


def test_init_never_writes_through_a_link_out_of_its_folder(cli, tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / ".github").symlink_to(outside, target_is_directory=True)
    r = cli("init", "starter", "--dir", str(repo))
    assert r.exit_code == 2 and "[outside-folder]" in r.stderr
    assert list(outside.iterdir()) == []
    assert sorted(p.name for p in repo.iterdir()) == [".github"]


def test_init_checks_every_target_before_writing_any(cli, tmp_path):
    repo = tmp_path / "repo"
    (repo / ".pre-commit-config.yaml").mkdir(parents=True)  # the fourth file cannot be written
    (repo / "launch.yaml").write_text("old\n", encoding="utf-8")
    r = cli("init", "starter", "--dir", str(repo), "--force")
    assert r.exit_code == 2 and "[cannot-write]" in r.stderr
    assert (repo / "launch.yaml").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in repo.iterdir()) == [".pre-commit-config.yaml", "launch.yaml"]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    base = tmp_path / "cache"
    monkeypatch.setenv("LAUNCHKIT_CACHE_DIR", str(base))
    holiday_cache._folder.cache_clear()
    yield base
    holiday_cache._folder.cache_clear()


def lookup(calls: list[list[int]]) -> dict:
    def compute(missing):
        calls.append(missing)
        return _compute("IT", missing, "it")

    return holiday_cache.cached_holidays("IT", [2027], "it", compute)


def test_the_holiday_cache_is_private_and_leaves_no_temporary(cache_dir):
    lookup([])
    folder = holiday_cache._folder()
    assert folder is not None
    for level in (cache_dir, folder.parent, folder):
        assert stat.S_IMODE(level.stat().st_mode) == 0o700
    assert [p.name for p in folder.iterdir()] == ["IT.it.2027.json"]


def test_the_holiday_cache_does_not_follow_a_planted_link(cache_dir, tmp_path):
    lookup([])
    folder = holiday_cache._folder()
    assert folder is not None
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    cached = folder / "IT.it.2027.json"
    cached.unlink()
    cached.symlink_to(victim)
    calls: list[list[int]] = []
    assert lookup(calls) == _compute("IT", [2027], "it")
    assert calls == [[2027]]  # the link was not read
    assert victim.read_text(encoding="utf-8") == "precious\n"  # nor written through
    assert not cached.is_symlink()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_cache_folder_of_someone_else_is_ignored(cache_dir):
    lookup([])
    folder = holiday_cache._folder()
    assert folder is not None
    poisoned = {"2027-01-04": "Planted holiday"}
    (folder / "IT.it.2027.json").write_text(json.dumps(poisoned), encoding="utf-8")
    os.chown(folder, 4321, 4321)
    calls: list[list[int]] = []
    assert "Planted holiday" not in lookup(calls).values()
    assert calls == [[2027]]
