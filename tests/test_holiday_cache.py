"""The holiday cache gives the package's own answer, survives damage, and can be turned off."""

from __future__ import annotations

import datetime as dt

import pytest

from launchkit.schedule import holiday_cache
from launchkit.schedule.workdays import _compute


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("LAUNCHKIT_CACHE_DIR", str(tmp_path))
    holiday_cache._folder.cache_clear()
    yield tmp_path
    holiday_cache._folder.cache_clear()


def lookup(years, calls):
    def compute(missing):
        calls.append(missing)
        return _compute("IT", missing, "it")

    return holiday_cache.cached_holidays("IT", years, "it", compute)


def test_a_second_lookup_reads_the_cache_and_agrees_with_the_package(cache_dir):
    calls: list[list[int]] = []
    first = lookup([2027], calls)
    second = lookup([2027], calls)
    assert calls == [[2027]]
    assert first == second == _compute("IT", [2027], "it")
    assert second[dt.date(2027, 4, 25)] == "Anniversario della Liberazione"
    assert len(list(cache_dir.rglob("IT.it.2027.json"))) == 1


def test_only_missing_years_are_computed(cache_dir):
    calls: list[list[int]] = []
    lookup([2027], calls)
    lookup([2026, 2027, 2028], calls)
    assert calls == [[2027], [2026, 2028]]


def test_a_damaged_cache_file_is_computed_again(cache_dir):
    calls: list[list[int]] = []
    lookup([2027], calls)
    (damaged,) = cache_dir.rglob("IT.it.2027.json")
    damaged.write_text('{"not a date": ', encoding="utf-8")
    assert lookup([2027], calls)[dt.date(2027, 12, 25)] == "Natale"
    assert calls == [[2027], [2027]]


def test_off_turns_the_cache_off(cache_dir, monkeypatch):
    monkeypatch.setenv("LAUNCHKIT_CACHE_DIR", "off")
    holiday_cache._folder.cache_clear()
    calls: list[list[int]] = []
    lookup([2027], calls)
    lookup([2027], calls)
    assert calls == [[2027], [2027]]
    assert list(cache_dir.iterdir()) == []
