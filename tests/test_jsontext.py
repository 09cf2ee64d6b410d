"""The fast indented JSON writer gives exactly what json.dumps(indent=2) gives."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from launchkit.outputs import jsontext

scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text()
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(values)
def test_same_text_as_json_dumps(value):
    assert jsontext.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_hebrew_and_control_characters_are_written_as_json_dumps_writes_them():
    value = {"title": 'השקה \u202b\x00 "q" 🚀', "n": [1, 2.5, None, True, {}, []]}
    assert jsontext.dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)
