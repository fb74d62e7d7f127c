"""excluded-images: none of the source article's images may appear in the copy's article region.

An image counts as the source's when its URL is the same after normalisation (scheme, www, query,
image-CDN and resize-proxy wrappers), when it was re-hosted under the same file name (CMS size
suffixes such as -1024x576 ignored), or when its downloaded picture has the same perceptual hash
(re-hosted under a new name after resizing or recompression). The republisher's own images never
match.

    pass:  <article><img src="/uploads/our-own-photo.jpg"></article>
    fail:  <article><img src="https://i0.wp.com/publisher.com/img/kremlin-1024x576.jpg?w=800"></article>
"""

from __future__ import annotations

from pydantic import Field

from reprint_check.match.images import Fingerprint
from reprint_check.match.scope import scope_images
from reprint_check.models import Evidence, ImageRef
from reprint_check.page.media import image_name_key, normalize_image_url
from reprint_check.rules.interface import Outcome, RuleContext, RuleOptions, counted

ID = "excluded-images"


class Options(RuleOptions):
    perceptual: bool = True
    max_distance: int = Field(default=10, ge=0, le=32)


def check(ctx: RuleContext, options: Options) -> Outcome:
    sources = ctx.source.images
    if not sources:
        return Outcome("pass", "The source article has no images, so none can be republished.")
    copies = scope_images(ctx.scope, ctx.doc)
    hits = [ev for ref in copies if (ev := _match(ctx, options, ref, sources)) is not None]
    if hits:
        n = len({h.path for h in hits})
        return Outcome(
            "fail",
            f"The copy shows {counted(n, 'image')} of the source article; the license excludes its images.",
            tuple(hits),
        )
    return Outcome("pass", _pass_message(ctx, options, copies, sources), tuple(_unchecked(ctx, copies)))


def _match(
    ctx: RuleContext, options: Options, ref: ImageRef, sources: tuple[ImageRef, ...]
) -> Evidence | None:
    key = normalize_image_url(ref.url)
    for src in sources:
        if normalize_image_url(src.url) == key:
            return _hit(ref, src, "same image URL (hotlinked or through an image proxy)")
    name = image_name_key(ref.url)
    for src in sources:
        if name and image_name_key(src.url) == name and not _pictures_differ(ctx, ref, src, options):
            return _hit(ref, src, f"re-hosted under the same file name {name!r}")
    if options.perceptual:
        return _perceptual(ctx, options, ref, sources)
    return None


def _perceptual(
    ctx: RuleContext, options: Options, ref: ImageRef, sources: tuple[ImageRef, ...]
) -> Evidence | None:
    mine = _print(ctx, ref.url)
    if mine is None:
        return None
    for src in sources:
        theirs = _print(ctx, src.url)
        if theirs is not None and mine.same_picture(theirs, options.max_distance):
            d = mine.distance(theirs)
            return _hit(ref, src, f"re-hosted copy of the same picture (perceptual hash distance {d}/64)")
    return None


def _print(ctx: RuleContext, url: str) -> Fingerprint | None:
    check = ctx.images.get(url)
    return check.fingerprint if check else None


def _pictures_differ(ctx: RuleContext, ref: ImageRef, src: ImageRef, options: Options) -> bool:
    """Same file name but both pictures downloaded and clearly different: a generic name, not a copy."""
    mine, theirs = _print(ctx, ref.url), _print(ctx, src.url)
    return mine is not None and theirs is not None and not mine.same_picture(theirs, options.max_distance * 2)


def _hit(ref: ImageRef, src: ImageRef, how: str) -> Evidence:
    return Evidence(
        kind="image",
        url=ref.url,
        path=ref.path,
        where=f"{ref.attr} attribute",
        note=f"{how}; source image {src.url}",
    )


def _pass_message(
    ctx: RuleContext, options: Options, copies: list[ImageRef], sources: tuple[ImageRef, ...]
) -> str:
    hashed = sum(1 for r in copies if _print(ctx, r.url) is not None)
    message = (
        f"No image of the source article is in the copy (source: {counted(len(sources), 'image')}; "
        f"copy: {counted(len(copies), 'image')} checked"
    )
    if options.perceptual:
        message += f", {hashed} by perceptual hash"
    return message + ")."


def _unchecked(ctx: RuleContext, copies: list[ImageRef]) -> list[Evidence]:
    out = []
    for ref in copies:
        check = ctx.images.get(ref.url)
        if check is not None and check.problem:
            out.append(
                Evidence(
                    kind="image", url=ref.url, path=ref.path, note=f"not compared by picture: {check.problem}"
                )
            )
    return out[:5]
