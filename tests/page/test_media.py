from __future__ import annotations

from urllib.parse import quote

import pytest

from reprint_check.models import ImageRef, VideoRef
from reprint_check.page.dom import Document, parse_html
from reprint_check.page.media import (
    find_images,
    find_videos,
    image_name_key,
    normalize_image_url,
    parse_srcset,
    parse_video_url,
)

YT = "dQw4w9WgXcQ"
PAGE_URL = "https://news.example/2024/story/"


def _doc(body: str) -> Document:
    return parse_html(f"<html><body>{body}</body></html>".encode(), url=PAGE_URL)


# --- parse_video_url ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"https://www.youtube.com/embed/{YT}?feature=oembed", ("youtube", YT)),
        (f"https://www.youtube.com/watch?v={YT}&t=42s", ("youtube", YT)),
        (f"https://www.youtube.com/watch?feature=share&v={YT}", ("youtube", YT)),
        (f"https://youtu.be/{YT}?si=abc", ("youtube", YT)),
        (f"youtu.be/{YT}", ("youtube", YT)),
        (f"//www.youtube-nocookie.com/embed/{YT}", ("youtube", YT)),
        (f"https://www.youtube.com/shorts/{YT}", ("youtube", YT)),
        (f"https://www.youtube.com/v/{YT}?version=3", ("youtube", YT)),
        (f"https://www.youtube.com/live/{YT}?si=x", ("youtube", YT)),
        (f"https://m.youtube.com/watch?v={YT}", ("youtube", YT)),
        (f"https://music.youtube.com/watch?v={YT}&list=RD1", ("youtube", YT)),
        (f"youtube.com/embed/{YT}", ("youtube", YT)),
        (f"http://youtube.com/watch?v={YT}", ("youtube", YT)),
        ("https://www.youtube.com/embed/videoseries?list=PL12345", None),
        ("https://www.youtube.com/watch?v=short", None),
        ("https://vimeo.com/76979871", ("vimeo", "76979871")),
        ("vimeo.com/76979871/2a8b4c6d1e", ("vimeo", "76979871")),
        ("https://player.vimeo.com/video/76979871?h=2a8b4c&title=0", ("vimeo", "76979871")),
        ("https://vimeo.com/channels/staffpicks/76979871", ("vimeo", "76979871")),
        ("https://vimeo.com/groups/shortfilms/videos/76979871", ("vimeo", "76979871")),
        ("https://vimeo.com/showcase/123/video/76979871", ("vimeo", "76979871")),
        ("https://www.dailymotion.com/video/x7tgad0", ("dailymotion", "x7tgad0")),
        ("https://www.dailymotion.com/video/x7tgad0_flood-footage_news", ("dailymotion", "x7tgad0")),
        ("https://www.dailymotion.com/embed/video/x7tgad0?autoplay=1", ("dailymotion", "x7tgad0")),
        ("https://dai.ly/x7tgad0", ("dailymotion", "x7tgad0")),
        ("https://geo.dailymotion.com/player.html?video=x7tgad0", ("dailymotion", "x7tgad0")),
        ("https://geo.dailymotion.com/player/xabc.html?video=x7tgad0", ("dailymotion", "x7tgad0")),
        ("https://rumble.com/embed/v2a3b4c/?pub=4", ("rumble", "v2a3b4c")),
        (
            "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2FLedger%2Fvideos%2F1234567890%2F",
            ("facebook", "1234567890"),
        ),
        ("https://www.facebook.com/Ledger/videos/1234567890/", ("facebook", "1234567890")),
        ("https://www.facebook.com/watch/?v=1234567890", ("facebook", "1234567890")),
        ("https://fast.wistia.net/embed/iframe/abc123", None),
        ("https://www.google.com/maps/embed?pb=x", None),
        ("https://news.example/embed/x", None),
        ("", None),
    ],
)
def test_parse_video_url(url: str, expected: tuple[str, str] | None) -> None:
    assert parse_video_url(url) == expected


# --- normalize_image_url ------------------------------------------------------------------------

