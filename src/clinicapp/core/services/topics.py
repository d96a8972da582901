"""The topic catalogue: seeded examples plus the topics a clinic adds."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from clinicapp.core.errors import ValidationError
from clinicapp.core.models import Topic, TopicCategory
from clinicapp.core.rules.names import by_name
from clinicapp.core.services._common import (
    apply_fields,
    get_live,
    require_choice,
    require_text,
    tombstone,
)
from clinicapp.core.storage.db import Database

EDITABLE = ("title", "category", "description")


def list_topics(db: Database, category: TopicCategory | str | None = None) -> list[Topic]:
    """The whole catalogue (tens of entries), by title."""
    stmt = select(Topic).where(Topic.deleted_at.is_(None)).order_by(
        *by_name(Topic.title, db.engine.dialect.name), Topic.id)
    if category is not None:
        stmt = stmt.where(Topic.category == require_choice("category", category,
                                                           TopicCategory))
    with db.read() as session:
        return list(session.scalars(stmt).all())


def create(db: Database, title: str, category: TopicCategory | str = TopicCategory.OTHER,
           description: str = "") -> Topic:
    """A new catalogue entry, or the existing one with the same title."""
    title = require_text("title", title, 200)
    category = require_choice("category", category, TopicCategory)
    with db.write() as session:
        same = session.scalars(select(Topic).where(
            Topic.deleted_at.is_(None), func.lower(Topic.title) == title.lower())).first()
        if same is not None:
            return same
        topic = Topic(title=title, category=category, description=description.strip())
        session.add(topic)
    return topic


def update(db: Database, topic_id: str, **values: Any) -> Topic:
    with db.write() as session:
        topic = get_live(session, Topic, topic_id, "topic")
        apply_fields(topic, values, EDITABLE)
        topic.title = require_text("title", topic.title, 200)
        topic.category = require_choice("category", topic.category, TopicCategory)
        same = session.scalars(select(Topic.id).where(
            Topic.deleted_at.is_(None), Topic.id != topic.id,
            func.lower(Topic.title) == topic.title.lower())).first()
        if same is not None:
            raise ValidationError("title", "topic_title_taken", title=topic.title)
    return topic


def get(db: Database, topic_id: str) -> Topic:
    with db.read() as session:
        return get_live(session, Topic, topic_id, "topic")


def delete(db: Database, topic_id: str) -> None:
    with db.write() as session:
        tombstone(get_live(session, Topic, topic_id, "topic"))
