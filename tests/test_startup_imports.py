"""What `validate` and `check` of a built-in playbook leave unimported, for start-up's sake.

bench/README.md measures start-up; this test keeps the largest cut made there from coming back
unnoticed: the `holidays` package (its country table is read from its source, its holidays, eves
and half days come from launchkit's cache once computed). Babel and rich are imported again since
`check` speaks the playbook's language and `validate` looks for dates written out in copy.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from launchkit.model import countries

RUN = (
    "import sys; sys.argv = ['launchkit', *sys.argv[1:]]\n"
    "from launchkit.entry import main\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "print(sorted({m.split('.')[0] for m in sys.modules} & {'holidays'}))\n"
)


def loaded_after(*args: str) -> str:
    r = subprocess.run(
        [sys.executable, "-c", RUN, *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "LAUNCHKIT_TODAY": "2027-01-03"},
    )
    assert r.stderr == ""
    return r.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    "args",
    [["validate", "app-launch.he"], ["check", "advocacy-60-day.it", "--as-of", "2027-01-03"]],
)
def test_a_builtin_playbook_needs_no_holidays_package_once_cached(args):
    loaded_after(*args)  # the first run fills the holiday cache
    assert loaded_after(*args) == "[]"


def test_the_country_table_read_from_source_is_the_registry():
    from holidays.registry import COUNTRIES

    assert countries._registry_table() == COUNTRIES