KEY = "ledger.example/uploads/mill.jpg"
SRC = f"https://{KEY}"
ENC = quote(SRC, safe="")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (SRC, KEY),
        ("http://WWW.Ledger.Example/uploads/mill.jpg?ver=2#top", KEY),
        ("//ledger.example//uploads///mill.jpg", KEY),
        ("https://ledger.example:443/uploads/mill.jpg", KEY),
        ("https://ledger.example/uploads/Mill.jpg", "ledger.example/uploads/Mill.jpg"),
        ("https://ledger.example/uploads/mill%20river.jpg", "ledger.example/uploads/mill river.jpg"),
        (f"https://i0.wp.com/{KEY}?resize=640%2C360&ssl=1", KEY),
        ("https://i3.wp.com/www.ledger.example/uploads/mill.jpg", KEY),
        (f"https://images.weserv.nl/?url={KEY}&w=300", KEY),
        (f"https://images.weserv.nl/?url=ssl:{KEY}", KEY),
        (f"https://wsrv.nl/?url={SRC}&h=200", KEY),
        (f"https://copy.example/_next/image?url={ENC}&w=640", KEY),
        ("https://copy.example/_next/image?url=%2Fuploads%2Fmill.jpg&w=640", "copy.example/uploads/mill.jpg"),
        ("https://copy.example/_vercel/image?url=%2Fuploads%2Fmill.jpg", "copy.example/uploads/mill.jpg"),
        (f"https://res.cloudinary.com/demo/image/fetch/w_300,h_200,c_fill/{SRC}", KEY),
        (f"https://res.cloudinary.com/demo/image/fetch/f_auto/{ENC}", KEY),
        (f"https://copy.example/cdn-cgi/image/width=800,quality=75/{SRC}", KEY),
        ("https://copy.example/cdn-cgi/image/width=800/uploads/mill.jpg", "copy.example/uploads/mill.jpg"),
        (f"https://copy.imgix.net/{SRC}?w=600&auto=format", KEY),
        (f"https://img.example/fit/600/http:/{KEY}", KEY),
        (f"https://external-content.duckduckgo.com/iu/?u={ENC}&f=1", KEY),
        (f"https://proxy.example/resize?src={SRC}&w=1", KEY),
        (f"https://proxy.example/get?url={ENC}", KEY),
        (f"https://proxy.example/get?u={ENC}", KEY),
        (f"https://proxy.example/get?image=http://{KEY}", KEY),
        (f"https://proxy.example/get?img=//{KEY}", KEY),
        (f"https://ledger-example.cdn.ampproject.org/i/s/{KEY}", KEY),
        (f"https://i2.wp.com/copy.example/_next/image/{SRC}", KEY),
        ("https://proxy.example/get?img=uploads/mill.jpg", "proxy.example/get"),
        ("data:image/gif;base64,R0lGOD", "data:image/gif;base64,R0lGOD"),
    ],
)
def test_normalize_image_url(url: str, expected: str) -> None:
    assert normalize_image_url(url) == expected


