"""Fetch stage: URLs and local files in, bytes out.

`open_fetcher(settings)` gives the web fetcher; `LocalAwareFetcher(settings, roots=...)` adds the
local files the user named. Both are async context managers that close their HTTP session.
"""

from reprint_check.fetch.fetcher import HttpFetcher, open_fetcher
from reprint_check.fetch.interface import FetchedPage, Fetcher, FetchError
from reprint_check.fetch.local import LocalAwareFetcher, to_file_url
from reprint_check.fetch.settings import FetchSettings

__all__ = [
    "FetchError",
    "FetchSettings",
    "FetchedPage",
    "Fetcher",
    "HttpFetcher",
    "LocalAwareFetcher",
    "open_fetcher",
    "to_file_url",
]
