from __future__ import annotations

from pathlib import Path

import pytest

from reprint_check.models import ImageRef, VideoRef
from reprint_check.page.dom import Document, parse_html
from reprint_check.page.paths import css_path
from reprint_check.page.source import extract_source, find_content_root

FIXTURES = Path(__file__).parent / "fixtures"
URL = "https://ledger.example/2024/03/story/"


def _doc(html: str, url: str = URL) -> Document:
    return parse_html(html.encode(), url=url)


def _fixture(name: str, url: str) -> Document:
    return parse_html((FIXTURES / name).read_bytes(), url=url)


# --- a WordPress article with every kind of chrome ----------------------------------------------

WP_FINAL = "https://riverside-ledger.example/2024/03/floodwaters-reach-old-mill-town/?utm_source=x"
WP_UPLOADS = "https://riverside-ledger.example/wp-content/uploads/2024/03"


@pytest.fixture(scope="module")
def wordpress() -> Document:
    return _fixture("wordpress_article.html", WP_FINAL)


def test_wordpress_paragraphs_keep_only_the_body(wordpress: Document) -> None:
    article = extract_source(wordpress, requested_url="https://riverside-ledger.example/?p=1234")
    assert article.paragraphs == (
        "The river crested at nine metres on Sunday night, the highest level recorded since the mill "
        "closed in 1987.",
        "Residents of the lower town were told to leave before dawn, and most had gone by the time the "
        "water reached Mill Street.",
        "A town that has seen this before",
        "Older residents remember the flood of 1962, when the same street was under two metres of water "
        "for a week.",
    )


def test_wordpress_metadata(wordpress: Document) -> None:
    article = extract_source(wordpress, requested_url="https://riverside-ledger.example/?p=1234")
    assert article.url == "https://riverside-ledger.example/?p=1234"
    assert article.final_url == WP_FINAL
    # The relative <link rel=canonical> wins over og:url and is resolved against the page.
    assert (
        article.canonical_url == "https://riverside-ledger.example/2024/03/floodwaters-reach-old-mill-town/"
    )
    assert article.title == "Floodwaters Reach the Old Mill Town"
    # The @graph (with a trailing comma) references publisher and author by @id.
    assert article.publisher == "Riverside Ledger Media"
    assert article.author == "Dana Whitfield"
    assert article.site_name == "Riverside Ledger"


def test_wordpress_media(wordpress: Document) -> None:
    article = extract_source(wordpress, requested_url=WP_FINAL)
    body = "article#post-1234 > div.entry-content:nth-of-type(2)"
    assert article.images == (
        ImageRef(f"{WP_UPLOADS}/mill-flood-1024x576.jpg", "src", f"{body} > figure.wp-block-image > img"),
        ImageRef(f"{WP_UPLOADS}/mill-flood-300x169.jpg", "srcset", f"{body} > figure.wp-block-image > img"),
        # twitter:image is the same file behind Jetpack's CDN, so only og:image is kept.
        ImageRef(f"{WP_UPLOADS}/mill-flood.jpg", "og:image", "html > head > meta:nth-of-type(5)"),
    )
    assert article.videos == (
        VideoRef(
            "https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed",
            "youtube",
            "dQw4w9WgXcQ",
            f"{body} > div.wp-block-embed:nth-of-type(1) > div.wp-block-embed__wrapper > iframe",
        ),
    )


def test_wordpress_content_root_is_the_entry_content(wordpress: Document) -> None:
    assert css_path(find_content_root(wordpress)) == "article#post-1234 > div.entry-content:nth-of-type(2)"


# --- old pages without <article> ----------------------------------------------------------------


