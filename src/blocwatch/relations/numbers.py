"""Numbers as users see them: rounded, and never ``-0.0``.

Scores near zero come out of tanh and matrix products as values such as
``-2.5e-24``; printed raw they look like real findings, and rounded they
become ``-0.0``, which reads as a negative alignment.
"""

from __future__ import annotations


def tidy(value: float, digits: int = 4) -> float:
    """``value`` rounded to ``digits`` decimals, with ``-0.0`` made ``0.0``."""
    # Adding 0.0 turns -0.0 into 0.0 and leaves every other float unchanged.
    return round(float(value), digits) + 0.0


def signed(value: float, digits: int = 2) -> str:
    """``value`` with its sign for tables (``+0.00``, never ``-0.00``)."""
    return f"{tidy(value, digits):+.{digits}f}"
