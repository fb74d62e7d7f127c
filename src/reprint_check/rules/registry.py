"""The explicit registry: rule id -> module. The order here is the order of report columns."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from reprint_check.rules import backlink, credit, excluded_images, excluded_video, text_fidelity
from reprint_check.rules.interface import Outcome, PolicyError, RuleContext, RuleOptions


@dataclass(frozen=True)
class RuleSpec:
    id: str
    options: type[RuleOptions]
    check: Callable[[RuleContext, Any], Outcome]
    doc: str


RULES: dict[str, RuleSpec] = {
    m.ID: RuleSpec(id=m.ID, options=m.Options, check=m.check, doc=m.__doc__ or "")
    for m in (credit, backlink, excluded_images, excluded_video, text_fidelity)
}


def options_for(rule_id: str, table: dict[str, Any]) -> RuleOptions:
    spec = RULES.get(rule_id)
    if spec is None:
        raise PolicyError(f"unknown rule {rule_id!r} (known: {', '.join(RULES)})")
    try:
        return spec.options.model_validate(table)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise PolicyError(f"{field}: {err['msg']}") from exc
