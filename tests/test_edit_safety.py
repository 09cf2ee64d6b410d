"""`done` and `set` edit the file the user meant, whole, and change nothing else (issue 14):
links, owners, read-only and hard-linked files, anchors in values, comments under a removed key,
trailing spaces, tabs, folded blocks, stale temporaries, and the proof before writing."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from launchkit.load import load_playbook
from launchkit.load.roundtrip import RoundTrip

HAND = Path(__file__).parent / "data" / "edit" / "hand-formatted.yaml"

SMALL = """\
launchkit: 1
id: small
title: Small
timezone: Europe/Rome   # zone
# this line explains the launch day below
launch: 2027-03-15
tasks:
  - id: a
    title: A
    description: >-

      the first line of this folded block is blank
    start: L-5bd
  - id: b
    title: B
    start: L-3bd
    channels: [poster]{trailing}
"""


@pytest.fixture
def playbook(tmp_path: Path) -> Path:
    path = tmp_path / "launch.yaml"
    shutil.copyfile(HAND, path)
    return path


def small(tmp_path: Path, trailing: str = "") -> Path:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL.format(trailing=trailing), encoding="utf-8")
    return path


def test_a_symlinked_playbook_is_edited_at_its_target(cli, playbook, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    link = work / "launch.yaml"
    link.symlink_to(playbook)
    r = cli("done", str(link), "teasers", "--on", "2027-01-03")
    assert r.exit_code == 0, r.stderr
    assert link.is_symlink()
    assert "done_on: 2027-01-03" in playbook.read_text(encoding="utf-8")
    assert list(work.iterdir()) == [link]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["launch.yaml", "work"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_owner_group_and_mode_are_kept(cli, playbook):
    os.chown(playbook, 4321, 8765)
    playbook.chmod(0o640)
    assert cli("done", str(playbook), "teasers", "--on", "2027-01-03").exit_code == 0
    st = playbook.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 8765, 0o640)


def test_a_read_only_playbook_is_refused_unless_forced(cli, playbook):
    playbook.chmod(0o444)
    before = playbook.read_bytes()
    r = cli("done", str(playbook), "teasers", "--on", "2027-01-03")
    assert r.exit_code == 2
    assert r.stderr == (
        f"{playbook}:1:1: error: it is read-only; use --force to replace it anyway [cannot-write]\n"
    )
    assert playbook.read_bytes() == before
    assert cli("done", str(playbook), "teasers", "--on", "2027-01-03", "--force").exit_code == 0
    assert stat.S_IMODE(playbook.stat().st_mode) == 0o444
    assert playbook.read_bytes() != before


def test_a_hard_linked_playbook_is_refused_unless_forced(cli, playbook, tmp_path):
    other = tmp_path / "other-name.yaml"
    os.link(playbook, other)
    r = cli("set", str(playbook), "tasks.teasers.duration", "4bd")
    assert r.exit_code == 2 and "2 hard links" in r.stderr and "[cannot-write]" in r.stderr
    assert playbook.read_bytes() == other.read_bytes() == HAND.read_bytes()
    assert cli("set", str(playbook), "tasks.teasers.duration", "4bd", "--force").exit_code == 0
    assert other.read_bytes() == HAND.read_bytes()  # --force replaces this name only


@pytest.mark.parametrize("value", ["&s L-1bd", "*briefing", "[&x a, *x]", "{a: &y 1}"])
def test_a_value_with_an_anchor_or_alias_is_refused(cli, playbook, value):
    r = cli("set", str(playbook), "tasks.teasers.evidence", value)
    assert r.exit_code == 2
    assert "carries a YAML anchor or alias" in r.stderr and "[bad-value]" in r.stderr
    assert playbook.read_bytes() == HAND.read_bytes()


def test_removing_a_key_keeps_the_comment_lines_below_it(cli, tmp_path):
    path = small(tmp_path)
    assert cli("set", str(path), "timezone", "null").exit_code == 0
    expected = SMALL.format(trailing="").replace("timezone: Europe/Rome   # zone\n", "")
    assert path.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("trailing", ["   ", "\t", " # note"])
def test_a_last_line_with_trailing_spaces_takes_new_keys_after_it(cli, tmp_path, trailing):
    path = small(tmp_path, trailing)
    r = cli("done", str(path), "b", "--on", "2027-01-03")
    assert r.exit_code == 0, r.stderr
    text = SMALL.format(trailing=trailing)
    assert path.read_text(encoding="utf-8") == text + "    status: done\n    done_on: 2027-01-03\n"


def test_a_folded_block_with_a_blank_first_line_is_kept(cli, tmp_path):
    path = small(tmp_path)
    before = load_playbook(path).playbook.tasks[0].description
    assert cli("done", str(path), "b", "--on", "2027-01-03").exit_code == 0
    assert load_playbook(path).playbook.tasks[0].description == before
    assert cli("done", str(path), "a", "--on", "2027-01-03").exit_code == 0
    assert load_playbook(path).playbook.tasks[0].description == before


def test_a_tab_before_a_trailing_comment_is_edited_like_any_file(cli, tmp_path):
    path = tmp_path / "tab.yaml"
    text = "launchkit: 1\t# note\nid: x\ntitle: X\nlaunch: 2027-03-15\ntasks:\n  - {id: a, title: A, start: L}\n"
    path.write_text(text, encoding="utf-8")
    assert cli("validate", str(path)).exit_code == 0
    r = cli("done", str(path), "a", "--on", "2027-01-03")
    assert r.exit_code == 0, r.stderr
    assert path.read_text(encoding="utf-8") == text.replace(
        "start: L}", "start: L, status: done, done_on: 2027-01-03}"
    )


def test_bad_yaml_is_reported_where_it_is(cli, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("launchkit: 1\nid: x\ntitle: [unclosed\n", encoding="utf-8")
    r = cli("done", str(path), "a")
    assert r.exit_code == 2
    assert not r.stderr.startswith(f"{path}:1:1:")


def test_stale_temporaries_of_an_interrupted_edit_are_removed_by_the_next(cli, playbook):
    folder = playbook.parent
    stale = [folder / ".launch.yaml.launchkit-ab12cd34.tmp", folder / ".launch.yaml.x1y2z3w4.tmp"]
    for path in stale:
        path.write_bytes(HAND.read_bytes())
    kept = [folder / ".launch.yaml.my-notes.tmp", folder / ".other.yaml.launchkit-ab12cd34.tmp"]
    for path in kept:
        path.write_text("not launchkit's\n", encoding="utf-8")
    assert cli("done", str(playbook), "teasers", "--on", "2027-01-03").exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["launch.yaml", *(p.name for p in kept)]
    )


def test_an_edit_that_would_change_anything_else_is_refused(cli, playbook, monkeypatch):
    def wrong(self: RoundTrip, edited: str | None = None) -> list[bytes]:
        edited = self.dump().replace("5bd", "6bd")  # the edit, and a change nobody asked for
        return [edited.encode("utf-8")]

    monkeypatch.setattr(RoundTrip, "candidates", wrong)
    r = cli("done", str(playbook), "teasers", "--on", "2027-01-03")
    assert r.exit_code == 2
    assert r.stderr.endswith("[edit-not-isolated]\n")
    assert playbook.read_bytes() == HAND.read_bytes()


ALIASED = """\
launchkit: 1
id: aliased
title: Aliased
launch: 2027-03-15
vars:
  intranet: &intranet https://intra/launch

