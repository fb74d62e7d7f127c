"""The audit file: which source articles and copies a run checks, and with which settings.

`load_audit(path)` returns an `AuditPlan` or raises `AuditConfigError`; the format is
documented in `reprint_check.audit.config`.
"""

from __future__ import annotations

from reprint_check.audit.config import load_audit
from reprint_check.audit.plan import AuditConfigError, AuditPlan, AuditSettings, AuditSource, FailOn

__all__ = ["AuditConfigError", "AuditPlan", "AuditSettings", "AuditSource", "FailOn", "load_audit"]
