"""The rules stage's shapes: what a rule sees (`RuleContext`), what it says (`Outcome`), and the
base of every rule's options. The engine, not the rule, stamps the rule id and severity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from reprint_check.match import Alignment, Located, Scope
from reprint_check.match.images import Fingerprint
from reprint_check.models import Evidence, FindingStatus, Severity, SourceArticle
from reprint_check.page.dom import Document


class PolicyError(Exception):
    """A policy file or option that cannot be used; the message is one line naming file and field."""


class RuleOptions(BaseModel):
    """Options every rule takes. A rule's own options subclass this."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    severity: Severity = "error"
    enabled: bool = True


@dataclass(frozen=True)
class Identity:
    """Who must be credited and linked: names (any spelling) and domains."""

    names: tuple[str, ...]
    domains: tuple[str, ...]


@dataclass(frozen=True)
class ImageCheck:
    """The result of trying to fingerprint one image URL: a fingerprint, or why there is none."""

    fingerprint: Fingerprint | None
    problem: str | None = None


@dataclass(frozen=True)
class RuleContext:
    source: SourceArticle
    doc: Document
    located: Located
    scope: Scope
    alignment: Alignment
    identity: Identity
    images: Mapping[str, ImageCheck]  # by absolute image URL, source and copy alike


@dataclass(frozen=True)
class Outcome:
    status: FindingStatus
    message: str
    evidence: tuple[Evidence, ...] = ()
    severity: Severity | None = None  # None: the policy's severity for the rule (warn: "warning")


NofollowPolicy = Literal["warn", "fail", "pass"]


def counted(n: int, noun: str) -> str:
    """`1 image`, `3 images`: counts in messages read as sentences."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
