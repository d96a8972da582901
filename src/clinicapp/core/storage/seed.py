"""Rows every replica creates for itself, with deterministic ids and fixed timestamps so
that merging replicas never duplicates them and their data stays identical."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from clinicapp.core.models import Topic, TopicCategory
from clinicapp.core.models.ids import stable_id
from clinicapp.core.sync.changelog import APPLYING_REMOTE

if TYPE_CHECKING:
    from clinicapp.core.storage.db import Database

SEEDED_AT = datetime(2024, 1, 1, tzinfo=UTC)

TOPICS: tuple[tuple[str, TopicCategory], ...] = (
    ("EMR messaging and tasks", TopicCategory.EMR_OPTIMISATION),
    ("Entering discrete data into the EMR", TopicCategory.EMR_OPTIMISATION),
    ("EMR templates and panel searches", TopicCategory.EMR_OPTIMISATION),
    ("End-of-life care", TopicCategory.CLINICAL_QI),
    ("Adult and child mental health", TopicCategory.CLINICAL_QI),
    ("Chronic disease management", TopicCategory.CLINICAL_QI),
    ("Opioid agonist therapy", TopicCategory.CLINICAL_QI),
    ("Team-based care and huddles", TopicCategory.OFFICE_EFFICIENCY),
    ("Advanced access and scheduling", TopicCategory.OFFICE_EFFICIENCY),
    ("Physician and team wellness", TopicCategory.WELLNESS),
)


def topic_id(title: str) -> str:
    return stable_id("topic", title.casefold())


def seed(db: Database) -> None:
    """Create missing seeded rows without recording changes: every replica has them."""
    with db.write() as session:
        session.info[APPLYING_REMOTE] = True
        for title, category in TOPICS:
            tid = topic_id(title)
            if session.get(Topic, tid) is None:
                session.add(Topic(id=tid, title=title, category=category,
                                  created_at=SEEDED_AT, updated_at=SEEDED_AT))
