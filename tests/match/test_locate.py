"""Locating the copy: which pages are copies, where the region is, and the frame around it."""

from __future__ import annotations

from reprint_check.match import SourceText, align, frame, locate
from reprint_check.page.dom import parse_html

PARAS = (
    "The first freight train crossed the new bridge over the river on Thursday, twelve months"
    " later than planned.",
    "The line shortens the journey from the inland rail yards to the coast by almost nine"
    " hours in the winter.",
    "Construction was delayed twice, first by soft ground on the eastern bank and then by a"
    " shortage of steel.",
    "Local officials had promised a passenger service on the same line, but the new timetable"
    " lists freight only.",
    "In the villages along the route, opinion is divided between farmers and those who worry"
    " about the noise.",
    "The operator says the barriers will be installed before the end of the year, and limits"
    " speed until then.",
)
SOURCE = SourceText.of(PARAS)


def page(body: str) -> bytes:
    return f"<html><body><div id='page'>{body}</div></body></html>".encode()


def ps(items: tuple[str, ...] | list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in items)


def test_full_copy_is_located_in_its_article() -> None:
    doc = parse_html(
        page(f"<article id='a'><h1>T</h1>{ps(PARAS)}</article><aside>{ps(PARAS[:1])}</aside>"),
        url="https://c.example/",
    )
    located = locate(doc, SOURCE)
    assert located is not None and located.is_copy
    assert located.region.get("id") == "a"
    assert located.coverage > 0.95
    assert len(located.matched) == len(PARAS)


def test_a_one_sentence_teaser_is_not_a_copy() -> None:
    doc = parse_html(
        page(f"<div class='teaser'><p>{PARAS[0]}</p><a href='/x'>Read more</a></div>"),
        url="https://c.example/",
    )
    located = locate(doc, SOURCE)
    assert located is not None
    assert not located.is_copy
    assert 0 < located.coverage < 0.2


def test_an_unrelated_page_matches_nothing() -> None:
    doc = parse_html(
        page("<p>Recipes for a cold winter evening, with soup and bread and a good book.</p>"),
        url="https://c.example/",
    )
    assert locate(doc, SOURCE) is None


def test_an_excerpt_of_several_paragraphs_is_a_copy() -> None:
    doc = parse_html(
        page(
            f"<article>{ps(PARAS[:3])}<p><a href='https://src.example/a'>Continue reading</a></p></article>"
        ),
        url="https://c.example/",
    )
    located = locate(doc, SOURCE)
    assert located is not None and located.is_copy
    assert 0.4 < located.coverage < 0.6


def test_quotes_in_comments_do_not_move_the_region() -> None:
    comments = f"<section id='comments'><div class='comment'>{ps(PARAS)}</div></section>"
    body = f"<article id='a'>{ps(PARAS)}</article>{comments}"
    located = locate(parse_html(page(body), url="https://c.example/"), SOURCE)
    assert located is not None and located.region.get("id") == "a"


def test_markup_quotes_and_entities_do_not_matter() -> None:
    noisy = [p.replace("Thursday", "<b>Thursday</b>").replace(",", " ,") for p in PARAS]
    noisy[2] = noisy[2].replace("first", "&ldquo;first&rdquo;")
    located = locate(parse_html(page(f"<article>{ps(noisy)}</article>"), url="https://c.example/"), SOURCE)
    assert located is not None and located.is_copy and located.coverage > 0.95


def test_alignment_names_changed_missing_and_added_paragraphs() -> None:
    edited = list(PARAS)
    edited[1] = edited[1].replace("almost nine hours", "nearly nine hours")
    del edited[4]
    edited.append("Editor's note: this story was updated with comments from the operator on Friday.")
    located = locate(parse_html(page(f"<article>{ps(edited)}</article>"), url="https://c.example/"), SOURCE)
    assert located is not None
    al = align(SOURCE, located)
    assert [p.state for p in al.paragraphs] == ["same", "changed", "same", "same", "missing", "same"]
    assert [b.text for b in al.added] == [edited[-1]]
    assert 0.9 < al.similarity < 1.0
    assert round(al.coverage, 2) == round(
        1 - (len(PARAS[4].split()) + 1) / sum(len(p.split()) for p in PARAS), 2
    )


def test_frame_takes_in_the_byline_above_and_the_line_after() -> None:
    body = (
        "<header class='site-header'><p>Site</p></header>"
        f"<div class='wrap'><p class='byline'>By A. Writer</p><div id='body'>{ps(PARAS)}</div>"
        "<p id='after'>First published by X.</p>"
        "<aside class='sidebar'><p>Blogroll</p></aside></div><footer><p>Footer</p></footer>"
    )
    doc = parse_html(page(body), url="https://c.example/")
    located = locate(doc, SOURCE)
    assert located is not None
    scope = frame(located)
    texts = {el.text for el in scope.elements() if el.tag == "p"}
    assert "By A. Writer" in texts and "First published by X." in texts
    assert "Blogroll" not in texts and "Site" not in texts and "Footer" not in texts
