"""How long the analysis of one article may take.

The analyzer is linear on real text (25,000 characters a second and more), but a crafted text can
make parts of it quadratic: 16,000 "according to the ministry," in one sentence take 147 s, 16,000
"بحسب المصدر" 115 s. One such article must not stall a batch for minutes (or, at the 2-million-
character limit, hours): past its budget it is one error line, and the batch goes on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

ANALYSIS_SECONDS = 30.0  # the least time an article's analysis is given...
ANALYSIS_CHARS_PER_SECOND = 10_000  # ...and more for a long one (real text runs at 25,000 and more)


class AnalysisTooSlow(BaseException):
    """Raised by the alarm of `time_limit` (a BaseException, so no `except Exception` inside the
    analyzer can swallow it)."""


def analysis_budget(chars: int) -> float:
    """How long the analysis of an article of `chars` characters may take. A crafted text can make
    parts of the analysis quadratic (50,000 cues in one sentence); it must not stall a batch."""
    return max(ANALYSIS_SECONDS, chars / ANALYSIS_CHARS_PER_SECOND)


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise AnalysisTooSlow in this code after `seconds` (a real-time alarm). Only the main
    thread of a process can take signals: elsewhere (the app's worker threads) no limit."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(_signum: int, _frame: Any) -> None:
        raise AnalysisTooSlow

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
