"""The closed vocabularies of the domain. Values are stored and synced as these strings.

No SQLAlchemy here: the models re-export them (``core.models``), and a reader that
does without the ORM (``core.reports.today``) uses the very same classes."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "AccreditationBody",
    "AttendanceStatus",
    "CreditCategory",
    "GroupKind",
    "Horizon",
    "ItemStatus",
    "Outcome",
    "PdsaAct",
    "Role",
    "SessionStatus",
    "Stance",
    "SupportKind",
    "SupportStatus",
    "TopicCategory",
    "Visibility",
    "YesNoNa",
]


class GroupKind(StrEnum):
    SMALL_GROUP = "small_group"
    COMMUNITY_OF_PRACTICE = "community_of_practice"


class Role(StrEnum):
    PHYSICIAN = "physician"
    MOA = "moa"
    NURSE = "nurse"
    ALLIED_HEALTH = "allied_health"
    ADMINISTRATOR = "administrator"
    OTHER = "other"


class TopicCategory(StrEnum):
    EMR_OPTIMISATION = "emr_optimisation"
    CLINICAL_QI = "clinical_quality_improvement"
    OFFICE_EFFICIENCY = "office_efficiency"
    WELLNESS = "wellness"
    OTHER = "other"


class SessionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class AccreditationBody(StrEnum):
    MAINPRO_PLUS = "mainpro_plus"
    ROYAL_COLLEGE_MOC = "royal_college_moc"
    OTHER = "other"
    NONE = "none"


class CreditCategory(StrEnum):
    CERTIFIED = "certified"
    CERTIFIED_ASSESSMENT = "certified_assessment"
    NON_CERTIFIED = "non_certified"


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left_early"
    ABSENT = "absent"


class Visibility(StrEnum):
    PRIVATE = "private"  # sealed to the author: only their passphrase opens it
    GROUP = "group"  # shared with the group, synced in clear


class Stance(StrEnum):
    WILL_CHANGE = "will_change"
    ALREADY_DOING = "already_doing"
    NEED_MORE_INFORMATION = "need_more_information"
    WILL_NOT = "will_not"


class Outcome(StrEnum):
    IMPLEMENTED = "implemented"
    PARTLY = "partly"
    NOT_YET = "not_yet"
    ABANDONED = "abandoned"


class Horizon(StrEnum):
    IMMEDIATE = "immediate"
    WITHIN_A_YEAR = "within_a_year"
    ONE_TO_TWO_YEARS = "one_to_two_years"


class ItemStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    DONE = "done"
    DROPPED = "dropped"


class PdsaAct(StrEnum):
    ADOPT = "adopt"
    ADAPT = "adapt"
    ABANDON = "abandon"


class SupportKind(StrEnum):
    PHYSICIAN_PEER = "physician_peer"
    MOA_PEER_MENTOR = "moa_peer_mentor"
    RST_COORDINATOR = "rst_coordinator"


class SupportStatus(StrEnum):
    REQUESTED = "requested"
    SCHEDULED = "scheduled"
    DONE = "done"
    CANCELLED = "cancelled"


class YesNoNa(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_APPLICABLE = "not_applicable"
