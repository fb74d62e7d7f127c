"""Realistic copies of a few source articles: 60-150 KB CMS pages with a known mix of verdicts.

Everything is generated from a seed, so two runs serve byte-identical pages (the cache scenario
depends on it). A copy is the article (maybe edited) inside WordPress-like chrome: inline styles and
scripts, navigation, sidebar widgets, related posts, a comment thread and the footer.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

PUBLISHER = "The Northfield Courier"
DOMAIN = "northfieldcourier.example"
SOURCES = 3
_WORD_TEXT = (
    "harbor ferry island county council winter school clinic repair grant bridge river road budget mayor "
    "teacher farm market storm season crossing pier captain engineer shop village water morning evening "
    "families workers project plan vote meeting report letter service hospital library station office "
    "museum festival weekend children coast tide"
)
_FILLER_TEXT = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor"
WORDS = _WORD_TEXT.split()
FILLER = _FILLER_TEXT.split()

# kind -> share of copies; the verdict each kind should get is in EXPECTED.
MIX = (
    ("pass", 0.40),
    ("edited", 0.10),
    ("nofollow", 0.10),
    ("credit_sidebar", 0.10),
    ("photo", 0.08),
    ("video", 0.05),
    ("teaser", 0.10),
    ("missing", 0.07),
)
EXPECTED = {
    "pass": "pass",
    "edited": "pass",
    "nofollow": "warn",
    "credit_sidebar": "fail",
    "photo": "fail",
    "video": "fail",
    "teaser": "not_found",
    "missing": "error",
}


@dataclass(frozen=True)
class Source:
    index: int
    slug: str
    title: str
    paragraphs: tuple[str, ...]
    video_id: str

    @property
    def canonical(self) -> str:
        return f"https://{DOMAIN}/2026/11/{self.slug}"

    @property
    def photo(self) -> str:
        return f"/{self.slug}/photo-{self.index}.jpg"


def _sentence(rng: random.Random, words: list[str]) -> str:
    text = " ".join(rng.choice(words) for _ in range(rng.randint(9, 22)))
    return text[0].upper() + text[1:] + "."


def _paragraph(rng: random.Random, words: list[str] = WORDS) -> str:
    return " ".join(_sentence(rng, words) for _ in range(rng.randint(3, 5)))


def make_sources(seed: int = 7) -> list[Source]:
    rng = random.Random(seed)
    return [
        Source(
            index=i,
            slug=f"story-{i}",
            title=_sentence(rng, WORDS).rstrip(".").title()[:80],
            paragraphs=tuple(_paragraph(rng) for _ in range(rng.randint(9, 14))),
            video_id=f"Vid{i:02d}abcXY",
        )
        for i in range(SOURCES)
    ]


def source_page(src: Source) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in src.paragraphs)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{src.title} | {PUBLISHER}</title>
<link rel="canonical" href="{src.canonical}">
<meta property="og:site_name" content="{PUBLISHER}"><meta name="author" content="Mara Lindqvist">
</head><body><header class="site-header"><a href="/" class="logo">{PUBLISHER}</a></header>
<main><article class="post"><h1>{src.title}</h1><p class="byline">By Mara Lindqvist</p>
<figure><img src="{src.photo}" alt="A photo" width="640" height="400"></figure>
<div class="entry-content">{body}</div>
<figure class="video"><iframe src="https://www.youtube.com/embed/{src.video_id}"></iframe></figure>
</article></main></body></html>"""


def pick_kind(rng: random.Random) -> str:
    roll = rng.random()
    for kind, share in MIX:
        if roll < share:
            return kind
        roll -= share
    return "pass"


def kinds(source: int, pool: int) -> list[str]:
    """The kind of each pool slot of a source's copies; copy N is slot N % pool."""
    rng = random.Random(1000 + source)
    return [pick_kind(rng) for _ in range(pool)]


def copy_url(port: int, source: int, n: int, hosts: int) -> str:
    return f"http://127.0.0.{2 + n % hosts}:{port}/s{source}/c/{n}"


def source_url(port: int, source: int) -> str:
    return f"http://127.0.0.2:{port}/s{source}/source"


def _style(rng: random.Random) -> str:
    rules = (
        f".c{rng.randrange(10**6)} {{ margin: {rng.randint(0, 40)}px; color: #{rng.randrange(16**6):06x}; "
        f"font: {rng.randint(11, 20)}px/1.4 sans-serif; }}"
        for _ in range(rng.randint(50, 150))
    )
    return "<style>" + "\n".join(rules) + "</style>"


def _script(rng: random.Random) -> str:
    calls = (
        f"window.dataLayer.push({{event:'v{rng.randrange(10**6)}',value:{rng.random():.6f},"
        f"path:'/{rng.choice(WORDS)}/{rng.choice(WORDS)}'}});"
        for _ in range(rng.randint(40, 120))
    )
    return "<script>window.dataLayer=window.dataLayer||[];" + "\n".join(calls) + "</script>"


def _nav(rng: random.Random) -> str:
    items = "".join(f'<li><a href="/{w}">{w.title()}</a></li>' for w in rng.sample(WORDS, 12))
    return f'<nav id="site-navigation" class="main-navigation"><ul class="menu">{items}</ul></nav>'


