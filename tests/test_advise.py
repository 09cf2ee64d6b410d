"""`launchkit advise` and the calendars behind it: holiday eves, Chol HaMoed, arife half days,
a comune's patron saint, quiet periods. Every date below was checked against a 2027 calendar:

- Israel: Rosh Hashana Sat–Sun 2–3 Oct (eve Fri 1 Oct, not a working day); Yom Kippur Mon
  11 Oct, so its eve is Sun 10 Oct; Sukkot Sat 16 Oct, Chol HaMoed Sun 17 – Thu 21 Oct,
  Simchat Torah Sat 23 Oct.
- Turkey: Ramazan Bayramı Tue–Thu 9–11 Mar, its arife Mon 8 Mar a half day from 13:00;
  Kurban Bayramı Sun–Wed 16–19 May.
- Italy: Sant'Ambrogio Tue 7 Dec in Milan only; Immacolata Wed 8 Dec everywhere; Ferragosto
  Sun 15 Aug.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from launchkit.load import load_playbook
from launchkit.model import CalendarSpec
from launchkit.readiness.advice import Advice, Candidate, advise
from launchkit.schedule.workdays import WorkCalendar

D = dt.date.fromisoformat

ISRAEL = """\
launchkit: 1
id: il
title: Israeli launch
locale: {locale}
timezone: Asia/Jerusalem
launch: 2027-10-18
calendar: {{workweek: [sun, mon, tue, wed, thu], holidays: [IL]}}
quiet:
  - {{holiday: Sukkot, reason: staff are away for Sukkot}}
sites:
  - {{id: haifa, name: Haifa plant, launch: L+1bd}}
tasks:
  - {{id: briefing, title: Brief the managers, start: L-10bd}}
  - {{id: teasers, title: Teasers, start: L-3bd, duration: 2bd, channels: [email]}}
  - {{id: raffle, title: Raffle, start: 2027-10-10, at: "14:00"}}
