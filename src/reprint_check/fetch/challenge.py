"""Bot walls: a 403/429/503 whose body is a challenge, not an answer about the page.

Telling them apart from a plain error matters to the report: "HTTP 403" suggests the copy is gone,
while a challenge means we could not look. Markers are data, checked in order.
"""

from __future__ import annotations

from collections.abc import Mapping

CHALLENGE_STATUSES = frozenset({403, 429, 503})

# (lower-case body marker, who serves it). The first match names the wall in the reason.
BODY_MARKERS: tuple[tuple[str, str], ...] = (
    ("cf-challenge", "Cloudflare"),
    ("cf_chl", "Cloudflare"),
    ("challenge-platform", "Cloudflare"),
    ("<title>just a moment...</title>", "Cloudflare"),
    ("attention required! | cloudflare", "Cloudflare"),
    ("checking your browser", "a browser check"),
    ("ddos-guard", "DDoS-Guard"),
    ("sucuri website firewall", "Sucuri"),
    ("_incapsula_resource", "Imperva Incapsula"),
    ("incapsula incident", "Imperva Incapsula"),
    ("captcha-delivery.com", "DataDome"),
    ("px-captcha", "PerimeterX"),
    ("verify you are human", "a human check"),
    ("captcha", "a CAPTCHA"),
)
# (header, lower-case value fragment, who). Some walls say so in a header even with an empty body.
HEADER_MARKERS: tuple[tuple[str, str, str], ...] = (
    ("cf-mitigated", "challenge", "Cloudflare"),
    ("server", "ddos-guard", "DDoS-Guard"),
    ("x-sucuri-block", "", "Sucuri"),
    ("x-datadome", "", "DataDome"),
)

HINT = "open it in a browser, save the page, and check the saved file"


def challenge_vendor(status: int, headers: Mapping[str, str], body: bytes) -> str | None:
    """Who is challenging us, or None when this is not a bot wall."""
    if status not in CHALLENGE_STATUSES:
        return None
    for name, fragment, vendor in HEADER_MARKERS:
        value = headers.get(name)
        if value is not None and fragment in value.lower():
            return vendor
    text = body.decode("latin-1").lower()
    return next((vendor for marker, vendor in BODY_MARKERS if marker in text), None)


def challenge_reason(status: int, vendor: str) -> str:
    return f"could not check: the site answered with a bot challenge (HTTP {status}, {vendor}); hint: {HINT}"
