"""text-fidelity: how faithfully the copy keeps the source text, with the changed, missing and added
paragraphs as evidence.

Where the policy allows edits the finding passes with severity info and says what was changed;
under a no-derivatives policy (`edits = "forbidden"`) a changed paragraph fails, and so does a
missing one when `excerpts = "forbidden"`.

    pass (edits = "forbidden"):  every present paragraph word for word as in the source
    fail (edits = "forbidden"):  "The minister said on Monday…" became "The minister claimed…"
"""

from __future__ import annotations

from typing import Literal

from reprint_check.match import ParagraphAlignment
from reprint_check.models import Evidence
from reprint_check.page.dom import snippet
from reprint_check.page.paths import css_path
from reprint_check.rules.interface import Outcome, RuleContext, RuleOptions

ID = "text-fidelity"
MAX_EVIDENCE = 6


class Options(RuleOptions):
    edits: Literal["allowed", "forbidden"] = "allowed"
    excerpts: Literal["allowed", "forbidden"] = "allowed"


def check(ctx: RuleContext, options: Options) -> Outcome:
    al = ctx.alignment
    changed, missing = al.of_state("changed"), al.of_state("missing")
    summary = (
        f"{len(al.of_state('same'))} of {len(al.paragraphs)} source paragraphs unchanged, "
        f"{len(changed)} changed, {len(missing)} missing, {len(al.added)} added; "
        f"coverage {al.coverage:.0%}, similarity {al.similarity:.0%}."
    )
    evidence = tuple(_evidence(ctx, changed, missing))[:MAX_EVIDENCE]
    if options.edits == "forbidden" and changed:
        return Outcome("fail", f"The text was changed, which the license forbids: {summary}", evidence)
    if options.excerpts == "forbidden" and missing:
        return Outcome(
            "fail", f"Only part of the text was republished, which the license forbids: {summary}", evidence
        )
    if options.edits == "allowed":
        return Outcome("pass", f"Edits are allowed by the license. {summary}", evidence, severity="info")
    return Outcome("pass", f"The text is republished word for word. {summary}", evidence)


def _evidence(
    ctx: RuleContext, changed: list[ParagraphAlignment], missing: list[ParagraphAlignment]
) -> list[Evidence]:
    out: list[Evidence] = []
    for p in changed:
        copy_text = p.block.text if p.block is not None else ""
        out.append(
            Evidence(
                kind="paragraph",
                snippet=snippet(copy_text),
                path=css_path(p.block.element) if p.block is not None else None,
                note=f"changed: source paragraph {p.index + 1} reads {_source_snippet(ctx, p)!r}",
            )
        )
    for p in missing:
        out.append(
            Evidence(
                kind="paragraph",
                snippet=snippet(ctx.source.paragraphs[p.index]),
                where="source",
                note=f"missing: source paragraph {p.index + 1} is not in the copy",
            )
        )
    for block in ctx.alignment.added:
        out.append(
            Evidence(
                kind="paragraph",
                snippet=snippet(block.text),
                path=css_path(block.element),
                note="added: not in the source",
            )
        )
    return out


def _source_snippet(ctx: RuleContext, p: ParagraphAlignment) -> str:
    return snippet(ctx.source.paragraphs[p.index], 120)
