"""`HttpFetcher`: pages and images over HTTP, politely (robots.txt, per-host budget) and within limits.

One fetch is: check robots.txt -> take a budget slot -> send -> read the body under a cap -> retry
if worth it -> follow a redirect by hand -> judge the final answer. One deadline covers all of it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import TracebackType
from urllib.parse import urlsplit

from reprint_check.fetch.body import HTML_TYPES, parse_content_type
from reprint_check.fetch.budget import Budget
from reprint_check.fetch.challenge import CHALLENGE_STATUSES, challenge_reason, challenge_vendor
from reprint_check.fetch.checks import Answer, as_image, as_page, redirect_target
from reprint_check.fetch.deadline import Deadline, DeadlineExceeded
from reprint_check.fetch.http import HttpSession, Reply
from reprint_check.fetch.interface import FetchedPage, FetchError
from reprint_check.fetch.retry import RETRY_STATUSES, backoff, retry_delay
from reprint_check.fetch.robots import (
    ROBOTS_MAX_BYTES,
    ROBOTS_MAX_REDIRECTS,
    RobotsCache,
    RobotsRules,
    rules_from_answer,
    unreachable,
)
from reprint_check.fetch.settings import FetchSettings, size_label

# Enough of an error body to recognise a bot wall.
CHALLENGE_BODY_BYTES = 64 * 1024
HTTP_SCHEMES = frozenset({"http", "https"})
# Trouble that may pass: a refused or reset connection, a server that went silent.
RETRY_KINDS = frozenset({"network", "timeout"})
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"
IMAGE_ACCEPT = "image/avif,image/webp,image/*;q=0.9,*/*;q=0.5"


@dataclass(frozen=True)
class _Want:
    """What a request is for: its limits, and which of the fetcher's checks apply."""

    noun: str
    limit: int
    flag: str
    accept: str
    max_redirects: int
    truncate: bool = False  # keep the first `limit` bytes instead of failing (robots.txt)
    robots: bool = True
    challenges: bool = True
    html_only: bool = False  # skip the body of a declared non-HTML type: it fails anyway


class _DeadlineHit(FetchError):
    """The page's deadline ran out: there is no time left to try again."""


