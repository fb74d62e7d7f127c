"""The history package's one error type."""

from __future__ import annotations


class HistoryError(Exception):
    """The history database cannot be opened, migrated or used as asked."""
