"""Playbook text is data, HTML escapes it, user templates run sandboxed, files stay in their folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from launchkit.diagnostics import LaunchkitError
from launchkit.load import load_playbook
from launchkit.outputs.render import Artefact, OutputFile, Rendering, render, write_rendering
from launchkit.outputs.render.base import output_path, safe_name
from render_plans import DATA, hand_plan


def _tricky(write: Callable[..., Path]) -> Path:
    text = (DATA / "en.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "title: Brief the managers in person", "title: 'Brief {{ 7*7 }} <b>managers</b>'"
    )
    text = text.replace("app_name: Connect", 'app_name: "{% raw %}<script>x</script>"')
    return write(text)


def test_playbook_text_is_never_template_code(write: Callable[..., Path]) -> None:
    files = {f.name: f.text for f in render(hand_plan("en", _tricky(write))).files}
    assert "Brief {{ 7*7 }} <b>managers</b>" in files["checklist.md"]
    assert "49" not in files["checklist.md"]
    assert "Brief {{ 7*7 }} &lt;b&gt;managers&lt;/b&gt;" in files["checklist.html"]


def test_html_outputs_escape_playbook_text(write: Callable[..., Path]) -> None:
    files = {f.name: f.text for f in render(hand_plan("en", _tricky(write))).files}
    html = [n for n in files if n.endswith((".html", ".svg"))]
    assert len(html) == 15  # 9 documents, the wall calendar's 3 pages and 3 pictures
    for name in html:
        assert "<script>" not in files[name], name
        assert "<b>managers" not in files[name], name
    assert "{% raw %}&lt;script&gt;x&lt;/script&gt;" in files["teasers/poster.html"]


def _templates(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "mine"
    (folder / Path(name).parent).mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_user_templates_replace_built_in_ones(tmp_path: Path) -> None:
    mine = _templates(
        tmp_path, "checklist/checklist.md.j2", "{{ _('Launch day') }}: {{ launch|date }}\n"
    )
    files = render(hand_plan("he"), [Artefact.checklist], mine).files
    assert files[0].text == "יום ההשקה: 10 בינואר 2027\n"
    assert files[1].text.startswith("<!DOCTYPE html>")  # the built-in HTML checklist still serves


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "template-unsafe"),
        ("{{ playbook.__class__.__init__.__globals__ }}", "template-unsafe"),
        ("{% include '../../../etc/passwd' %}", "template-missing"),
        ("{{ playbook.tasks.append(1) }}", "template-unsafe"),
        ("{{ no_such_name }}", "template-error"),
        ("{% for %}", "template-syntax"),
    ],
)
def test_user_templates_run_in_the_sandbox(tmp_path: Path, source: str, code: str) -> None:
    mine = _templates(tmp_path, "deck/deck.md.j2", "line one\n" + source + "\n")
    with pytest.raises(LaunchkitError) as caught:
        render(hand_plan("en"), [Artefact.deck], mine)
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == code
    if code != "template-missing":
        assert diagnostic.path.endswith("deck/deck.md.j2")
        assert diagnostic.line == 2


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/evil", "a/../../evil", "teasers/../../x", ""]
)
def test_output_names_cannot_leave_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="leaves the output folder"):
        output_path(tmp_path, name)


def test_nothing_is_written_when_one_name_escapes(tmp_path: Path) -> None:
    rendering = Rendering([OutputFile("ok.txt", "fine"), OutputFile("../escape.txt", "bad")])
    with pytest.raises(ValueError):
        write_rendering(rendering, tmp_path / "out")
    assert not (tmp_path / "escape.txt").exists()
    assert not (tmp_path / "out" / "ok.txt").exists()


@pytest.mark.parametrize(
    ("raw", "safe"),
    [("../../etc/passwd", "etc-passwd"), ("poster", "poster"), ("..", "file"), ("a b/c", "a-b-c")],
)
def test_safe_name(raw: str, safe: str) -> None:
    assert safe_name(raw) == safe


def test_the_model_refuses_path_characters_in_ids(write: Callable[..., Path]) -> None:
    text = (DATA / "en.yaml").read_text(encoding="utf-8")
    text = text.replace("channels: [email-signature, posters", "channels: [../../evil, posters")
    with pytest.raises(LaunchkitError) as caught:
        load_playbook(write(text))
    assert [d.code for d in caught.value.diagnostics] == ["bad-id"]