"""


def loaded(tmp_path: Path, text: str, name: str = "launch.yaml") -> Any:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_playbook(path, name)


def by_day(advice: Advice) -> dict[dt.date, Candidate]:
    return {c.launch: c for c in advice.candidates}


def codes(c: Candidate) -> dict[str, tuple[int, tuple[str, ...]]]:
    return {r.code: (r.count, r.names) for r in c.reasons}


def test_israeli_eves_and_chol_hamoed(tmp_path: Path) -> None:
    calendar = WorkCalendar(
        CalendarSpec(workweek=["sun", "mon", "tue", "wed", "thu"], holidays=["IL"]), "en"
    )
    reduced = calendar.reduced_between(D("2027-09-26"), D("2027-10-28"))
    assert {d.isoformat(): (r.kind, r.treatment) for d, r in reduced.items()} == {
        "2027-10-10": ("eves", "half"),
        **{f"2027-10-{d}": ("optional", "working") for d in range(17, 22)},
    }
    assert reduced[D("2027-10-10")].name == "Eve of Yom Kippur"
    off = WorkCalendar(CalendarSpec(workweek=["sun"], holidays=["IL"], eves="off"), "he")
    assert not off.is_working(D("2027-10-10"))
    assert off.why_closed(D("2027-10-10")) == "ערב יום כיפור"


def test_advise_ranks_the_days_after_sukkot_over_the_eve_and_chol_hamoed(tmp_path: Path) -> None:
    advice = advise(
        loaded(tmp_path, ISRAEL.format(locale="en")), D("2027-10-03"), D("2027-10-31"),
        as_of=D("2027-09-01"),
    )  # fmt: skip
    days = by_day(advice)
    # Only working days are tried: not Yom Kippur, not the weekend, not Simchat Torah.
    assert D("2027-10-11") not in days and D("2027-10-16") not in days
    eve = codes(days[D("2027-10-10")])
    assert eve["launch-reduced"] == (1, ("Eve of Yom Kippur",))
    assert eve["week-reduced"][1] == ("Sukkot holiday",)  # launch week runs into Chol HaMoed
    hamoed = codes(days[D("2027-10-18")])  # the playbook's own day
    assert hamoed["launch-reduced"] == (1, ("Sukkot holiday",))
    assert hamoed["launch-quiet"] == (1, ("staff are away for Sukkot",))
    assert hamoed["wave-reduced"] == (1, ("Haifa plant",))  # Tue 19 Oct
    # Launching on Thu 14 Oct puts Haifa's wave (the next working day) on Sun 17 Oct.
    assert codes(days[D("2027-10-14")])["wave-reduced"] == (1, ("Haifa plant",))
    # L = Mon 25 Oct still has its teasers (L-3bd) on Wed 20 Oct, in Sukkot's quiet period.
    assert codes(days[D("2027-10-25")]) == {"quiet": (1, ("staff are away for Sukkot",))}
    assert days[D("2027-10-28")].reasons == []
    best = advice.candidates[0]
    assert best.score == 0 and best.launch > D("2027-10-21")
    assert [c.launch for c in advice.candidates].index(D("2027-10-18")) > 10


def test_advise_counts_tasks_that_are_already_late(tmp_path: Path) -> None:
    advice = advise(
        loaded(tmp_path, ISRAEL.format(locale="en")), D("2027-10-24"), D("2027-10-28"),
        as_of=D("2027-10-14"),
    )  # fmt: skip
    # L = Sun 24 Oct: the briefing (L-10bd) was Sun 10 Oct, like the raffle (a fixed date),
    # before the as-of day, and neither is under way.
    assert codes(by_day(advice)[D("2027-10-24")])["late-tasks"] == (2, ("briefing", "raffle"))


def test_advise_in_hebrew_on_the_command_line(cli: Callable[..., Any], tmp_path: Path) -> None:
    loaded(tmp_path, ISRAEL.format(locale="he"))
    r = cli(
        "advise", str(tmp_path / "launch.yaml"), "--between", "2027-10-03", "2027-10-31",
        "--as-of", "2027-09-01", "--top", "3",
    )  # fmt: skip
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("ימי השקה אפשריים מ־")
    assert len([line for line in lines if line[:2] in ("1.", "2.", "3.")]) == 3
    assert "אין מכשולים" in lines[2]
    # The playbook's own day is far down the list, and says why in Hebrew.
    assert "יום ההשקה שלכם, " in lines[-1]
    assert "יום ההשקה הוא חול המועד סוכות" in lines[-1]
    assert "יום ההשקה חל בתקופה שקטה (staff are away for Sukkot)" in lines[-1]


def test_advise_json(cli: Callable[..., Any], tmp_path: Path) -> None:
    loaded(tmp_path, ISRAEL.format(locale="en"))
    r = cli(
        "advise", str(tmp_path / "launch.yaml"), "--between", "2027-10-10", "2027-10-10",
        "--as-of", "2027-09-01", "--format", "json",
    )  # fmt: skip
    doc = json.loads(r.stdout)
    (only,) = doc["candidates"]
    assert only["launch"] == "2027-10-10"
    assert only["reasons"][0] == {
        "code": "launch-reduced", "count": 1, "cost": 4, "names": ["Eve of Yom Kippur"],
        "message": "launch day is Eve of Yom Kippur",
    }  # fmt: skip
    assert only["score"] == sum(reason["cost"] for reason in only["reasons"])


def test_check_flags_a_timed_task_after_a_half_day_ends(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    loaded(tmp_path, ISRAEL.format(locale="en"))
    r = cli("check", str(tmp_path / "launch.yaml"), "--as-of", "2027-10-01", "--format", "json")
    found = {(f["code"], f["id"]): f["message"] for f in json.loads(r.stdout)["findings"]}
    assert found[("half-day", "raffle")] == (
        "'Raffle' is at 14:00 on 2027-10-10, Eve of Yom Kippur: a half day that ends at 13:00"
    )
    assert found[("quiet-period", "launch")] == (
        "'Launch day' goes out on 2027-10-18, in the quiet period 'staff are away for Sukkot' "
        "(2027-10-16 – 2027-10-21)"
    )
    # Teasers L-3bd = Wed 13 Oct, two days: before Sukkot, so not in the quiet period.
    assert ("quiet-period", "teasers") not in found


def test_check_says_quiet_periods_and_half_days_in_the_playbooks_language(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    loaded(tmp_path, ISRAEL.format(locale="he"))
    r = cli("check", str(tmp_path / "launch.yaml"), "--as-of", "2027-10-01")
    assert (
        "המשימה „Raffle” קבועה לשעה 14:00 ב־10 באוק׳ 2027, ערב יום כיפור: יום עבודה מקוצר "
        "שמסתיים ב־13:00"
    ) in r.stdout
    assert (
        "הפרסום „יום ההשקה” ב־18 באוק׳ 2027 נופל בתקופה השקטה „staff are away for Sukkot” "
        "(16 באוק׳ 2027 – 21 באוק׳ 2027)"
    ) in r.stdout
    assert "הפרסום „ההשקה ב־Haifa plant” ב־19 באוק׳ 2027" in r.stdout
    assert "quiet period" not in r.stdout and "half day" not in r.stdout


TURKEY = """\
launchkit: 1
id: tr
title: Lansman
locale: tr
timezone: Europe/Istanbul
launch: 2027-05-21
calendar: {holidays: [TR]}
tasks:
  - {id: posters, title: Afişler, start: L+3d}
  - {id: webinar, title: Webinar, start: 2027-03-08, at: "14:30"}
