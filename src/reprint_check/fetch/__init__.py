"""Fetch stage: URLs and local files in, bytes out."""

from reprint_check.fetch.interface import FetchedPage, Fetcher, FetchError

__all__ = ["FetchError", "FetchedPage", "Fetcher"]
