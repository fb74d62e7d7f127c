"""Media URLs as comparison keys: which video an embed shows, and which picture an image URL holds.

The same picture reaches a copy through image proxies and CDNs (Jetpack Photon, weserv, Next.js,
Cloudinary fetch, Cloudflare image resizing, ...) and at several CMS sizes, so image URLs are
compared by `normalize_image_url` (same file) and `image_name_key` (same picture, any size).
The hosts, parameters and suffixes involved are data at the top of this module.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

# --- Image proxies and CDN wrappers -------------------------------------------------------------

PHOTON_HOSTS = frozenset({"i0.wp.com", "i1.wp.com", "i2.wp.com", "i3.wp.com"})
# Hosts whose `url` parameter is the image, with or without a scheme.
URL_PARAM_HOSTS = frozenset({"images.weserv.nl", "wsrv.nl"})
# Framework image endpoints whose `url` parameter may be a path on the same host.
URL_PARAM_PATHS = frozenset({"/_next/image", "/_vercel/image"})
# Query parameters that carry the real image when their value is an absolute URL.
WRAPPED_URL_PARAMS = ("url", "u", "src", "image", "img")
_CLOUDFLARE = re.compile(r"^/cdn-cgi/image/[^/]+/(.+)$")
_AMP_CACHE = re.compile(r"^/i/(s/)?(.+)$")
_EMBEDDED_URL = re.compile(r"https?(?::|%3a)(?:/|%2f)+", re.I)
_SLASHES = re.compile(r"/{2,}")
_DEFAULT_PORTS = (":80", ":443")
_MAX_WRAPPERS = 6

# --- Picture names ------------------------------------------------------------------------------

# CMS size and variant suffixes, stripped repeatedly from the end of a file stem.
NAME_SUFFIXES = (
    re.compile(r"[-_]\d{2,5}x\d{2,5}$"),  # WordPress sizes: -1024x576, _150x150
    re.compile(r"-e\d{9,13}$"),  # WordPress image editor: -e1612345678
    re.compile(r"@\d(?:\.\d)?x$"),  # retina: @2x
    re.compile(r"[-_](?:scaled|rotated|min|thumb|thumbnail|large|medium|medium_large|small)$"),
)
# Names that say nothing about which picture it is.
GENERIC_NAMES = frozenset(
    {"image", "images", "photo", "photos", "img", "picture", "pic", "default", "placeholder", "logo",
     "thumbnail", "thumb", "featured", "feature", "header", "banner", "avatar", "icon", "untitled",
     "screenshot", "download", "unnamed", "1x1", "pixel", "spacer", "blank", "transparent", "blank-image",
     "no-image", "noimage", "default-image", "featured-image", "share", "og-image", "social"}
)  # fmt: skip
# A first word that marks site furniture whatever follows (`logo-white`, `default-avatar`).
GENERIC_FIRST_WORDS = frozenset(
    {"logo", "avatar", "icon", "favicon", "placeholder", "spacer", "pixel", "default"}
)
_GENERIC_NUMBERED = re.compile(r"^(?P<word>[a-z]+(?:-[a-z]+)?)[-_ ]?\(?\d{0,4}\)?$")
_DIMENSIONS_ONLY = re.compile(r"^\d+x\d+$")
_SHORT_NUMBER = re.compile(r"^\d{1,7}$")  # sequence numbers; 8+ digits are ids or timestamps
# The extension, and the original one before it when an optimiser serves `photo.jpg.webp`.
_EXTENSION = re.compile(r"(?:\.(?:jpe?g|png|gif|webp|avif|bmp|tiff?))?\.[a-z0-9]{2,5}$")
_SPACES = re.compile(r"[\s+]+")
_MIN_NAME = 5

# --- Video hosts --------------------------------------------------------------------------------

YOUTUBE_HOSTS = frozenset({"youtube.com", "youtube-nocookie.com", "youtu.be"})
# Hosts recognised as video players even when no id can be read from the URL.
VIDEO_HOSTS = {
    "youtube.com": "youtube", "youtube-nocookie.com": "youtube", "youtu.be": "youtube",
    "vimeo.com": "vimeo", "player.vimeo.com": "vimeo",
    "dailymotion.com": "dailymotion", "geo.dailymotion.com": "dailymotion", "dai.ly": "dailymotion",
    "rumble.com": "rumble", "facebook.com": "facebook", "fb.watch": "facebook",
    "fast.wistia.net": "wistia", "players.brightcove.net": "brightcove", "cdn.jwplayer.com": "jwplayer",
    "content.jwplatform.com": "jwplayer", "streamable.com": "streamable", "player.twitch.tv": "twitch",
    "embed.ted.com": "ted", "tiktok.com": "tiktok",
}  # fmt: skip
_HOST_PREFIXES = ("www.", "m.", "music.", "mobile.")
_YOUTUBE_ID = r"([A-Za-z0-9_-]{11})"
_YOUTUBE_PATH = re.compile(rf"^/(?:embed|v|e|shorts|live)/(?!videoseries){_YOUTUBE_ID}(?:[/?&#]|$)")
_YOUTU_BE_PATH = re.compile(rf"^/{_YOUTUBE_ID}(?:[/?&#]|$)")
_YOUTUBE_ID_ONLY = re.compile(rf"^{_YOUTUBE_ID}$")
_VIMEO_PATH = re.compile(
    r"^/(?:video/|channels/[^/]+/|groups/[^/]+/videos/|album/\d+/video/|showcase/\d+/video/)?(\d+)(?:/|$)"
)
_DAILYMOTION_PATH = re.compile(r"^/(?:embed/)?video/(x[0-9a-z]+)", re.I)
_DAI_LY_PATH = re.compile(r"^/(x[0-9a-z]+)", re.I)
_RUMBLE_PATH = re.compile(r"^/embed/([0-9a-z]+(?:\.[0-9a-z]+)?)", re.I)
_FACEBOOK_VIDEO = re.compile(r"/videos/(?:[^/]+/)?(\d+)")


def _split(url: str) -> tuple[str, str, str]:
    """(host without www., default port or trailing dot, path, query) of a URL given with or without
    a scheme. A value urllib cannot split (`http://[::1/a.jpg`) is all path: no host, no query."""
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    elif not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I):
        url = "https://" + url.lstrip("/")
    try:
        parts = urlsplit(url)
    except ValueError:
        return "", url, ""
    host = parts.netloc.rsplit("@", 1)[-1].lower()
    for port in _DEFAULT_PORTS:
        host = host.removesuffix(port)
    return host.rstrip(".").removeprefix("www."), parts.path, parts.query


def _param(query: str, *names: str) -> str | None:
    params = parse_qs(query)
    for name in names:
        for value in params.get(name, []):
            if value.strip():
                return value.strip()
    return None


def _unwrap_once(url: str) -> str | None:
    """The URL a proxy/CDN wrapper points at, or None when `url` is not a known wrapper."""
    host, path, query = _split(url)
    if host in PHOTON_HOSTS and path.count("/") >= 2:
        return path.lstrip("/")
    if host in URL_PARAM_HOSTS:
        inner = _param(query, "url")
        return inner.removeprefix("ssl:") if inner else None
    if path in URL_PARAM_PATHS and (inner := _param(query, "url")):
        return urljoin(f"https://{host}/", inner)
    if match := _CLOUDFLARE.match(path):
        return _embedded(match.group(1)) or f"{host}/{match.group(1)}"
    if host.endswith(".cdn.ampproject.org") and (match := _AMP_CACHE.match(path)):
        return match.group(2)
    if inner := _embedded(path):
        return inner
    inner = _param(query, *WRAPPED_URL_PARAMS)
    if inner and re.match(r"^(?:https?:)?//", inner, re.I):
        return inner
    return None


def _embedded(path: str) -> str | None:
    """An absolute URL embedded in a path (`/fetch/w_300/https://host/a.jpg`), scheme dropped."""
    match = _EMBEDDED_URL.search(path, 1)
    if match is None:
        return None
    return unquote(path[match.end() :])


def unwrap_image_url(url: str) -> str:
    """The innermost image URL behind any proxy/CDN wrappers (unchanged when there are none)."""
    for _ in range(_MAX_WRAPPERS):
        inner = _unwrap_once(url)
        if not inner or inner == url:
            break
        url = inner
    return url


def normalize_image_url(url: str) -> str:
    """A comparison key for an image URL: `host/path` with wrappers unwrapped, the host lowercased
    without `www.`, no scheme, query or fragment, and runs of slashes collapsed.

    >>> normalize_image_url("https://i0.wp.com/www.Example.com/a//b.jpg?w=300")
    'example.com/a/b.jpg'
    """
    url = url.strip()
    if not url or url.lower().startswith("data:"):
        return url
    host, path, _ = _split(unwrap_image_url(url))
    return _SLASHES.sub("/", f"{host}/{unquote(path).lstrip('/')}")


def image_name_key(url: str) -> str | None:
    """The picture's file name without extension and CMS size/variant suffixes, lowercased, e.g.
    `.../river-flood-1024x576.jpg` -> `river-flood`. None when the name is too generic to tell
    pictures apart (`image.png`, `logo-2.svg`, `1x1.gif`, `123.jpg`)."""
    if url.strip().lower().startswith("data:"):
        return None
    stem = normalize_image_url(url).rsplit("/", 1)[-1].lower()
    stem = _SPACES.sub("-", _EXTENSION.sub("", stem)).strip("-_. ")
    stem = _strip_suffixes(stem)
    return None if _is_generic(stem) else stem


def _strip_suffixes(stem: str) -> str:
    changed = True
    while changed:
        changed = False
        for pattern in NAME_SUFFIXES:
            shorter = pattern.sub("", stem)
            if shorter != stem and len(shorter) > 0:
                stem, changed = shorter, True
    return stem


def _is_generic(stem: str) -> bool:
    if len(stem) < _MIN_NAME or stem in GENERIC_NAMES:
        return True
    if _DIMENSIONS_ONLY.match(stem) or _SHORT_NUMBER.match(stem):
        return True
    if re.split(r"[-_.]", stem, maxsplit=1)[0] in GENERIC_FIRST_WORDS:
        return True
    numbered = _GENERIC_NUMBERED.match(stem)
    return numbered is not None and numbered.group("word") in GENERIC_NAMES


def video_host(url: str) -> str | None:
    """The provider name of a known video host (`youtube`, `vimeo`, ...), else None."""
    host = _split(url)[0]
    for prefix in _HOST_PREFIXES:
        host = host.removeprefix(prefix)
    return VIDEO_HOSTS.get(host)


def parse_video_url(url: str) -> tuple[str, str] | None:
    """(provider, video id) of a YouTube, Vimeo, Dailymotion, Rumble or Facebook video URL, given
    with or without a scheme; None for anything else (playlists, channels, other sites)."""
    provider = video_host(url)
    if provider is None:
        return None
    host, path, query = _split(url)
    video_id = _VIDEO_ID_READERS.get(provider, _no_id)(host, path, query)
    return (provider, video_id) if video_id else None


def _youtube_id(host: str, path: str, query: str) -> str | None:
    match = (_YOUTU_BE_PATH if host == "youtu.be" else _YOUTUBE_PATH).match(path)
    if match:
        return match.group(1)
    if path.rstrip("/") in ("/watch", "/embed", "/attribution_link"):
        video = _param(query, "v") or _param(_split(_param(query, "u") or "")[2], "v")
        if video and _YOUTUBE_ID_ONLY.match(video):
            return video
    return None


def _vimeo_id(host: str, path: str, query: str) -> str | None:
    match = _VIMEO_PATH.match(path)
    return match.group(1) if match else None


def _dailymotion_id(host: str, path: str, query: str) -> str | None:
    if host == "dai.ly":
        match = _DAI_LY_PATH.match(path)
        return match.group(1) if match else None
    match = _DAILYMOTION_PATH.match(path)
    return match.group(1) if match else _param(query, "video")


def _rumble_id(host: str, path: str, query: str) -> str | None:
    match = _RUMBLE_PATH.match(path)
    return match.group(1) if match else None


def _facebook_id(host: str, path: str, query: str) -> str | None:
    if host == "fb.watch":
        return path.strip("/").split("/")[0] or None
    if path.rstrip("/") == "/watch":
        return _param(query, "v")
    target = _param(query, "href") if path.startswith("/plugins/video") else path
    match = _FACEBOOK_VIDEO.search(target or "")
    return match.group(1) if match else None


def _no_id(host: str, path: str, query: str) -> str | None:
    return None


_VIDEO_ID_READERS = {
    "youtube": _youtube_id,
    "vimeo": _vimeo_id,
    "dailymotion": _dailymotion_id,
    "rumble": _rumble_id,
    "facebook": _facebook_id,
}