def test_table_layout_windows_1252_page() -> None:
    doc = _fixture("table_layout_cp1252.html", "http://valleynotes.example/cafe.html")
    article = extract_source(doc, requested_url=doc.url)
    assert css_path(find_content_root(doc)) == "html > body > table > tr:nth-of-type(2) > td:nth-of-type(2)"
    # "Valley Notes - " names the site through its host, so it leaves the <title>.
    assert article.title == "The Caf\u00e9 on Bridge Street"
    assert article.paragraphs == (
        "When the caf\u00e9 opened in 1994, nobody expected it to last a winter on a street with no parking.",
        "Thirty years later the same family still bakes the bread every morning, and the queue still "
        "reaches the bridge on Saturdays. \u201cWe never planned any of it,\u201d says the owner.",
        "The caf\u00e9 closes for two weeks in August, when the family goes back to the coast.",
    )
    assert [i.url for i in article.images] == ["http://valleynotes.example/photos/cafe-front_640x480.jpg"]
    assert (article.publisher, article.author, article.site_name) == (None, None, None)


BLOGGER = """<html><head><title>Notes from the Hill: Winter Birds</title>
<meta content='Notes from the Hill' property='og:site_name'/></head>
<body><div class='content-outer'>
<div class='sidebar section' id='sidebar-right-1'><div class='widget BlogArchive'>
<h2>Blog Archive</h2><ul><li>January 2024 (4 posts in total this month)</li></ul></div></div>
<div class='main-inner'><div class='date-outer'>
<h2 class='date-header'><span>Sunday, 7 January 2024</span></h2>
<div class='post hentry'><h3 class='post-title entry-title'>Winter Birds</h3>
<div class='post-header'><div class='post-header-line-1'></div></div>
<div class='post-body entry-content' id='post-body-8812'>
The first fieldfares arrived on the hill this week, a month later than last year.<br /><br />
They came in a flock of about forty, stripping the hawthorn by the gate in an afternoon.<br />
<br />
<div class='separator'><a href='https://blogger.googleusercontent.com/img/b/R29v/s1600/fieldfare.jpg'>
<img src='https://blogger.googleusercontent.com/img/b/R29v/s320/fieldfare.jpg' width='320'/></a></div>
By evening the redwings had joined them, and the whole hedge was moving.
</div>
<div class='post-footer'><span class='post-author vcard'>Posted by <span class='fn'>Alys Morgan</span></span>
<div class='post-share-buttons'><a class='share-button' href='#'>Email This</a></div></div>
</div></div></div></div></body></html>"""


def test_blogger_post_with_br_paragraphs() -> None:
    doc = _doc(BLOGGER, "https://notesfromthehill.blogspot.com/2024/01/winter-birds.html")
    article = extract_source(doc, requested_url=doc.url)
    assert css_path(find_content_root(doc)) == "div#post-body-8812"
    assert article.title == "Winter Birds"
    assert article.author == "Alys Morgan"
    assert article.paragraphs == (
        "The first fieldfares arrived on the hill this week, a month later than last year.",
        "They came in a flock of about forty, stripping the hawthorn by the gate in an afternoon.",
        "By evening the redwings had joined them, and the whole hedge was moving.",
    )
    assert [i.url for i in article.images] == [
        "https://blogger.googleusercontent.com/img/b/R29v/s320/fieldfare.jpg"
    ]


DIV_SOUP = """<html><body>
<div id="top"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></div>
<div id="wrap">
  <div id="left"><p>Subscribe to our print edition and get the weekend magazine free for a month.</p></div>
  <div id="story">
    <p>The bridge will close for repairs from Monday, the county council said on Friday afternoon.</p>
    <p>Drivers will be sent through the village, adding about twenty minutes to the journey each way.</p>
    <p>Work is expected to take six weeks if the weather holds, the council added in a statement.</p>
  </div>
  <div class="sidebar">
  <p>Most read: the ten best bakeries in the county, ranked by our readers this spring.</p>
  <p>Most read: why the old station clock stopped, and who finally fixed it after forty years.</p>
  <p>Most read: a guide to the footpaths that open again this summer after the long closures.</p>
  <p>Most read: the night the river froze and the whole town came out to skate on it.</p></div>
</div>
<div id="bottom"><p>Copyright Ledger Newspapers. All rights reserved.</p></div>
</body></html>"""


def test_density_fallback_finds_the_story_and_never_the_sidebar() -> None:
    doc = _doc(DIV_SOUP)
    assert css_path(find_content_root(doc)) == "div#story"
    assert extract_source(doc, requested_url=URL).paragraphs == (
        "The bridge will close for repairs from Monday, the county council said on Friday afternoon.",
        "Drivers will be sent through the village, adding about twenty minutes to the journey each way.",
        "Work is expected to take six weeks if the weather holds, the council added in a statement.",
    )


