"""Match stage: locate the copy of the source article inside a page and align it with the source."""

from reprint_check.match.align import Alignment, ParagraphAlignment, align
from reprint_check.match.locate import Located, SourceText, locate
from reprint_check.match.scope import Scope, frame

__all__ = ["Alignment", "Located", "ParagraphAlignment", "Scope", "SourceText", "align", "frame", "locate"]
