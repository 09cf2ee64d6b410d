"""What `launchkit init` writes: a built-in playbook made into a launch repository's files.

Pure: `scaffold()` returns the files' contents; the command decides whether it may write them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

PLAYBOOK_FILE = "launch.yaml"
SCHEMA_FILE = "playbook.schema.json"

# Template under templates/init/ -> where it goes in the new repository. The templates are
# fixed files (no substitution): they name the playbook as launch.yaml.
FIXED_FILES = {
    "launch.yml": ".github/workflows/launch.yml",
    "site.yml": ".github/workflows/site.yml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
}

_MODELINE = re.compile(r"\A# yaml-language-server: \$schema=\S*[^\n]*\n")
_LAUNCH = re.compile(r"^launch:[ \t]*[^\s#]*", re.MULTILINE)
_ANCHOR = re.compile(r"^(?:timezone|locale|title|id):[^\n]*\n", re.MULTILINE)


@dataclass(frozen=True)
class ScaffoldFile:
    """One file of the new repository: its path relative to the target folder, and its text."""

    path: str
    text: str


def with_modeline(text: str, schema: str = SCHEMA_FILE) -> str:
    """The playbook with its first line pointing editors at `schema`, replacing any earlier one."""
    line = f"# yaml-language-server: $schema={schema}\n"
    return line + _MODELINE.sub("", text, count=1)


def with_launch(text: str, launch: dt.date) -> str:
    """The playbook with `launch:` set to `launch`, its comments and layout untouched.

    Only the top-level key's value changes (a comment after it stays); where there is no
    `launch:` yet, one is added after the last of `timezone`, `locale`, `title` or `id`.
    """
    value = f"launch: {launch.isoformat()}"
    if _LAUNCH.search(text):
        return _LAUNCH.sub(value, text, count=1)
    anchors = list(_ANCHOR.finditer(text))
    at = anchors[-1].end() if anchors else 0
    return text[:at] + value + "\n" + text[at:]


def schema_text() -> str:
    """The JSON Schema of playbooks, as `launchkit schema` prints it."""
    from launchkit.model import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def scaffold(playbook: Path, templates: Path, launch: dt.date | None = None) -> list[ScaffoldFile]:
    """The files of a launch repository started from the playbook file `playbook`."""
    text = with_modeline(playbook.read_text(encoding="utf-8"))
    if launch is not None:
        text = with_launch(text, launch)
    files = [ScaffoldFile(PLAYBOOK_FILE, text), ScaffoldFile(SCHEMA_FILE, schema_text())]
    from launchkit import __version__

    for source, target in FIXED_FILES.items():
        text = (templates / source).read_text(encoding="utf-8").replace("@VERSION@", __version__)
        files.append(ScaffoldFile(target, text))
    return files
