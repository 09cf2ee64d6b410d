"""Issue 18: every word in the reader's language (role titles, the reader's week, locales)."""

from __future__ import annotations

import datetime as dt

import pytest

from launchkit.model import Playbook
from launchkit.model.locales import babel_locale, is_rtl, language_of
from launchkit.outputs.status import work_week


def _playbook(**people: dict[str, str]) -> Playbook:
    return Playbook.model_validate({"launchkit": 1, "id": "x", "title": "X", "people": people})


def test_readers_see_a_name_and_title_never_the_role_id():
    pb = _playbook(comms={"name": "Tom Whitfield", "title": "Internal comms"}, hr={"name": "Priya"})
    assert pb.owner_label("comms") == "Tom Whitfield (Internal comms)"
    assert pb.owner_label("hr") == "Priya"
    assert pb.owner_label("it") == "it"  # nobody named: the id is all there is
    assert pb.owner_label(None) == ""


@pytest.mark.parametrize(
    ("locale", "language", "babel", "rtl"),
    [("en-GB", "en", "en_GB", False), ("he-IL", "he", "he_IL", True), ("tr", "tr", "tr", False)],
)
def test_a_locale_gives_its_language_and_babels_name(locale, language, babel, rtl):
    assert (language_of(locale), babel_locale(locale), is_rtl(locale)) == (language, babel, rtl)


ISRAEL = ["sun", "mon", "tue", "wed", "thu"]
EUROPE = ["mon", "tue", "wed", "thu", "fri"]


@pytest.mark.parametrize(
    ("workweek", "as_of", "first", "last"),
    [
        (ISRAEL, "2027-01-06", "2027-01-03", "2027-01-07"),  # a Wednesday: Sunday to Thursday
        (ISRAEL, "2027-01-03", "2027-01-03", "2027-01-07"),  # the Sunday itself
        (ISRAEL, "2027-01-07", "2027-01-03", "2027-01-07"),  # the Thursday itself
        (ISRAEL, "2027-01-08", "2027-01-10", "2027-01-14"),  # a Friday: the coming week
        (ISRAEL, "2027-01-09", "2027-01-10", "2027-01-14"),  # a Saturday: the coming week
        (EUROPE, "2027-01-06", "2027-01-04", "2027-01-08"),
        (EUROPE, "2027-01-09", "2027-01-11", "2027-01-15"),  # a Saturday
        (EUROPE, "2027-01-10", "2027-01-11", "2027-01-15"),  # a Sunday
        (["fri", "sat", "sun"], "2027-01-04", "2027-01-08", "2027-01-10"),  # a week across Monday
    ],
)
def test_this_week_is_the_playbooks_work_week(workweek, as_of, first, last):
    found = work_week(workweek, dt.date.fromisoformat(as_of))
    assert found == (dt.date.fromisoformat(first), dt.date.fromisoformat(last))
