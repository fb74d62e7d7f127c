"""Images and videos an element references: every attribute a browser, lazy-loader or AMP runtime reads.

The tags and attributes looked at are data at the top of this module; URL keys for comparing media
(`normalize_image_url`, `image_name_key`, `parse_video_url`) live in `media_urls` and are re-exported.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement

from reprint_check.models import ImageRef, VideoRef
from reprint_check.page.dom import Document, iter_elements
from reprint_check.page.media_urls import (
    image_name_key,
    normalize_image_url,
    parse_video_url,
    unwrap_image_url,
    video_host,
)
from reprint_check.page.paths import css_path

__all__ = [
    "find_images",
    "find_videos",
    "image_name_key",
    "normalize_image_url",
    "parse_srcset",
    "parse_video_url",
    "unwrap_image_url",
]

# Attributes holding image URLs, per tag. `<source>` counts only inside `<picture>`.
IMAGE_ATTRS: dict[str, tuple[str, ...]] = {
    "img": ("src", "srcset", "data-src", "data-srcset", "data-lazy-src", "data-lazy-srcset",
            "data-original", "data-orig-file", "data-large-file"),
    "amp-img": ("src", "srcset"),
    "source": ("srcset", "data-srcset"),
}  # fmt: skip
SRCSET_ATTRS = frozenset({"srcset", "data-srcset", "data-lazy-srcset"})
# Lazy-loaded CSS backgrounds, on any tag.
BACKGROUND_ATTRS = ("data-bg", "data-background", "data-background-image")
_SRCSET_URL = re.compile(r"[\s,]*(\S+)")
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.I)

# Attributes holding an embed's URL, per tag. `<source>` counts only inside a video element.
VIDEO_URL_ATTRS: dict[str, tuple[str, ...]] = {
    "iframe": ("src", "data-src", "data-lazy-src"),
    "amp-iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "video": ("src",),
    "amp-video": ("src",),
    "source": ("src",),
}
VIDEO_FILE_TAGS = frozenset({"video", "amp-video"})
# Player components that carry only an id: tag -> (attribute, provider).
VIDEO_ID_TAGS: dict[str, tuple[str, str]] = {
    "amp-youtube": ("data-videoid", "youtube"),
    "lite-youtube": ("videoid", "youtube"),
    "amp-vimeo": ("data-videoid", "vimeo"),
    "lite-vimeo": ("videoid", "vimeo"),
    "amp-dailymotion": ("data-videoid", "dailymotion"),
}
PLAYER_URLS = {
    "youtube": "https://www.youtube.com/embed/{}",
    "vimeo": "https://player.vimeo.com/video/{}",
    "dailymotion": "https://www.dailymotion.com/embed/video/{}",
}
_FLASH_PARAMS = frozenset({"movie", "src"})

Skip = Callable[[HtmlElement], bool]


def find_images(el: HtmlElement, doc: Document, *, skip: Skip | None = None) -> list[ImageRef]:
    """Every image `el` (inclusive) references, in document order, deduplicated by absolute URL.

    `skip(element)` drops references made by elements the caller does not want (chrome, pixels).
    `data:` URIs and non-http(s) values are ignored.
    """
    found: dict[str, ImageRef] = {}
    for element, attr, value in _image_values(el):
        if skip is not None and skip(element):
            continue
        url = _absolute(value, doc)
        if url is not None and url not in found:
            found[url] = ImageRef(url=url, attr=attr, path=css_path(element))
    return list(found.values())


def _image_values(root: HtmlElement) -> Iterator[tuple[HtmlElement, str, str]]:
    for element in iter_elements(root):
        if element.tag == "noscript" and len(element) == 0 and "<" in (element.text or ""):
            yield from _noscript_images(element)
            continue
        for attr in _image_attrs(element):
            value = element.get(attr) or ""
            for url in parse_srcset(value) if attr in SRCSET_ATTRS else [value]:
                yield element, attr, url
        yield from _background_images(element)


def _image_attrs(element: HtmlElement) -> tuple[str, ...]:
    if element.tag == "source":
        parent = element.getparent()
        return IMAGE_ATTRS["source"] if parent is not None and parent.tag == "picture" else ()
    return IMAGE_ATTRS.get(str(element.tag), ())


def _noscript_images(noscript: HtmlElement) -> Iterator[tuple[HtmlElement, str, str]]:
    """Images in a `<noscript>` whose content the parser kept as text (it does so inside `<head>`)."""
    try:
        fragments = lxml.html.fragments_fromstring(noscript.text or "")
    except ParserError:
        return
    for fragment in fragments:
        if isinstance(fragment, HtmlElement):
            for _, attr, url in _image_values(fragment):
                yield noscript, attr, url


def _background_images(element: HtmlElement) -> Iterator[tuple[HtmlElement, str, str]]:
    for attr in BACKGROUND_ATTRS:
        value = element.get(attr)
        if value:
            yield element, attr, _CSS_URL.sub(r"\2", value)
    for declaration in (element.get("style") or "").split(";"):
        prop, _, value = declaration.partition(":")
        if prop.strip().lower().startswith("background"):
            for match in _CSS_URL.finditer(value):
                yield element, "style", match.group(2)


def parse_srcset(value: str) -> list[str]:
    """The URLs of a srcset's candidates, as the HTML spec splits them: a URL runs to whitespace
    (so `/w_300,h_200/a.jpg 300w` keeps its commas), trailing commas end a candidate, and
    descriptors run to the next comma."""
    urls: list[str] = []
    pos = 0
    while match := _SRCSET_URL.match(value, pos):
        url, pos = match.group(1), match.end()
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            comma = value.find(",", pos)
            pos = len(value) if comma < 0 else comma + 1
        if url:
            urls.append(url)
    return urls


def _absolute(value: str, doc: Document) -> str | None:
    value = value.strip()
    if not value or value.lower().startswith(("data:", "javascript:", "about:", "blob:", "#")):
        return None
    url = doc.resolve(value)
    # A saved page on disk may name its own files; a web page never yields a local URL.
    schemes = ("http://", "https://", "file://") if doc.url.startswith("file://") else ("http://", "https://")
    return url if url.lower().startswith(schemes) else None


def find_videos(el: HtmlElement, doc: Document, *, skip: Skip | None = None) -> list[VideoRef]:
    """Every video `el` (inclusive) embeds: players of known hosts (with their video id when the
    URL or component names it) and `<video>` files (provider "file"). Iframes of other sites
    (maps, ads, social posts) are not videos. Deduplicated by provider and id, else by URL."""
    found: dict[tuple[str, str], VideoRef] = {}
    for element in iter_elements(el):
        if skip is not None and skip(element):
            continue
        for video in _element_videos(element, doc):
            key = (video.provider, video.video_id) if video.video_id else ("url", video.url)
            found.setdefault(key, video)
    return list(found.values())


def _element_videos(element: HtmlElement, doc: Document) -> Iterator[VideoRef]:
    tag = str(element.tag)
    if tag in VIDEO_ID_TAGS:
        attr, provider = VIDEO_ID_TAGS[tag]
        video_id = (element.get(attr) or "").strip()
        if video_id:
            yield VideoRef(PLAYER_URLS[provider].format(video_id), provider, video_id, css_path(element))
        return
    is_file = tag in VIDEO_FILE_TAGS or (tag == "source" and _parent_tag(element) in VIDEO_FILE_TAGS)
    for value in _video_values(element, tag):
        url = _absolute(value, doc)
        video = _video_ref(url, is_file=is_file, path=css_path(element)) if url else None
        if video is not None:
            yield video


def _video_values(element: HtmlElement, tag: str) -> list[str]:
    if tag == "param":
        name = (element.get("name") or "").lower()
        return [element.get("value") or ""] if name in _FLASH_PARAMS else []
    if tag == "source" and _parent_tag(element) not in VIDEO_FILE_TAGS:
        return []
    return [element.get(attr) or "" for attr in VIDEO_URL_ATTRS.get(tag, ())]


def _video_ref(url: str, *, is_file: bool, path: str) -> VideoRef | None:
    parsed = parse_video_url(url)
    if parsed is not None:
        return VideoRef(url=url, provider=parsed[0], video_id=parsed[1], path=path)
    if is_file:
        return VideoRef(url=url, provider="file", video_id=None, path=path)
    provider = video_host(url)
    return VideoRef(url=url, provider=provider, video_id=None, path=path) if provider else None


def _parent_tag(element: HtmlElement) -> str | None:
    parent = element.getparent()
    return str(parent.tag) if parent is not None else None
