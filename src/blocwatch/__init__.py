"""blocwatch: evidence-backed maps of who is aligned with whom, from news text."""

__version__ = "0.1.0"