tasks:
  - id: a
    title: A
    start: L-5bd
    channels:
      - poster
# the managers brief comes next
  - id: b
    title: B
    start: L-3bd
    evidence: *intranet  # the page we point at
  - {id: c, title: C, start: L-2bd}<spaces>
# the last task
""".replace("<spaces>", "   ")


def test_an_edit_that_would_drop_a_comment_is_refused(cli, tmp_path, monkeypatch):
    path = tmp_path / "aliased.yaml"
    path.write_text(ALIASED, encoding="utf-8")

    def careless(self: RoundTrip, edited: str | None = None) -> list[bytes]:
        edited = self.dump() if edited is None else edited
        return [edited.replace("# the managers brief comes next\n", "").encode("utf-8")]

    monkeypatch.setattr(RoundTrip, "candidates", careless)
    r = cli("done", str(path), "b", "--on", "2027-01-03")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{path}:14:1: error: this edit would drop the comment")
    assert r.stderr.endswith("[edit-breaks-comment]\n")
    assert path.read_text(encoding="utf-8") == ALIASED


def test_a_loop_of_symbolic_links_is_refused_like_any_unreadable_file(cli, tmp_path):
    (tmp_path / "one.yaml").symlink_to(tmp_path / "two.yaml")
    (tmp_path / "two.yaml").symlink_to(tmp_path / "one.yaml")
    for args in (["done", "a"], ["set", "launch", "2027-04-01"]):
        r = cli(args[0], str(tmp_path / "one.yaml"), *args[1:])
        assert r.exit_code == 2
        assert r.stderr.rstrip().endswith("[unreadable-file]"), r.stderr


FOLDED = """\
launchkit: 1
id: folded
title: Folded\t# the title
launch: 2027-03-15
tasks:
  - id: brief
    title: &t Brief
    description: >-
      long text
      on two lines
    # a note under the folded block
    start: &s L-10bd   # shared
  - id: reminder
    title: Reminder
    start: *s
