"""Verdicts remembered between runs, so an unchanged page is not judged again.

Judging is a pure function of the page (bytes, final URL, charset), the prepared source (article,
identity, rule options, source image fingerprints), the tool version and, when the policy compares
pictures, the bytes of the copy's article images. A verdict is stored under a digest of all of those
but the image bytes; the images it needed are stored beside it as (URL, digest of the bytes), and the
pipeline reuses the verdict only if every image still has that digest.

The memo is a cache: a database that cannot be opened, read or written logs one warning and the run
judges every page as usual. Only the main process touches it (workers only judge).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import sqlite3
import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from reprint_check import __version__
from reprint_check.fetch.settings import FetchSettings
from reprint_check.judging import PageBytes, PreparedSource
from reprint_check.models import PageResult

log = logging.getLogger(__name__)
T = TypeVar("T")

MEMO_FILE = "verdicts.sqlite3"
FORMAT = 1  # part of every key: a new stored shape never reads an old row
MAX_ROWS = 50_000  # about 1 KB a row once compressed
BUSY_TIMEOUT = 2.0  # seconds to wait for another run's write before giving up on the memo

_SCHEMA = """
CREATE TABLE IF NOT EXISTS verdicts (key TEXT PRIMARY KEY, record BLOB NOT NULL, used_at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS verdicts_used_at ON verdicts (used_at);
"""

ImageDigests = tuple[tuple[str, str], ...]  # (image URL, digest of its bytes or of why it failed)


@dataclass(frozen=True)
class Remembered:
    """A stored verdict and the article images it depended on."""

    result: PageResult
    images: ImageDigests = ()


def open_memo(settings: FetchSettings) -> VerdictMemo:
    """The memo in the HTTP cache's folder; one that remembers nothing when the cache is off."""
    folder = settings.resolved_cache_dir()
    if not settings.use_cache:
        return VerdictMemo(None, folder / MEMO_FILE)
    return VerdictMemo.open(folder)


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.cache
def code_digest(package: Path = Path(__file__).parent) -> str:
    """The package's own code, so a verdict is reused only by the code that made it: an edited
    checkout (or a hotfix without a version bump) must judge again."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def source_digest(prepared: PreparedSource) -> str:
    """Everything of the prepared source that judging reads, as one digest (tool version included)."""
    options = {k: [type(v).__name__, v.model_dump(mode="json")] for k, v in prepared.options.items()}
    parts = {
        "format": FORMAT,
        "version": __version__,
        "code": code_digest(),
        "article": dataclasses.asdict(prepared.article),
        "identity": dataclasses.asdict(prepared.identity),
        "options": options,
        "images": {url: dataclasses.asdict(check) for url, check in prepared.images.items()},
    }
    return content_digest(json.dumps(parts, sort_keys=True).encode())


def page_key(source: str, page: PageBytes) -> str:
    """The memo key: the source's digest and what judging reads of the page."""
    head = json.dumps([source, page.final_url, page.charset]).encode()
    return content_digest(head + b"\0" + page.content)


class VerdictMemo:
    """`with VerdictMemo.open(folder) as memo:`, then `recall` before judging and `remember` after."""

    def __init__(self, db: sqlite3.Connection | None, path: Path, max_rows: int = MAX_ROWS) -> None:
        self._db = db
        self.path = path
        self.max_rows = max_rows
        self.hits = 0
        self._used: list[str] = []
        self._sources: dict[int, tuple[PreparedSource, str]] = {}

    @classmethod
    def open(cls, folder: Path, *, max_rows: int = MAX_ROWS) -> VerdictMemo:
        path = folder / MEMO_FILE
        try:
            folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            _warn(path, exc)
            return cls(None, path, max_rows)
        memo = cls(db, path, max_rows)
        memo._guard(_setup)
        return memo

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def key(self, prepared: PreparedSource, page: PageBytes) -> str:
        # The source digest once per prepared source; holding `prepared` keeps its id from being reused.
        known = self._sources.get(id(prepared))
        if known is None:
            known = self._sources[id(prepared)] = (prepared, source_digest(prepared))
        return page_key(known[1], page)

    def recall(self, key: str) -> Remembered | None:
        row = self._guard(_select, key)
        if row is None:
            return None
        try:
            return _decode(row)
        except (zlib.error, ValueError, KeyError, TypeError) as exc:
            log.debug("unreadable verdict in %s (%s); judging again", self.path, exc)
            return None

    def reused(self, key: str) -> None:
        """Count a hit; its row is kept fresh (against pruning) when the memo closes."""
        self.hits += 1
        self._used.append(key)

    def remember(self, key: str, result: PageResult, images: ImageDigests = ()) -> None:
        self._guard(_insert, key, _encode(result, images))

    def close(self) -> None:
        if self._db is None:
            return
        self._guard(_tidy, self._used, self.max_rows)
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> VerdictMemo:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _guard(self, action: Callable[..., T], *args: object) -> T | None:
        """Run a database action; on any database error, warn once and go on without the memo."""
        if self._db is None:
            return None
        try:
            return action(self._db, *args)
        except sqlite3.Error as exc:
            _warn(self.path, exc)
            self._db.close()
            self._db = None
            return None


def _warn(path: Path, exc: BaseException) -> None:
    log.warning("verdict memo %s unusable (%s); judging every page (delete the file to reset it)", path, exc)


def _setup(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA journal_mode=WAL")  # readers and another run's writer do not block each other
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript(_SCHEMA)


def _select(db: sqlite3.Connection, key: str) -> bytes | None:
    row = db.execute("SELECT record FROM verdicts WHERE key = ?", (key,)).fetchone()
    return None if row is None else bytes(row[0])


def _insert(db: sqlite3.Connection, key: str, record: bytes) -> None:
    db.execute("INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?)", (key, record, time.time()))


def _tidy(db: sqlite3.Connection, used: Sequence[str], max_rows: int) -> None:
    now = time.time()
    with db:
        db.execute("BEGIN IMMEDIATE")
        db.executemany("UPDATE verdicts SET used_at = ? WHERE key = ?", [(now, k) for k in used])
        db.execute(
            "DELETE FROM verdicts WHERE key IN "
            "(SELECT key FROM verdicts ORDER BY used_at DESC LIMIT -1 OFFSET ?)",
            (max_rows,),
        )


def _encode(result: PageResult, images: ImageDigests) -> bytes:
    # to_dict rounds the scores for reports; the exact ones travel beside it.
    match = result.match
    record = {
        "result": result.to_dict(),
        "scores": [match.coverage, match.similarity] if match else None,
        "images": [list(pair) for pair in images],
    }
    return zlib.compress(json.dumps(record).encode())


def _decode(blob: bytes) -> Remembered:
    record = json.loads(zlib.decompress(blob))
    scores = record["scores"] or [None, None]
    result = PageResult.from_dict(record["result"], coverage=scores[0], similarity=scores[1])
    return Remembered(result, tuple((str(u), str(d)) for u, d in record["images"]))
