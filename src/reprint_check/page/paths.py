"""CSS-like paths of elements, for evidence a person can find in the page's source or devtools."""

from __future__ import annotations

from collections import Counter

from lxml.html import HtmlElement

_FEW_SIBLINGS = 64  # css_path numbers the children of larger parents once (_type_positions)


def css_path(el: HtmlElement) -> str:
    """A short CSS-like path: from the nearest ancestor with an id (or html) down to the element."""
    steps: list[str] = []
    node: HtmlElement | None = el
    while node is not None and isinstance(node.tag, str):
        ident = node.get("id")
        if ident and " " not in ident:
            steps.append(f"{node.tag}#{ident}")
            break
        step = node.tag
        classes = (node.get("class") or "").split()
        if classes:
            step += "." + classes[0]
        step += _nth_of_type(node)
        steps.append(step)
        node = node.getparent()
    return " > ".join(reversed(steps))


def _nth_of_type(node: HtmlElement) -> str:
    """`:nth-of-type(N)` when a sibling shares the tag."""
    parent = node.getparent()
    if parent is None:
        return ""
    numbered = _numbered is not None and _numbered[0] is parent
    if not numbered and len(parent) <= _FEW_SIBLINGS:  # len() walks the children: skip it when numbered
        same = [c for c in parent if c.tag == node.tag]
        return f":nth-of-type({same.index(node) + 1})" if len(same) > 1 else ""
    nth, of = _type_positions(parent)[node]
    return f":nth-of-type({nth})" if of > 1 else ""


# The last large parent whose children were numbered: paths of its children are asked for one after
# another (a hostile page of thousands of sibling links or images), so each is numbered once, not
# once per path. Holding the elements keeps their lxml proxies, and so the dict's keys, alive.
_numbered: tuple[HtmlElement, dict[HtmlElement, tuple[int, int]]] | None = None


def _type_positions(parent: HtmlElement) -> dict[HtmlElement, tuple[int, int]]:
    """Each child's (position among its same-tag siblings, how many there are)."""
    global _numbered
    last = _numbered
    if last is not None and last[0] is parent:
        return last[1]
    totals = Counter(child.tag for child in parent)
    seen: Counter[object] = Counter()
    positions: dict[HtmlElement, tuple[int, int]] = {}
    for child in parent:
        seen[child.tag] += 1
        positions[child] = (seen[child.tag], totals[child.tag])
    _numbered = (parent, positions)
    return positions
