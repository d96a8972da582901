"""Row ids: time-ordered new ids, stable ids alike everywhere, a short form telling ids apart."""

import uuid

from clinicapp.core.models.ids import new_id, short_id, stable_id


def test_new_ids_are_uuid7_in_time_order():
    ids = [new_id() for _ in range(50)]
    assert all(uuid.UUID(i).version == 7 for i in ids)
    assert len(set(ids)) == 50
    # The first 48 bits are the clock in milliseconds: never going backwards.
    clocks = [int(i.replace("-", "")[:12], 16) for i in ids]
    assert clocks == sorted(clocks)


def test_stable_ids_are_the_same_for_the_same_natural_key_only():
    assert stable_id("topic", "Diabetes") == stable_id("topic", "Diabetes")
    assert stable_id("topic", "Diabetes") != stable_id("topic", "Diabetes care")
    # The parts are kept apart: ("a b", "c") is not ("a", "b c").
    assert stable_id("x", "a b", "c") != stable_id("x", "a", "b c")


def test_ids_made_in_the_same_minute_have_different_short_forms():
    ids = [new_id() for _ in range(200)]
    # Made within the same minute, they share their first eight characters...
    assert len({i[:8] for i in ids}) <= 2
    # ...and the short form a message shows still tells every one apart.
    assert len({short_id(i) for i in ids}) == 200
    assert all(len(short_id(i)) == 8 and short_id(i) in i for i in ids)


def test_short_form_of_any_text_is_at_most_eight_characters():
    assert short_id("") == ""
    assert short_id("abc") == "abc"
    assert short_id("x" * 10_000 + "'; DROP") == "x'; DROP"
