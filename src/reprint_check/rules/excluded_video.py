"""excluded-video: none of the source article's videos may be embedded in the copy.

Embedded videos match by provider and video id across URL forms (YouTube embed/watch/nocookie/
youtu.be/amp-youtube/lite-youtube, Vimeo, ...), and `<video>` files by URL or file name. A link to a
video in the text is not an embed; an unrelated video is fine.

    pass:  <article><iframe src="https://www.youtube.com/embed/OTHERvideo1"></iframe></article>
    fail:  <article><lite-youtube videoid="dQw4w9WgXcQ"></lite-youtube></article>
"""

from __future__ import annotations

from reprint_check.match.scope import scope_videos
from reprint_check.models import Evidence, VideoRef
from reprint_check.page.media import image_name_key, normalize_image_url
from reprint_check.rules.interface import Outcome, RuleContext, RuleOptions, counted

ID = "excluded-video"


class Options(RuleOptions):
    pass


def _keys(ref: VideoRef) -> set[str]:
    if ref.video_id:
        return {f"{ref.provider}:{ref.video_id}"}
    keys = {"url:" + normalize_image_url(ref.url)}
    name = image_name_key(ref.url)
    if name:
        keys.add("name:" + name)
    return keys


def check(ctx: RuleContext, options: Options) -> Outcome:
    sources = ctx.source.videos
    if not sources:
        return Outcome("pass", "The source article has no videos, so none can be republished.")
    wanted = {k: src for src in sources for k in _keys(src)}
    copies = scope_videos(ctx.scope, ctx.doc)
    hits = []
    for ref in copies:
        for key in sorted(_keys(ref)):
            if key in wanted:
                hits.append(_hit(ref, wanted[key], key))
                break
    if hits:
        return Outcome(
            "fail",
            f"The copy embeds {counted(len(hits), 'video')} of the source article; "
            "the license excludes its videos.",
            tuple(hits),
        )
    return Outcome(
        "pass",
        f"No video of the source article is embedded in the copy (source: {counted(len(sources), 'video')}; "
        f"copy: {counted(len(copies), 'video')} checked).",
    )


def _hit(ref: VideoRef, src: VideoRef, key: str) -> Evidence:
    kind, _, value = key.partition(":")
    how = f"same {ref.provider} video id {value}" if ref.video_id else f"same video file ({kind} {value})"
    return Evidence(kind="video", url=ref.url, path=ref.path, note=f"{how}; source video {src.url}")
