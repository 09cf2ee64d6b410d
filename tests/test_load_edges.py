"""Files that are not playbooks at all: each gets one clear `file:line:col` error, exit 2."""

from __future__ import annotations

import pytest

from launchkit.load import load_playbook
from launchkit.load.document import MAX_BYTES

GOOD = "launchkit: 1\nid: demo\ntitle: Demo launch\n"


def run(cli, path):
    r = cli("validate", str(path))
    assert r.exit_code == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr
    return r.stderr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"", "1:1: error: the file is empty [empty-file]"),
        (b"  \n\n\t\n", "1:1: error: the file is empty [empty-file]"),
        (
            b"# just a comment\n\n# another\n",
            "1:1: error: the file holds only comments, no playbook [empty-file]",
        ),
        (b"---\n...\n", "1:1: error: the file holds only comments, no playbook [empty-file]"),
        (
            b"launchkit: 1\nid: a\x00b\n",
            "2:6: error: the file holds a NUL byte: it is binary, not a YAML text file "
            "[binary-file]",
        ),
        (
            # Latin-1 é on line 3, after "title: caf" (10 characters)
            b"launchkit: 1\nid: demo\ntitle: caf\xe9\n",
            "3:11: error: byte 0xe9 is not UTF-8 text; save the file as UTF-8 [not-utf8]",
        ),
        (
            # the column counts characters, not bytes: "é" before the bad byte is one column
            "title: é ".encode() + b"\xff\n",
            "1:10: error: byte 0xff is not UTF-8 text; save the file as UTF-8 [not-utf8]",
        ),
    ],
    ids=["empty", "whitespace", "comments", "bare-document", "nul", "latin-1", "utf8-then-bad"],
)
def test_unreadable_content(cli, tmp_path, raw, expected):
    path = tmp_path / "launch.yaml"
    path.write_bytes(raw)
    assert run(cli, path) == f"{path}:{expected}\n"


def test_utf8_bom_is_accepted(cli, tmp_path):
    path = tmp_path / "launch.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    r = cli("validate", str(path))
    assert (r.exit_code, r.stdout) == (0, f"{path}: ok (0 tasks, 0 gates)\n")


def test_crlf_line_endings_keep_positions(cli, tmp_path):
    path = tmp_path / "launch.yaml"
    path.write_bytes((GOOD + "tittle: x\n").replace("\n", "\r\n").encode())
    assert run(cli, path) == (
        f"{path}:4:1: error: unknown key 'tittle' (did you mean 'title'?) [unknown-key]\n"
    )


def test_directory(cli, tmp_path):
    folder = tmp_path / "launch.yaml"
    folder.mkdir()
    assert run(cli, folder) == (
        f"{folder}:1:1: error: this is a folder, not a playbook file [not-a-file]\n"
    )


def test_missing_file(cli, tmp_path):
    path = tmp_path / "nope.yaml"
    assert run(cli, path) == f"{path}:1:1: error: no such file [no-such-file]\n"


def test_unknown_builtin_name_suggests_a_close_one(cli):
    assert run(cli, "startr") == (
        "startr:1:1: error: no such file, nor a built-in playbook of that name "
        "(did you mean 'starter'?) [no-such-file]\n"
    )


def test_file_over_the_size_cap_is_refused_unread(cli, tmp_path):
    path = tmp_path / "launch.yaml"
    with path.open("wb") as f:
        f.write(GOOD.encode())
        f.truncate(MAX_BYTES + 1)  # sparse: no need to write 8 MiB
    assert run(cli, path) == (
        f"{path}:1:1: error: the file has {MAX_BYTES + 1:,} bytes; a playbook may have at most "
        f"{MAX_BYTES:,} [file-too-large]\n"
    )


def test_alias_bomb_stops_before_expanding(cli, tmp_path):
    # Nine references per level over twelve levels: 9**12 ≈ 282 billion values if expanded.
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 12):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    path = tmp_path / "launch.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(cli, path) == (
        f"{path}:6:5: error: aliases (*name) make this expand to more than 100,000 values "
        "beyond those written in the file [alias-bomb]\n"
    )


def test_recursive_alias(cli, tmp_path):
    path = tmp_path / "launch.yaml"
    path.write_text(GOOD + "tasks: &all\n  - *all\n", encoding="utf-8")
    assert run(cli, path) == (
        f"{path}:5:5: error: '*all' is inside the very value it refers to, so it would repeat "
        "forever [alias-loop]\n"
    )


@pytest.mark.parametrize("depth", [100, 200_000])
def test_deep_nesting(cli, tmp_path, depth):
    # 200,000 brackets crashed ruamel's C composer (a C stack overflow, no exception).
    path = tmp_path / "launch.yaml"
    path.write_text(GOOD + "vars: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    assert run(cli, path) == (
        f"{path}:4:70: error: lists and mappings are nested more than 64 levels deep here "
        "[too-deep]\n"
    )


