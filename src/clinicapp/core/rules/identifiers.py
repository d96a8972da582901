"""Text that looks like it could identify a patient.

A reflection must not name a patient or give their health number, birth date, address or
phone number (DOMAIN.md). Before a reflection is saved its text is scanned; what looks
like an identifier is reported with the words and the reason, and the person decides:
reword, or keep it as written (the choice is recorded on the reflection).

The scan is deliberately cautious and explainable rather than clever: each finding names
the rule that matched, so a person can see why and judge for themselves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from clinicapp.core.errors import ClinicAppError


@dataclass(frozen=True)
class Finding:
    field: str
    text: str
    reason: str


class IdentifierWarning(ClinicAppError):
    """Raised instead of saving text with possible patient identifiers."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        self.field = findings[0].field if findings else ""
        words = "; ".join(f"“{f.text}” ({f.reason})" for f in findings)
        super().__init__(f"this may identify a patient: {words}")


_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_STREET = ("street|st|avenue|ave|road|rd|drive|dr|crescent|cres|boulevard|blvd|lane|ln|"
           "way|court|ct|place|pl|highway|hwy|trail|rue|chemin")
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|M|Mme|Mlle)\.?"
_NAME = r"[A-ZÀ-Ý][a-zà-ÿ'’]+(?:-[A-ZÀ-Ý]?[a-zà-ÿ'’]+)*"  # also Émilie, Saint-Denis

# Street and patient names must be capitalised even where the rest of a rule ignores case,
# so that everyday phrases ("2 protocols in place", "3 cases with dr Lee") are not flagged.
_CAP_NAME = rf"(?-i:{_NAME})"

RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Before the health-number rule, so "250-555-1234" is reported as what it looks like.
    (re.compile(r"(?:\+?1[ .-]?)?\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b"),
     "a phone number"),
    (re.compile(r"(?<!\d)(?:\d[ -]?){9,10}(?!\d)"),
     "a 9–10 digit number, like a personal health number"),
    (re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\b|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b"),
     "a full date, like a birth date"),
    (re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\.?,?\s+\d{{4}}\b|"
                rf"\b(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b",
                re.IGNORECASE),
     "a full date, like a birth date"),
    (re.compile(rf"\b\d{{1,6}}\s+(?:{_CAP_NAME}\s+){{1,3}}(?:{_STREET})\b\.?", re.IGNORECASE),
     "a street address"),
    # French order: "1200, rue Saint-Denis", "45 chemin du Lac".
    (re.compile(rf"\b\d{{1,6}},?\s+(?:rue|chemin|avenue|boulevard|boul\.|route|rang)\s+"
                rf"(?:(?:de la|de|du|des)\s+|d[’']|l[’'])?{_CAP_NAME}", re.IGNORECASE),
     "a street address"),
    (re.compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d\b"),
     "a postal code"),
    (re.compile(rf"\b{_TITLE}\s+{_NAME}(?:\s+{_NAME})?"),
     "a title and a name"),
    (re.compile(rf"\b(?:patient|pt|client|resident)\s+(?:named\s+)?{_CAP_NAME}\s+{_CAP_NAME}\b",
                re.IGNORECASE),
     "a patient's full name"),
)


def scan(fields: Mapping[str, str]) -> list[Finding]:
    """Possible identifiers in these texts, in field order, each once."""
    findings: list[Finding] = []
    for field, text in fields.items():
        if not text:
            continue
        taken: list[tuple[int, int]] = []
        for pattern, reason in RULES:
            for match in pattern.finditer(text):
                span = match.span()
                if any(span[0] < end and start < span[1] for start, end in taken):
                    continue  # already reported by an earlier rule
                taken.append(span)
                findings.append(Finding(field, match.group(0).strip(), reason))
    return findings


def check(fields: Mapping[str, str]) -> None:
    findings = scan(fields)
    if findings:
        raise IdentifierWarning(findings)