def host_key(url: str) -> str:
    """`host:port`, the unit of politeness."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"


def require_http(url: str) -> None:
    if _http_problem(url) is not None:
        raise FetchError("bad_url", f"not an http(s) URL: {url[:200]}", url=url)


def _http_problem(url: str) -> str | None:
    """Why `url` cannot be fetched over HTTP (`non-http(s)` or `malformed`), or None when it can.

    Malformed: a host or port that cannot be parsed (`http://[::1/`, `http://h:99999/`), or no host.
    """
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises on a port that is no number or out of range
    except ValueError:
        return "malformed"
    if parts.scheme.lower() not in HTTP_SCHEMES:
        return "non-http(s)"
    return None if parts.hostname else "malformed"


class HttpFetcher:
    """The `Fetcher` for the web: one shared HTTP session, budget and robots.txt memory per run."""

    def __init__(self, settings: FetchSettings | None = None, *, session: HttpSession | None = None) -> None:
        self.settings = s = settings or FetchSettings()
        self._session = session or HttpSession(s)
        self._budget = Budget(concurrency=s.concurrency, per_host=s.per_host, host_interval=s.host_interval)
        self._robots = RobotsCache(self._load_robots)
        hops = s.max_redirects
        self._page = _Want("page", s.max_bytes, "--max-bytes", PAGE_ACCEPT, hops, html_only=True)
        self._image = _Want("image", s.max_image_bytes, "--max-image-bytes", IMAGE_ACCEPT, hops)
        self._robots_want = _Want(
            "robots.txt",
            ROBOTS_MAX_BYTES,
            "",
            "text/plain,*/*;q=0.5",
            ROBOTS_MAX_REDIRECTS,
            truncate=True,
            robots=False,
            challenges=False,
        )

    async def fetch_page(self, url: str) -> FetchedPage:
        require_http(url)
        answer, redirects = await self._follow(url, self._page, {})
        return as_page(url, answer, redirects)

    async def fetch_image(self, url: str, *, referrer: str | None = None) -> FetchedPage:
        require_http(url)
        # Only a web page is named to a server: a saved page's file:// URL would tell it a local path.
        headers = {"Referer": referrer} if referrer and _http_problem(referrer) is None else {}
        answer, redirects = await self._follow(url, self._image, headers)
        return as_image(url, answer, redirects)

    async def aclose(self) -> None:
        await self._session.aclose()

    async def __aenter__(self) -> HttpFetcher:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    # -- redirects and robots.txt ------------------------------------------------------------------

    async def _follow(self, url: str, want: _Want, headers: dict[str, str]) -> tuple[Answer, tuple[str, ...]]:
        """The final answer and the URLs that redirected to it, in order (the first is `url`).

        One deadline covers the whole chain: every hop, attempt and backoff wait.
        """
        deadline = Deadline(self.settings.timeout)
        chain: list[str] = []
        current = url
        try:
            while True:
                await self._check_robots(current, want)
                answer = await self._retrying(current, want, {**headers, "Accept": want.accept}, deadline)
                target = redirect_target(answer)
                if target is None:
                    return answer, tuple(chain)
                chain.append(current)
                current = _next_hop(chain, target, want)
        except FetchError as err:
            raise _rebased(err, url, current, tuple(chain)) from err

    async def _check_robots(self, url: str, want: _Want) -> None:
        if not (want.robots and self.settings.respect_robots):
            return
        rules = await self._robots.rules_for(url)
        denial = rules.denial(url, self.settings.robots_token)
        if denial is not None:
            raise FetchError("network" if rules.down is not None else "robots", denial, url=url)

    async def _load_robots(self, where: str) -> RobotsRules:
        try:
            answer, _ = await self._follow(where, self._robots_want, {})
        except FetchError as err:
            # RFC 9309 2.3.1.2: too many redirects may count as "unavailable", i.e. no rules.
            if err.kind == "redirect":
                return RobotsRules()
            return unreachable(err.reason, site_down=err.kind in ("network", "timeout"))
        return rules_from_answer(answer.status, answer.body)

    # -- one URL: retries, attempts, bodies --------------------------------------------------------

    async def _retrying(self, url: str, want: _Want, headers: dict[str, str], deadline: Deadline) -> Answer:
        """The answer worth keeping: retried on trouble that passes, while tries and time are left."""
        attempt = 0
        while True:
            attempt += 1
            try:
                outcome: Answer | FetchError = await self._attempt(url, want, headers, deadline)
            except FetchError as err:
                outcome = err
            delay = self._retry_delay(outcome, attempt)
            if delay is None or not await deadline.sleep(delay):
                return _settled(outcome, attempt)

    def _retry_delay(self, outcome: Answer | FetchError, attempt: int) -> float | None:
        """How long to wait before another try, or None when this outcome is final."""
        s = self.settings
        if attempt > s.retries:
            return None
        if isinstance(outcome, FetchError):
            if isinstance(outcome, _DeadlineHit) or outcome.kind not in RETRY_KINDS:
                return None
            return backoff(attempt - 1, base=s.backoff_base, cap=s.backoff_cap)
        if outcome.status not in RETRY_STATUSES:
            return None
        return retry_delay(
            attempt - 1,
            outcome.headers,
            base=s.backoff_base,
            cap=s.backoff_cap,
            retry_after_cap=s.retry_after_cap,
        )

    async def _attempt(self, url: str, want: _Want, headers: dict[str, str], deadline: Deadline) -> Answer:
        async with self._budget.slot(host_key(url)):
            try:
                async with deadline.charged(), self._session.open(url, headers) as reply:
                    return await self._receive(reply, want)
            except DeadlineExceeded as exc:
                reason = f"no complete answer within {deadline.seconds:g} s (--timeout)"
                raise _DeadlineHit("timeout", reason, url=url) from exc

    async def _receive(self, reply: Reply, want: _Want) -> Answer:
        headers_only = _answer(reply, b"")
        if redirect_target(headers_only) is not None:
            return headers_only
        if reply.status_code >= 400:
            return replace(headers_only, body=await self._error_body(reply, want))
        mime = parse_content_type(reply.headers.get("content-type"))[0]
        if want.html_only and mime is not None and mime not in HTML_TYPES:
            return headers_only
        return replace(headers_only, body=await self._body(reply, want))

    async def _error_body(self, reply: Reply, want: _Want) -> bytes:
        """Reads just enough of a 403/429/503 to tell a bot wall from a plain error."""
        if not (want.challenges and reply.status_code in CHALLENGE_STATUSES):
            return b""
        body = (await reply.read(CHALLENGE_BODY_BYTES)).data
        vendor = challenge_vendor(reply.status_code, reply.headers, body)
        if vendor is not None:
            reason = challenge_reason(reply.status_code, vendor)
            raise FetchError("challenge", reason, url=reply.url, status_code=reply.status_code)
        return body

    async def _body(self, reply: Reply, want: _Want) -> bytes:
        declared = reply.headers.get("content-length", "")
        identity = "content-encoding" not in reply.headers
        too_big = not want.truncate and identity and declared.isdigit() and int(declared) > want.limit
        body = None if too_big else await reply.read(want.limit)
        if body is not None and (want.truncate or not body.truncated):
            return body.data
        reason = f"{want.noun} larger than {size_label(want.limit)} ({want.flag})"
        raise FetchError("too_large", reason, url=reply.url, status_code=reply.status_code)


def _answer(reply: Reply, body: bytes) -> Answer:
    return Answer(
        reply.url, reply.status_code, reply.reason_phrase, dict(reply.headers), body, reply.from_cache
    )


def _next_hop(chain: list[str], target: str, want: _Want) -> str:
    """Where to go next, or why not: a non-http(s) or malformed target, a loop, or too many hops."""
    here = chain[-1]
    problem = _http_problem(target)
    if problem is not None:
        raise FetchError("redirect", f"refused a redirect to a {problem} URL: {target[:200]}", url=here)
    if target in chain:
        raise FetchError("redirect", "redirect loop: " + " -> ".join([*chain, target]), url=here)
    if len(chain) > want.max_redirects:
        raise FetchError("redirect", f"more than {want.max_redirects} redirects (--max-redirects)", url=here)
    return target


def _settled(outcome: Answer | FetchError, attempts: int) -> Answer:
    """The final answer, stamped with its number of tries; an error is raised instead."""
    if isinstance(outcome, FetchError):
        raise _with_attempts(outcome, attempts) from outcome
    return replace(outcome, attempts=attempts)


def _with_attempts(err: FetchError, attempts: int) -> FetchError:
    if attempts == 1:
        return err
    reason = f"{err.reason} after {attempts} attempts"
    return FetchError(err.kind, reason, url=err.url, final_url=err.final_url, status_code=err.status_code)


def _rebased(err: FetchError, url: str, current: str, chain: tuple[str, ...]) -> FetchError:
    """The same error, told from the URL the caller asked for, with the redirects on the way."""
    final_url = err.final_url or current
    redirects = chain or err.redirects
    return FetchError(
        err.kind, err.reason, url=url, final_url=final_url, status_code=err.status_code, redirects=redirects
    )


def open_fetcher(settings: FetchSettings | None = None) -> HttpFetcher:
    """The run's fetcher: `async with open_fetcher(settings) as fetcher:` closes it at the end."""
    return HttpFetcher(settings)