# --- content root precedence ---------------------------------------------------------------------

LONG = "This sentence is long enough to count as real paragraph text in the article body."


def test_itemprop_article_body_wins_over_article() -> None:
    doc = _doc(
        f'<body><article id="a"><p>{LONG}</p><div id="b" itemprop="articleBody"><p>{LONG} Body.</p></div>'
        "</article></body>"
    )
    assert find_content_root(doc).get("id") == "b"


def test_several_articles_pick_the_one_with_most_paragraph_text() -> None:
    doc = _doc(
        f'<body><article id="teaser"><p>{LONG}</p></article>'
        f'<article id="main"><p>{LONG}</p><p>{LONG} Again.</p></article>'
        f'<div class="related-posts"><article id="card"><p>{LONG} {LONG} {LONG}</p></article>'
        f"<p>{LONG} {LONG} {LONG} {LONG}</p></div></body>"
    )
    assert find_content_root(doc).get("id") == "main"


def test_chrome_article_body_is_never_the_root() -> None:
    doc = _doc(f'<body><aside><div class="entry-content"><p>{LONG}</p></div></aside><p>{LONG}</p></body>')
    assert find_content_root(doc).tag == "body"


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><body><p>Hi</p></body></html>",
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "<div><p>Unclosed <b>bold",
    ],
)
def test_pages_without_body_text_give_no_paragraphs(html: str) -> None:
    assert extract_source(_doc(html), requested_url=URL).paragraphs == ()


def test_broken_markup_still_gives_paragraphs() -> None:
    doc = _doc(
        "<html><body><div class=entry-content><p>The council met on Tuesday <b>to discuss the plans"
        "<p>Nobody objected to the new route through the village</div></span></table>"
    )
    assert extract_source(doc, requested_url=URL).paragraphs == (
        "The council met on Tuesday to discuss the plans",
        "Nobody objected to the new route through the village",
    )


# --- metadata precedence -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<link rel="canonical" href="https://ledger.example/a/"><meta property="og:url" content="/b/">',
         "https://ledger.example/a/"),
        ('<link rel="Canonical" href="/a/">', "https://ledger.example/a/"),
        ('<meta property="og:url" content="/b/">', "https://ledger.example/b/"),
        ('<link rel="canonical" href="ftp://ledger.example/a/"><meta property="og:url" content="/b/">',
         "https://ledger.example/b/"),
        ('<link rel="canonical" href="  ">', URL),
        ('<base href="https://cdn.ledger.example/x/"><link rel="canonical" href="a/">',
         "https://cdn.ledger.example/x/a/"),
        ("", URL),
    ],
)  # fmt: skip
def test_canonical_precedence(head: str, expected: str) -> None:
    doc = _doc(f"<html><head>{head}</head><body><p>{LONG}</p></body></html>")
    assert extract_source(doc, requested_url=URL).canonical_url == expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<title>Floods Hit the Valley | Riverside Ledger</title>", "Floods Hit the Valley"),
        ("<title>Floods Hit the Valley | News | Ledger</title>", "Floods Hit the Valley | News"),
        ("<title>Floods Hit the Valley - Riverside Ledger</title><meta property='og:site_name' "
         "content='Riverside Ledger'>", "Floods Hit the Valley"),
        ("<title>Floods Hit the Valley \u2014 Ledger</title>", "Floods Hit the Valley"),
        ("<title>Riverside Ledger :: Floods Hit the Valley</title><meta name='application-name' "
         "content='Riverside Ledger'>", "Floods Hit the Valley"),
        ("<title>Floods - What Comes Next</title>", "Floods - What Comes Next"),
        ("<title>Floods Hit the Valley</title><meta property='og:title' content='Floods: the aftermath'>",
         "Floods: the aftermath"),
        ("<meta property='og:title' content='Floods Hit the Valley | Riverside Ledger'>"
         "<meta property='og:site_name' content='Riverside Ledger'>", "Floods Hit the Valley"),
        ("<title>Page | Ledger</title><script type='application/ld+json'>"
         "{\"@type\": \"NewsArticle\", \"headline\": \"Floods &amp; Fires\"}</script>", "Floods & Fires"),
    ],
)  # fmt: skip
def test_title_precedence_and_site_suffix(head: str, expected: str) -> None:
    doc = _doc(f"<html><head>{head}</head><body><p>{LONG}</p></body></html>")
    assert extract_source(doc, requested_url=URL).title == expected


