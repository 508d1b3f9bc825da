"""Showing untrusted text in the terminal: no markup, no control sequences."""

from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

console = Console(stderr=True, highlight=False)
out = Console(highlight=False, soft_wrap=True)


def safe(text: object, limit: int | None = None) -> str:
    """Text from an article, fit for a rich table cell: control characters
    (ANSI escapes included) removed, rich markup escaped, optionally cut."""
    s = _CONTROL.sub("", str(text) if text is not None else "")
    if limit is not None and len(s) > limit:
        s = s[: limit - 1] + "…"
    return escape(s)