# --- image_name_key -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://ledger.example/uploads/mill-flood.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-1024x576.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-150x150.png", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood_1024x576.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-scaled.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-e1612345678.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-e1612345678-1024x576.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood@2x.webp", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-rotated.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-min.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-thumb.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-thumbnail.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-large.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-medium.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-small.jpg", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood-scaled-1024x683.jpg", "mill-flood"),
        ("https://ledger.example/uploads/Mill-Flood.JPG", "mill-flood"),
        ("https://ledger.example/uploads/mill%20flood.jpg", "mill-flood"),
        ("https://i0.wp.com/ledger.example/uploads/mill-flood-300x169.jpg?w=300", "mill-flood"),
        ("https://ledger.example/uploads/mill-flood", "mill-flood"),
        ("https://ledger.example/uploads/0b9f3c1e2d4a5b6c.jpg", "0b9f3c1e2d4a5b6c"),
        (
            "https://l.example/3f2b8a64-1c2d-4e5f-9a8b-7c6d5e4f3a2b.png",
            "3f2b8a64-1c2d-4e5f-9a8b-7c6d5e4f3a2b",
        ),
        ("https://ledger.example/u/20240303123456.jpg", "20240303123456"),
        ("https://ledger.example/u/img_20240303_101500.jpg", "img_20240303_101500"),
        ("https://ledger.example/u/image.png", None),
        ("https://ledger.example/u/photo.jpg", None),
        ("https://ledger.example/u/img.jpg", None),
        ("https://ledger.example/u/picture-1024x768.jpg", None),
        ("https://ledger.example/u/default.png", None),
        ("https://ledger.example/u/placeholder.svg", None),
        ("https://ledger.example/u/logo.png", None),
        ("https://ledger.example/u/logo-white@2x.png", None),
        ("https://ledger.example/u/thumbnail.jpg", None),
        ("https://ledger.example/u/featured.jpg", None),
        ("https://ledger.example/u/featured-image.jpg", None),
        ("https://ledger.example/u/header.jpg", None),
        ("https://ledger.example/u/banner.jpg", None),
        ("https://ledger.example/u/avatar.png", None),
        ("https://ledger.example/u/icon.svg", None),
        ("https://ledger.example/u/untitled-1.jpg", None),
        ("https://ledger.example/u/screenshot.png", None),
        ("https://ledger.example/u/download.jpeg", None),
        ("https://ledger.example/u/unnamed.jpg", None),
        ("https://ledger.example/u/1x1.gif", None),
        ("https://ledger.example/u/pixel.gif", None),
        ("https://ledger.example/u/spacer.gif", None),
        ("https://ledger.example/u/blank.gif", None),
        ("https://ledger.example/u/image-2.jpg", None),
        ("https://ledger.example/u/img_1234.jpg", None),
        ("https://ledger.example/u/800x600.jpg", None),
        ("https://ledger.example/u/12345.jpg", None),
        ("https://ledger.example/u/abc.jpg", None),
        ("data:image/png;base64,iVBORw0KGgo", None),
    ],
)
def test_image_name_key(url: str, expected: str | None) -> None:
    assert image_name_key(url) == expected


# --- parse_srcset -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a.jpg 1x, b.jpg 2x", ["a.jpg", "b.jpg"]),
        ("a.jpg, b.jpg 2x", ["a.jpg", "b.jpg"]),
        ("/w_300,h_200/a.jpg 300w,/w_600,h_400/a.jpg 600w", ["/w_300,h_200/a.jpg", "/w_600,h_400/a.jpg"]),
        ("  a.jpg  ", ["a.jpg"]),
        (" , ", []),
    ],
)
def test_parse_srcset(value: str, expected: list[str]) -> None:
    assert parse_srcset(value) == expected


# --- find_images --------------------------------------------------------------------------------


def test_find_images_reads_every_lazy_and_responsive_attribute() -> None:
    doc = _doc(
        '<div id="body">'
        '<img src="data:image/gif;base64,R0lGOD" data-src="/u/a.jpg" data-srcset="/u/a-300x200.jpg 300w,'
        ' /u/a-600x400.jpg 600w" data-lazy-src="/u/b.jpg" data-orig-file="/u/a-orig.jpg"'
        ' data-large-file="/u/a-large.jpg" data-original="/u/c.jpg">'
        '<img src=" " data-lazy-srcset="/u/d.jpg 1x">'
        '<picture><source srcset="/u/e.webp 1x, /u/e@2x.webp 2x"><img src="/u/e.jpg"></picture>'
        '<amp-img src="/u/f.jpg" srcset="/u/f-2.jpg 2x"></amp-img>'
        '<noscript><img src="/u/g.jpg"></noscript>'
        "<div style=\"color:red; background-image: url('/u/h.jpg')\"></div>"
        '<div style="background: #000 url(/u/i.jpg) no-repeat"></div>'
        '<video><source src="/u/clip.mp4"></video>'
        '<img src="/u/a.jpg">'
        "</div>"
    )
    refs = find_images(doc.root, doc)
    assert [(r.url.removeprefix("https://news.example"), r.attr) for r in refs] == [
        ("/u/a.jpg", "data-src"),
        ("/u/a-300x200.jpg", "data-srcset"),
        ("/u/a-600x400.jpg", "data-srcset"),
        ("/u/b.jpg", "data-lazy-src"),
        ("/u/c.jpg", "data-original"),
        ("/u/a-orig.jpg", "data-orig-file"),
        ("/u/a-large.jpg", "data-large-file"),
        ("/u/d.jpg", "data-lazy-srcset"),
        ("/u/e.webp", "srcset"),
        ("/u/e@2x.webp", "srcset"),
        ("/u/e.jpg", "src"),
        ("/u/f.jpg", "src"),
        ("/u/f-2.jpg", "srcset"),
        ("/u/g.jpg", "src"),
        ("/u/h.jpg", "style"),
        ("/u/i.jpg", "style"),
    ]
    assert refs[0] == ImageRef("https://news.example/u/a.jpg", "data-src", "div#body > img:nth-of-type(1)")
    assert refs[13].path == "div#body > noscript > img"


