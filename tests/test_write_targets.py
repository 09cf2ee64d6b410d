"""`-o` writes what the user named, as it is: a FIFO, a link, a device, a full disk, an input, a file
launchkit did not write (issue 14). Runs without root; the owner test needs root and says so."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from launchkit.diagnostics import LaunchkitError
from launchkit.load import atomic
from launchkit.load.atomic import write_output

STARTER = "starter"


@pytest.fixture
def playbook(cli, tmp_path: Path) -> Path:
    """A playbook file of its own (init writes launch.yaml)."""
    r = cli("init", STARTER, "--dir", str(tmp_path), "--launch", "2027-03-15")
    assert r.exit_code == 0, r.stderr
    return tmp_path / "launch.yaml"


def test_a_fifo_is_written_into_and_stays_a_fifo(cli, playbook, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    r = cli("plan", str(playbook), "-f", "json", "-o", str(fifo))
    reader.join(timeout=30)
    assert r.exit_code == 0, r.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert got and got[0].startswith(b'{\n  "launchkit": 1')


def test_a_link_to_a_descriptor_is_written_through_like_dev_stdout(tmp_path):
    # /dev/stdout is a link to /proc/self/fd/1; this is the same with a pipe of our own
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc (Linux)")
    read_end, write_end = os.pipe()
    link = tmp_path / "stdout"
    link.symlink_to(f"/proc/self/fd/{write_end}")
    try:
        write_output(link, b"hello\n")
    finally:
        os.close(write_end)
    with os.fdopen(read_end, "rb") as f:
        assert f.read() == b"hello\n"
    assert link.is_symlink()


def test_a_character_device_is_written_into_not_replaced():
    before = os.stat("/dev/null")
    write_output("/dev/null", b"nothing\n")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_symlink_is_followed_and_its_target_replaced(cli, playbook, tmp_path):
    real = tmp_path / "reports" / "plan.csv"
    real.parent.mkdir()
    link = tmp_path / "plan.csv"
    link.symlink_to(real)
    for _ in range(2):  # a new target, then our own file again
        r = cli("plan", str(playbook), "-f", "csv", "-o", str(link))
        assert r.exit_code == 0, r.stderr
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("id,title,phase")
    assert list(real.parent.iterdir()) == [real]


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "{pb}", "-o", "{pb}"),
        ("plan", "{pb}", "-o", "{pb}", "--force"),
        ("export", "{pb}", "--csv", "-o", "{pb}"),
        ("export", "{pb}", "--mermaid", "-o", "{link}"),
        ("check", "{pb}", "-f", "json", "-o", "{pb}"),
        ("diff", "{pb}", "{pb}", "-o", "{hard}"),
        ("render", "{pb}", "--only", "checklist", "-o", "{dir}"),
    ],
)
def test_an_input_is_never_overwritten(cli, playbook, tmp_path, args):
    link = tmp_path / "link.yaml"
    link.symlink_to(playbook)
    hard = tmp_path / "hard.yaml"
    os.link(playbook, hard)
    folder = tmp_path / "docs"
    folder.mkdir()
    os.link(playbook, folder / "checklist.md")
    before = playbook.read_bytes()
    names = {"pb": str(playbook), "link": str(link), "hard": str(hard), "dir": str(folder)}
    r = cli(*(a.format(**names) for a in args))
    assert r.exit_code == 2
    assert "[output-is-input]" in r.stderr
    assert playbook.read_bytes() == before


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "{pb}"),
        ("plan", "{pb}", "-f", "json"),
        ("plan", "{pb}", "-f", "csv"),
        ("check", "{pb}", "--as-of", "2027-01-04"),
        ("check", "{pb}", "--as-of", "2027-01-04", "-f", "json"),
        ("check", "{pb}", "--as-of", "2027-01-04", "-f", "junit"),
        ("check", "{pb}", "--as-of", "2027-01-04", "-f", "github"),
        ("check", "{pb}", "--as-of", "2027-01-04", "-f", "sarif"),
        ("diff", "{pb}", "{pb}"),
        ("diff", "{pb}", "{pb}", "-f", "json"),
        ("diff", "{pb}", "{pb}", "-f", "markdown"),
        ("schema",),
        ("export", "{pb}", "--ics"),
        ("export", "{pb}", "--csv"),
        ("export", "{pb}", "--mermaid"),
        ("export", "{pb}", "--mermaid", "--markdown"),
    ],
)
def test_each_output_replaces_its_own_file_and_refuses_anyone_elses(cli, playbook, tmp_path, args):
    out = tmp_path / "out.file"
    argv = [a.format(pb=playbook) for a in args]
    ok = {0, 1}  # check: not ready is still a written report
    for _ in range(2):
        r = cli(*argv, "-o", str(out))
        assert r.exit_code in ok, r.stderr
    written = out.read_bytes()
    out.write_text("my own notes\nsecond line\n", encoding="utf-8")
    r = cli(*argv, "-o", str(out))
    assert r.exit_code == 2
    assert r.stderr.endswith("[not-ours]\n") or "[not-an-export]" in r.stderr
    assert out.read_text(encoding="utf-8") == "my own notes\nsecond line\n"
    r = cli(*argv, "-o", str(out), "--force")
    assert r.exit_code in ok, r.stderr
    assert out.read_bytes().splitlines()[:1] == written.splitlines()[:1]


def test_a_hand_written_gantt_chart_is_not_taken_for_an_export(cli, playbook, tmp_path):
    # It starts with `gantt` as every export does; its own title tells it apart.
    chart = tmp_path / "roadmap.mmd"
    mine = "gantt\n    title Our real roadmap\n    dateFormat YYYY-MM-DD\n    section A\n"
    chart.write_text(mine, encoding="utf-8")
    r = cli("export", str(playbook), "--mermaid", "-o", str(chart))
    assert (r.exit_code, chart.read_text(encoding="utf-8")) == (2, mine)
    assert r.stderr.endswith("[not-ours]\n")


def test_a_plan_is_not_replaced_by_another_playbooks(cli, tmp_path):
    out = tmp_path / "plan.txt"
    assert cli("plan", "starter", "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    r = cli("plan", "app-launch", "-o", str(out))
    assert (r.exit_code, out.read_bytes()) == (2, before)


def test_a_playbook_is_not_ours_and_an_empty_file_is(cli, playbook, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_bytes(playbook.read_bytes())
    r = cli("plan", str(playbook), "-f", "json", "-o", str(other))
    assert (r.exit_code, other.read_bytes()) == (2, playbook.read_bytes())
    empty = tmp_path / "empty.json"
    empty.touch()
    assert cli("plan", str(playbook), "-f", "json", "-o", str(empty)).exit_code == 0


def test_read_only_and_hard_linked_outputs_need_force(cli, playbook, tmp_path):
    out = tmp_path / "plan.csv"
    assert cli("plan", str(playbook), "-f", "csv", "-o", str(out)).exit_code == 0
    out.chmod(0o444)
    r = cli("plan", str(playbook), "-f", "csv", "-o", str(out))
    assert (r.exit_code, "read-only" in r.stderr) == (2, True)
    assert cli("plan", str(playbook), "-f", "csv", "-o", str(out), "--force").exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o444
    out.chmod(0o644)
    os.link(out, tmp_path / "second-name.csv")
    r = cli("plan", str(playbook), "-f", "csv", "-o", str(out))
    assert (r.exit_code, "2 hard links" in r.stderr) == (2, True)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    out = tmp_path / "plan.json"
    out.write_bytes(b"{}")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(LaunchkitError, match="No space left on device"):
        write_output(out, b'{"a": 1}', ours=lambda old: True)
    assert out.read_bytes() == b"{}"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_a_full_disk_in_a_real_process_leaves_the_old_file(tmp_path):
    """RLIMIT_FSIZE makes the kernel refuse writes past 1 kB, as a full disk would."""
    resource = pytest.importorskip("resource")
    out = tmp_path / "plan.csv"
    out.write_text("id,title\n", encoding="utf-8")
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))\n"
        "from launchkit.load.atomic import write_output\n"
        "from launchkit.diagnostics import LaunchkitError\n"
        "try:\n"
        "    write_output(sys.argv[1], b'x' * 100_000, ours=lambda old: True)\n"
        "except LaunchkitError as e:\n"
        "    print(e); sys.exit(2)\n"
    )
    assert resource.RLIMIT_FSIZE
    r = subprocess.run(
        [sys.executable, "-c", code, str(out)], capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 2, r.stderr
    assert "[cannot-write]" in r.stdout
    assert out.read_text(encoding="utf-8") == "id,title\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_a_folder_or_a_missing_parent_path_is_bad_input(cli, playbook, tmp_path):
    r = cli("plan", str(playbook), "-o", str(tmp_path))
    assert r.exit_code == 2
    (tmp_path / "file").write_text("x", encoding="utf-8")
    r = cli("plan", str(playbook), "-o", str(tmp_path / "file" / "plan.txt"))
    assert (r.exit_code, "[cannot-write]" in r.stderr) == (2, True)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another owner")
def test_a_replaced_output_keeps_its_owner_and_group(cli, playbook, tmp_path):
    out = tmp_path / "plan.csv"
    assert cli("plan", str(playbook), "-f", "csv", "-o", str(out)).exit_code == 0
    os.chown(out, 4321, 8765)
    out.chmod(0o640)
    assert cli("plan", str(playbook), "-f", "csv", "-o", str(out)).exit_code == 0
    st = out.stat()
    assert (st.st_uid, st.st_gid, stat.S_IMODE(st.st_mode)) == (4321, 8765, 0o640)


def test_a_dash_is_standard_output(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = cli("plan", "starter", "--launch", "2027-03-15", "-f", "json", "-o", "-")
    assert r.exit_code == 0
    assert r.stdout.startswith("{")
    assert not (tmp_path / "-").exists()
