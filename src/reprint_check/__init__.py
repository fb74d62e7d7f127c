"""reprint-check: audit pages that republish an article against the publisher's license."""

from __future__ import annotations

__version__ = "0.1.0"
TOOL_NAME = "reprint-check"
TOOL_URL = "https://github.com/reprint-check/reprint-check"
