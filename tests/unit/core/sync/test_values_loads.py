"""``values.loads`` and ``values.loads_line`` are ``json.loads``: the same value for every
text, the same error for every text it refuses (the fast way only skips its wrappers)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinicapp.core.sync.values import loads, loads_line

JSONISH = st.text(alphabet='{}[]",:0123456789.eE+-truefalsn \\u\t\n\x00é', max_size=30)


def outcome(fn, arg):
    try:
        return "ok", fn(arg)
    except (ValueError, RecursionError) as exc:
        return type(exc).__name__, str(exc)


@settings(max_examples=500, deadline=None)
@given(st.one_of(JSONISH, st.text(max_size=20),
                 st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                              lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
                              max_leaves=8).map(json.dumps)))
def test_loads_is_json_loads(text):
    assert outcome(loads, text) == outcome(json.loads, text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(JSONISH.map(str.encode), st.binary(max_size=20),
                 st.builds(lambda t, p: p + json.dumps({"a": t}).encode(), st.text(),
                           st.sampled_from([b"", b" ", b"\xef\xbb\xbf", b"\x00"]))))
def test_loads_line_is_json_loads(line):
    assert outcome(loads_line, line) == outcome(json.loads, line)


@pytest.mark.parametrize("text", ['"a" ', ' 1', "[1] x", "{\"a\":1}{", "[" * 100_000])
def test_what_the_scanner_does_not_read_whole_is_json_loads_too(text):
    assert outcome(loads, text) == outcome(json.loads, text)
