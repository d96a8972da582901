"""Groups, members, their memberships, and the topic catalogue."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from clinicapp.core.models.base import Base, StrEnumType, Synced
from clinicapp.core.models.enums import GroupKind, Role, TopicCategory


class Group(Synced, Base):
    """A small-group-learning group or a community-of-practice hub."""

    __tablename__ = "groups"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[GroupKind] = mapped_column(StrEnumType(GroupKind), default=GroupKind.SMALL_GROUP)
    division: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")


class Member(Synced, Base):
    """A person: physician, MOA, nurse, allied health, administrator or other."""

    __tablename__ = "members"
    __table_args__ = (Index("ix_members_full_name", "full_name"),)

    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(StrEnumType(Role), default=Role.PHYSICIAN)
    profession_detail: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    licence_number: Mapped[str] = mapped_column(String(50), default="")  # CFPC or licence no.
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Private journal: the member's age X25519 public key (``age1…``) and the matching
    # secret, encrypted with the member's own passphrase (age scrypt) and, separately,
    # with their personal recovery code. Only ciphertext is ever stored or synced.
    journal_recipient: Mapped[str] = mapped_column(String(100), default="")
    journal_identity_sealed: Mapped[str] = mapped_column(Text, default="")
    journal_recovery_sealed: Mapped[str] = mapped_column(Text, default="")


class Membership(Synced, Base):
    """A member in a group. The id is derived from (group, member) so replicas agree."""

    __tablename__ = "memberships"
    __table_args__ = (Index("ix_memberships_group_member", "group_id", "member_id"),)

    group_id: Mapped[str] = mapped_column(ForeignKey("groups.id"))
    member_id: Mapped[str] = mapped_column(ForeignKey("members.id"), index=True)
    is_facilitator: Mapped[bool] = mapped_column(Boolean, default=False)
    joined_on: Mapped[date | None] = mapped_column(default=None)
    left_on: Mapped[date | None] = mapped_column(default=None)


class Topic(Synced, Base):
    """An entry of the topic catalogue. Seeded topics have ids derived from their title."""

    __tablename__ = "topics"

    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[TopicCategory] = mapped_column(
        StrEnumType(TopicCategory), default=TopicCategory.OTHER
    )
    description: Mapped[str] = mapped_column(Text, default="")