def test_title_from_h1_above_the_content() -> None:
    doc = _doc(
        "<html><head><title>Ledger</title></head><body><header><h1 class='site-title'>Ledger</h1></header>"
        f"<h1 class='entry-title'>Floods Hit the Valley</h1><div class='entry-content'><p>{LONG}</p></div>"
        "</body></html>"
    )
    assert extract_source(doc, requested_url=URL).title == "Floods Hit the Valley"


def _ld(*scripts: str) -> Document:
    tags = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    return _doc(f"<html><head>{tags}</head><body><p>{LONG}</p></body></html>")


@pytest.mark.parametrize(
    ("scripts", "publisher", "author"),
    [
        (['[{"@type": "WebSite", "name": "x"}, {"@type": "Article", "author": [{"name": "A One"}, '
          '{"name": "B Two"}], "publisher": "Ledger"}]'], "Ledger", "A One, B Two"),
        (["{not json", '{"@type": ["Article", "NewsArticle"], "author": {"name": "A One"}}'], None, "A One"),
        (['<!-- {"@type": "http://schema.org/NewsArticle", "author": "A One", '
          '"publisher": {"@type": "NewsMediaOrganization", "name": "Ledger"}} -->'], "Ledger", "A One"),
        (['{"@type": "Article", "author": {"name": "A One"},}{"@type": "Organization", "name": "Org"}'],
         "Org", "A One"),
        (['{"@type": "Article", "headline": "Line\nbreak", "author": ["A One", "A One"]}'], None, "A One"),
        (['{"@graph": [{"@type": "Person", "name": "Not The Author"}]}'], None, None),
    ],
)  # fmt: skip
def test_json_ld_is_read_tolerantly(scripts: list[str], publisher: str | None, author: str | None) -> None:
    article = extract_source(_ld(*scripts), requested_url=URL)
    assert (article.publisher, article.author) == (publisher, author)


@pytest.mark.parametrize(
    ("head", "publisher", "site_name"),
    [
        ("<meta property='og:site_name' content='Ledger'>", "Ledger", "Ledger"),
        ("<meta name='publisher' content='Ledger Ltd'>", "Ledger Ltd", "Ledger Ltd"),
        ("<meta name='application-name' content='Ledger App'>", "Ledger App", "Ledger App"),
        ("<meta name='publisher' content='Ledger Ltd'><meta property='og:site_name' content='Ledger'>",
         "Ledger", "Ledger"),
    ],
)  # fmt: skip
def test_publisher_and_site_name_fallbacks(head: str, publisher: str, site_name: str) -> None:
    article = extract_source(_doc(f"<html><head>{head}</head><body></body></html>"), requested_url=URL)
    assert (article.publisher, article.site_name) == (publisher, site_name)


@pytest.mark.parametrize(
    ("html", "author"),
    [
        ("<meta name='author' content='Meta Name'><a rel='author' href='/a'>Link Name</a>", "Meta Name"),
        ("<meta name='author' content='https://facebook.com/x'><a rel='author' href='/a'>Link Name</a>",
         "Link Name"),
        ("<div id='comments'><span class='byline'>By Commenter</span></div>"
         "<p class='byline'>By Jane Doe | March 3, 2024</p>", "Jane Doe"),
        ("<span itemprop='author'>Written by Sam Ortiz</span>", "Sam Ortiz"),
        ("<div class='author'>" + "A long biography of the author. " * 5 + "</div>", None),
    ],
)  # fmt: skip
def test_author_fallbacks(html: str, author: str | None) -> None:
    assert extract_source(_doc(f"<html><body>{html}</body></html>"), requested_url=URL).author == author
