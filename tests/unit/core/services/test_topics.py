"""The topic catalogue: the seeded examples and the topics a clinic adds."""

from __future__ import annotations

import pytest

from clinicapp.core.errors import NotFoundError, ValidationError
from clinicapp.core.models import TopicCategory
from clinicapp.core.services import topics


def titles(rows):
    return [t.title for t in rows]


def test_a_new_database_holds_the_seeded_examples_by_title(db):
    catalogue = titles(topics.list_topics(db))
    for title in ("EMR messaging and tasks", "Entering discrete data into the EMR",
                  "End-of-life care", "Adult and child mental health"):
        assert title in catalogue
    assert catalogue == sorted(catalogue, key=str.lower)
    wellness = titles(topics.list_topics(db, "wellness"))
    assert wellness == ["Physician and team wellness"]


def test_adding_a_topic_and_adding_it_again_gives_the_same_entry(db):
    made = topics.create(db, " Deprescribing in older adults ", "clinical_quality_improvement",
                         "Polypharmacy reviews")
    assert made.title == "Deprescribing in older adults"
    again = topics.create(db, "deprescribing IN older adults")
    assert again.id == made.id
    assert titles(topics.list_topics(db, TopicCategory.CLINICAL_QI)).count(
        "Deprescribing in older adults") == 1


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"title": ""}, "title"),
    ({"title": "t" * 201}, "title"),
    ({"title": "Gardening", "category": "hobbies"}, "category"),
])
def test_a_topic_breaking_a_rule_is_refused(db, kwargs, field):
    before = len(topics.list_topics(db))
    with pytest.raises(ValidationError) as err:
        topics.create(db, **kwargs)
    assert err.value.field == field
    assert len(topics.list_topics(db)) == before


def test_a_topic_is_renamed_and_recategorised(db):
    made = topics.create(db, "Huddle basics")
    topics.update(db, made.id, title="Daily huddles", category="office_efficiency")
    stored = topics.get(db, made.id)
    assert (stored.title, stored.category) == ("Daily huddles", TopicCategory.OFFICE_EFFICIENCY)
    with pytest.raises(ValidationError) as err:
        topics.update(db, made.id, title="  ")
    assert err.value.field == "title"
    assert topics.get(db, made.id).title == "Daily huddles"


def test_renaming_onto_another_topics_title_is_refused(db):
    made = topics.create(db, "Huddle basics")
    with pytest.raises(ValidationError) as err:
        topics.update(db, made.id, title="end-of-life care")
    assert err.value.field == "title"
    assert "already" in err.value.rule


def test_a_deleted_topic_leaves_the_catalogue(db):
    made = topics.create(db, "Huddle basics")
    topics.delete(db, made.id)
    assert "Huddle basics" not in titles(topics.list_topics(db))
    with pytest.raises(NotFoundError):
        topics.get(db, made.id)
    with pytest.raises(NotFoundError):
        topics.delete(db, made.id)