def test_find_images_resolves_against_base_and_is_inclusive_of_el() -> None:
    doc = parse_html(
        b'<html><head><base href="https://cdn.example/media/"></head>'
        b'<body><img id="lead" src="lead.jpg"><img src="javascript:void(0)"></body></html>',
        url=PAGE_URL,
    )
    lead = doc.root.get_element_by_id("lead")
    assert find_images(lead, doc) == [ImageRef("https://cdn.example/media/lead.jpg", "src", "img#lead")]


def test_find_images_skip_predicate_drops_elements() -> None:
    doc = _doc('<img src="/a.jpg"><img class="ad" src="/b.jpg">')
    refs = find_images(doc.root, doc, skip=lambda el: el.get("class") == "ad")
    assert [r.url for r in refs] == ["https://news.example/a.jpg"]


# --- find_videos --------------------------------------------------------------------------------


def test_find_videos_reads_players_components_and_files() -> None:
    doc = _doc(
        '<div id="body">'
        f'<iframe src="about:blank" data-src="https://www.youtube-nocookie.com/embed/{YT}"></iframe>'
        '<iframe data-lazy-src="https://player.vimeo.com/video/76979871"></iframe>'
        '<iframe src="https://www.google.com/maps/embed?pb=1"></iframe>'
        f'<lite-youtube videoid="{YT}"></lite-youtube>'
        '<amp-youtube data-videoid="aaaaaaaaaaa"></amp-youtube>'
        '<lite-vimeo videoid="111111"></lite-vimeo>'
        '<amp-vimeo data-videoid="222222"></amp-vimeo>'
        '<amp-iframe src="https://www.dailymotion.com/embed/video/x7tgad0"></amp-iframe>'
        '<embed src="https://rumble.com/embed/v2a3b4c/">'
        '<object data="https://www.youtube.com/v/bbbbbbbbbbb"><param name="movie" value="https://www.youtube.com/v/bbbbbbbbbbb"></object>'
        '<video src="/media/flood.mp4"></video>'
        '<video><source src="/media/river.webm" type="video/webm"></video>'
        '<amp-video src="/media/amp.mp4"></amp-video>'
        '<iframe src="https://fast.wistia.net/embed/iframe/abc123"></iframe>'
        "</div>"
    )
    videos = find_videos(doc.root, doc)
    assert [(v.provider, v.video_id, v.url) for v in videos] == [
        ("youtube", YT, f"https://www.youtube-nocookie.com/embed/{YT}"),
        ("vimeo", "76979871", "https://player.vimeo.com/video/76979871"),
        ("youtube", "aaaaaaaaaaa", "https://www.youtube.com/embed/aaaaaaaaaaa"),
        ("vimeo", "111111", "https://player.vimeo.com/video/111111"),
        ("vimeo", "222222", "https://player.vimeo.com/video/222222"),
        ("dailymotion", "x7tgad0", "https://www.dailymotion.com/embed/video/x7tgad0"),
        ("rumble", "v2a3b4c", "https://rumble.com/embed/v2a3b4c/"),
        ("youtube", "bbbbbbbbbbb", "https://www.youtube.com/v/bbbbbbbbbbb"),
        ("file", None, "https://news.example/media/flood.mp4"),
        ("file", None, "https://news.example/media/river.webm"),
        ("file", None, "https://news.example/media/amp.mp4"),
        ("wistia", None, "https://fast.wistia.net/embed/iframe/abc123"),
    ]
    assert videos[0] == VideoRef(
        url=f"https://www.youtube-nocookie.com/embed/{YT}",
        provider="youtube",
        video_id=YT,
        path="div#body > iframe:nth-of-type(1)",
    )