def _sidebar(rng: random.Random, credit: bool) -> str:
    posts = "".join(
        f'<li><a href="/2026/{rng.randint(1, 12)}/{rng.choice(WORDS)}-{i}">'
        f"{_sentence(rng, WORDS)[:60]}</a></li>"
        for i in range(15)
    )
    roll = f'<li><a href="https://{DOMAIN}/">{PUBLISHER}</a></li>' if credit else ""
    return (
        '<aside id="secondary" class="widget-area">'
        '<section class="widget widget_recent_entries"><h2 class="widget-title">Recent</h2>'
        f"<ul>{posts}</ul></section>"
        f'<section class="widget widget_links"><h2>Blogroll</h2><ul class="blogroll">{roll}'
        '<li><a href="https://tidewater.example/">Tidewater Times</a></li></ul></section>'
        '<section class="widget widget_text"><img src="/ads/banner-300x250.png" alt="Ad"></section></aside>'
    )


def _comments(rng: random.Random) -> str:
    items = "".join(
        f'<li class="comment"><div class="comment-author"><img src="/avatars/{i}.png" alt=""> '
        f'<b>reader{i}</b></div><div class="comment-content"><p>{_paragraph(rng, FILLER)}</p></div></li>'
        for i in range(rng.randint(4, 20))
    )
    return f'<div id="comments" class="comments-area"><ol class="comment-list">{items}</ol></div>'


def _article_body(rng: random.Random, src: Source, kind: str) -> str:
    paras = list(src.paragraphs)
    if kind == "teaser":
        paras = paras[:1]
    elif kind == "edited":
        paras[1] = _paragraph(rng)
        del paras[-1]
    return "\n".join(f"<p>{p}</p>" for p in paras)


def _credit_line(src: Source, kind: str) -> str:
    if kind == "credit_sidebar":
        return '<div class="entry-meta">Posted by admin</div>'
    rel = ' rel="nofollow"' if kind == "nofollow" else ""
    return f'<div class="entry-meta">Republished from <a href="{src.canonical}"{rel}>{PUBLISHER}</a></div>'


def _media(src: Source, kind: str, n: int, source_base: str) -> str:
    own = f'<figure><img src="/uploads/{n}/own-photo.jpg" alt="Our photo" width="640" height="400"></figure>'
    if kind == "photo":  # hotlinked from where the source page is served
        return own + f'<figure><img src="{source_base}{src.photo}" alt="" width="640"></figure>'
    if kind == "video":
        return own + f'<iframe src="https://www.youtube.com/embed/{src.video_id}"></iframe>'
    return own


def copy_page(src: Source, kind: str, n: int, rng: random.Random, source_base: str) -> str:
    """Copy number `n` of `src`, of the given kind; pads with chrome until it is 60-150 KB."""
    title = f"<title>{src.title} - Site {n}</title>"
    head = f'<head><meta charset="utf-8">{title}{_style(rng)}{_script(rng)}</head>'
    article = (
        f'<article id="post-{n}" class="post type-post hentry"><header class="entry-header">'
        f'<h1 class="entry-title">{src.title}</h1>{_credit_line(src, kind)}</header>'
        f'<div class="entry-content">{_media(src, kind, n, source_base)}{_article_body(rng, src, kind)}'
        "</div></article>"
    )
    page = (
        f'<!DOCTYPE html><html lang="en">{head}<body class="single"><div id="page">'
        f'<header id="masthead" class="site-header"><p class="site-title"><a href="/">Site {n}</a></p>'
        f"{_nav(rng)}</header>"
        f'<div id="content"><main id="main">{article}{_comments(rng)}</main>'
        f"{_sidebar(rng, credit=kind == 'credit_sidebar')}</div>"
        f'<footer id="colophon" class="site-footer"><p>© 2026 Site {n}</p>{_script(rng)}</footer>'
        "</div></body></html>"
    )
    target = rng.randint(60_000, 150_000)
    while len(page) < target:  # more of what bloats real pages: markup-heavy widgets, scripts, styles
        roll = rng.random()
        if roll < 0.75:
            page = page.replace("</footer>", f"{_cards(rng)}</footer>", 1)
        else:
            page = page.replace("</head>", f"{_script(rng) if roll < 0.9 else _style(rng)}</head>", 1)
    return page


ICON = (
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 2l3 7h7l-5.5 4 2 7-6.5-4.5'
    '-6.5 4.5 2-7L2 9h7z"/></svg>'
)


def _cards(rng: random.Random) -> str:
    """A grid of related-story cards, as themes put in footers and below articles."""
    cards = "".join(
        f'<div class="card card--{rng.choice(WORDS)}"><a class="card__link" href="/2026/{rng.randint(1, 12)}/'
        f'{rng.choice(WORDS)}-{rng.randrange(10**5)}"><div class="card__media"><img loading="lazy" '
        f'src="/wp-content/uploads/{rng.randrange(10**6)}-300x200.jpg" alt=""></div><div class="card__body">'
        f'<span class="card__kicker">{rng.choice(WORDS).title()}</span><h3 class="card__title">'
        f'{_sentence(rng, WORDS)[:70]}</h3><p class="card__meta">'
        f'<span class="date">Nov {rng.randint(1, 30)}</span>'
        f'{ICON}<span class="count">{rng.randint(0, 99)}</span></p></div></a></div>'
        for _ in range(rng.randint(6, 16))
    )
    return f'<section class="related-grid widget"><div class="grid">{cards}</div></section>'


def jpeg(seed: int, size: int = 96) -> bytes:
    """A small real JPEG of random blocks: pictures of different seeds hash far apart."""
    from PIL import Image

    rng = random.Random(seed)
    blocks = [[rng.randrange(256) for _ in range(8)] for _ in range(8)]
    step = size // 8
    img = Image.new("L", (size, size))
    img.putdata([blocks[y // step][x // step] for y in range(size) for x in range(size)])
    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=80)
    return out.getvalue()
