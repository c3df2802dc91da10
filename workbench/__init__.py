"""workbench: claims, sources and verdicts for fact-checkers."""

__version__ = "0.1.0"