def test_deep_block_nesting(cli, tmp_path):
    path = tmp_path / "launch.yaml"
    path.write_text(GOOD + "vars:\n" + "".join(" " * i + "- \n" for i in range(1, 80)), "utf-8")
    assert "[too-deep]" in run(cli, path)


def test_merge_keys_share_defaults(tmp_path):
    path = tmp_path / "launch.yaml"
    path.write_text(
        GOOD
        + "tasks:\n"
        + "  - &brief {id: brief, title: Brief managers, start: L-5bd, duration: 2bd}\n"
        + "  - <<: *brief\n    id: brief-again\n    start: L-3bd\n",
        encoding="utf-8",
    )
    loaded = load_playbook(path)
    second = loaded.playbook.tasks[1]
    assert (second.id, second.title, str(second.start), str(second.duration)) == (
        "brief-again",
        "Brief managers",
        "L-3bd",
        "2bd",
    )
    # A merged-in key points at the line it was written on, in the shared block.
    assert loaded.where(("tasks", 1, "title")) == (5, 31)
    assert loaded.where(("tasks", 1, "start")) == (8, 12)


def test_merge_key_errors_point_into_the_merged_block(cli, tmp_path):
    path = tmp_path / "launch.yaml"
    path.write_text(
        GOOD
        + "x-defaults: &d {duraton: 2bd}\n"
        + "tasks:\n  - <<: *d\n    id: a\n    title: A\n    start: L\n",
        encoding="utf-8",
    )
    assert run(cli, path).splitlines() == [
        f"{path}:4:1: error: unknown key 'x-defaults' [unknown-key]",
        f"{path}:4:17: error: unknown key 'duraton' (did you mean 'duration'?) [unknown-key]",
    ]


def test_merge_of_a_scalar_is_refused(cli, tmp_path):
    path = tmp_path / "launch.yaml"
    path.write_text(GOOD + "vars:\n  <<: 3\n", encoding="utf-8")
    assert run(cli, path) == (
        f"{path}:5:7: error: '<<:' merges a mapping: write '<<: *name' [yaml-merge]\n"
    )


def test_a_mapping_as_key_is_refused(cli, tmp_path):
    path = tmp_path / "launch.yaml"
    path.write_text(GOOD + "? [a, b]\n: 1\n", encoding="utf-8")
    assert run(cli, path) == (
        f"{path}:4:3: error: a key must be a plain word, not a list or mapping [bad-key]\n"
    )


def test_several_files_report_each(cli, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(GOOD, encoding="utf-8")
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    r = cli("validate", str(good), str(empty), "starter")
    assert r.exit_code == 2
    assert r.stdout == f"{good}: ok (0 tasks, 0 gates)\nstarter: ok (3 tasks, 1 gate)\n"
    assert r.stderr == f"{empty}:1:1: error: the file is empty [empty-file]\n"


def test_yaml_1_2_keeps_yes_no_and_country_codes_as_text(tmp_path):
    # YAML 1.1 read `NO` (Norway) and `yes` as booleans; playbooks are YAML 1.2.
    path = tmp_path / "launch.yaml"
    path.write_text(GOOD + "description: yes\ncalendar: {holidays: [NO]}\n", encoding="utf-8")
    playbook = load_playbook(path).playbook
    assert (playbook.description, playbook.calendar.holidays) == ("yes", ["NO"])


def test_a_yaml_1_1_directive_is_honoured(cli, tmp_path):
    path = tmp_path / "launch.yaml"
    path.write_text("%YAML 1.1\n---\n" + GOOD + "description: yes\n", encoding="utf-8")
    assert run(cli, path) == (
        f'{path}:6:14: error: expected text, got true; put it in quotes to keep it as text: "yes" '
        "[wrong-type]\n"
    )


def test_a_device_that_never_ends_is_refused_not_read_forever(cli):
    r = cli("validate", "/dev/zero")
    assert r.exit_code == 2
    assert r.stderr == (
        "/dev/zero:1:1: error: the file goes on past the 8,388,608 bytes a playbook may have "
        "[file-too-large]\n"
    )


def test_a_control_character_after_non_ascii_text_is_placed_on_its_own_column(cli, tmp_path):
    # Found by the fuzz suite: the C reader counts bytes, so "é" before it shifted the column.
    path = tmp_path / "launch.yaml"
    path.write_bytes('launchkit: 1\ntitle: "héé"\n\x05'.encode())
    r = cli("validate", str(path))
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{path}:3:1: error: the invisible control character U+0005")