"""


@pytest.mark.parametrize(
    ("text", "key", "value", "before", "after"),
    [
        # ruamel hangs the comment line below a block list on the list's last item
        (
            ALIASED,
            "tasks.a.channels",
            "[email, poster]",
            "channels:\n      - poster\n",
            "channels: [email, poster]\n",
        ),
        # ruamel does not read the comment after an alias, nor that below a flow mapping
        # ending in spaces; the edit keeps both where they were
        (ALIASED, "tasks.b.evidence", "https://intra/b", "*intranet  #", "https://intra/b  #"),
        (ALIASED, "tasks.c.duration", "2bd", "L-2bd}   \n", "L-2bd, duration: 2bd}\n"),
        # the comment line below a removed block stays as it was written, indented
        (
            FOLDED,
            "tasks.brief.description",
            "null",
            "    description: >-\n      long text\n      on two lines\n",
            "",
        ),
        # a tab before an end-of-line comment stays a tab
        (FOLDED, "title", "New title", "title: Folded\t#", "title: New title\t#"),
        # an anchor nothing refers to stays on the new value
        (FOLDED, "tasks.brief.title", "Kickoff", "&t Brief", "&t Kickoff"),
    ],
)
def test_an_edit_keeps_how_the_lines_around_it_were_written(
    cli, tmp_path, text, key, value, before, after
):
    path = tmp_path / "noisy.yaml"
    path.write_text(text, encoding="utf-8")
    r = cli("set", str(path), key, value)
    assert r.exit_code == 0, r.stderr
    assert path.read_text(encoding="utf-8") == text.replace(before, after)


def test_a_value_shared_through_an_anchor_is_refused_where_it_is_anchored(cli, tmp_path):
    path = tmp_path / "folded.yaml"
    path.write_text(FOLDED, encoding="utf-8")
    r = cli("set", str(path), "tasks.brief.start", "L-12bd")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{path}:12:12: error: 'tasks.brief.start' is shared through")
    assert "the anchor &s with 1 other place" in r.stderr
    assert r.stderr.rstrip().endswith("[shared-anchor]")
    assert path.read_text(encoding="utf-8") == FOLDED
    # at the alias, the value is that place's own to replace: the anchor stays where it is
    assert cli("set", str(path), "tasks.reminder.start", "L-12bd").exit_code == 0
    assert path.read_text(encoding="utf-8") == FOLDED.replace("start: *s", "start: L-12bd")


@pytest.mark.parametrize("value", ["!secret x", "!!str 123", "!!python/object:os.system x"])
def test_a_value_with_a_tag_is_refused_by_name(cli, tmp_path, value):
    path = tmp_path / "folded.yaml"
    path.write_text(FOLDED, encoding="utf-8")
    r = cli("set", str(path), "title", value)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"<value>:1:1: error: '{value}' carries a YAML tag; give the")
    assert r.stderr.endswith(" in quotes if it must stay text [bad-value]\n")
    assert path.read_text(encoding="utf-8") == FOLDED


@pytest.mark.parametrize(
    ("key", "says"), [("calendar", "which set does not edit"), ("calendar.workweek", "vars.<name>")]
)
def test_set_says_which_keys_it_edits(cli, tmp_path, key, says):
    path = tmp_path / "folded.yaml"
    path.write_text(FOLDED, encoding="utf-8")
    r = cli("set", str(path), key, "[sun]")
    assert r.exit_code == 2 and says in r.stderr and "[bad-key]" in r.stderr