"""


def test_turkish_arife_and_kurban_bayrami(cli: Callable[..., Any], tmp_path: Path) -> None:
    calendar = WorkCalendar(CalendarSpec(holidays=["TR"]), "tr")
    arife = calendar.reduced(D("2027-03-08"))
    assert arife is not None and arife.treatment == "half"
    assert "Ramazan Bayramı" in arife.name
    advice = advise(loaded(tmp_path, TURKEY), D("2027-05-10"), D("2027-05-28"), D("2027-01-01"))
    days = by_day(advice)
    assert not {D("2027-05-17"), D("2027-05-18"), D("2027-05-19")} & set(days)
    # L = Fri 14 May: the posters (L+3d) fall on Mon 17 May, in the Bayram, and move.
    assert codes(days[D("2027-05-14")])["moved"] == (1, ("posters",))
    assert "moved" not in codes(days[D("2027-05-21")])
    r = cli("check", str(tmp_path / "launch.yaml"), "--as-of", "2027-03-01", "--format", "json")
    (half,) = [f for f in json.loads(r.stdout)["findings"] if f["code"] == "half-day"]
    assert half["id"] == "webinar" and "13:00" in half["message"]


ITALY = """\
launchkit: 1
id: it
title: Lancio
locale: it
timezone: Europe/Rome
launch: 2027-12-06
calendar: {holidays: [IT]}
quiet:
  - {from: 2027-08-09, to: 2027-08-20, reason: settimane di Ferragosto}
sites:
  - {id: milano, name: Sede di Milano, launch: L+1bd, calendar: {holidays: [IT-MI]}}
  - {id: roma, name: Sede di Roma, launch: L+1bd, calendar: {holidays: [IT]}}
tasks:
  - {id: inviti, title: Inviti, start: L, channels: [email]}
"""


def test_milan_keeps_sant_ambrogio_and_rome_does_not(tmp_path: Path) -> None:
    advice = advise(loaded(tmp_path, ITALY), D("2027-12-01"), D("2027-12-15"), D("2027-06-01"))
    days = by_day(advice)
    # L = Mon 6 Dec: both waves on Tue 7 Dec, Sant'Ambrogio in Milan only.
    assert codes(days[D("2027-12-06")])["wave-closed"] == (1, ("Sede di Milano",))
    assert D("2027-12-08") not in days  # the Immacolata is a holiday everywhere
    assert "wave-closed" not in codes(days[D("2027-12-09")])


def test_a_dated_quiet_period_over_ferragosto(tmp_path: Path) -> None:
    advice = advise(loaded(tmp_path, ITALY), D("2027-08-02"), D("2027-08-27"), D("2027-06-01"))
    days = by_day(advice)
    assert codes(days[D("2027-08-16")])["launch-quiet"] == (1, ("settimane di Ferragosto",))
    # The invitations on L, and both sites' waves on Tue 17 Aug.
    assert codes(days[D("2027-08-16")])["quiet"] == (3, ("settimane di Ferragosto",))
    assert "launch-quiet" not in codes(days[D("2027-08-23")])
    assert not D("2027-08-09") <= advice.candidates[0].launch <= D("2027-08-20")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--between", "2027-10-20", "2027-10-01"], "the last day comes before the first"),
        (["--between", "2027-01-01", "2029-12-31"], "at most 731 days"),
        (["--site", "eilat"], "'eilat' is not a site of this playbook"),
    ],
)
def test_bad_ranges_exit_2(
    cli: Callable[..., Any], tmp_path: Path, args: list[str], message: str
) -> None:
    loaded(tmp_path, ISRAEL.format(locale="en"))
    r = cli("advise", str(tmp_path / "launch.yaml"), *args)
    assert r.exit_code == 2
    assert message in r.stdout + r.stderr


def test_every_language_has_every_word() -> None:
    from launchkit.outputs.advice import WORDS

    assert all(set(words) == set(WORDS["en"]) for words in WORDS.values())


def test_the_example_in_the_docs_is_what_advise_prints(cli: Callable[..., Any]) -> None:
    import os
    import re
    import shlex

    from conftest import ROOT

    text = (ROOT / "docs" / "advise.md").read_text(encoding="utf-8")
    command, shown = re.search(r"```console\n\$ (.*?)\n(.*?)```", text, re.S).groups()  # type: ignore[union-attr]
    args = shlex.split(command)[1:]
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        r = cli(*args)
    finally:
        os.chdir(here)
    assert (r.exit_code, r.stdout) == (0, shown)
