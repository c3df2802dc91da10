"""One way for the app to call the services: off the event loop, answered with one typed result.

    outcome = await call(set_status_many, db, claims, status, user=user)
    match outcome:
        case Done(result): ...
        case Conflict(message, current): ...   # somebody changed it since it was read
        case Failed(message): ...              # one line, fit to show

The service runs in a thread; nothing in that thread touches a widget. The coroutine that awaits
the outcome runs on the event loop (a screen's async worker), so it may prompt (with
`push_screen_wait`), update the desk and show a notice in straight-line code. No failure escapes
as an exception: a bug becomes a `Failed` with its type named, never a crashed desk.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from workbench.errors import WorkbenchError
from workbench.services.claims import ConflictError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Done(Generic[T]):
    value: T


@dataclass(frozen=True, slots=True)
class Conflict:
    """Refused: somebody else changed the thing since it was read; `current` is it as it now is."""

    message: str
    current: Any


@dataclass(frozen=True, slots=True)
class Failed:
    message: str


Outcome = Done[T] | Conflict | Failed


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return lines[0] if lines else type(orig).__name__


async def call(fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Done[T] | Conflict | Failed:
    """Run `fn(*args, **kwargs)` in a thread and say how it went."""
    return await outcome(asyncio.to_thread(fn, *args, **kwargs))


class Lane:
    """Calls that go one at a time, in the order they were asked for, in a thread of their own,
    each started the moment it is asked for. The desk has two: its writes (a verdict is on its
    way to the database before the next claim is even drawn, and two keys on one claim are
    written in the order they were pressed) and the pages of its queue (100,000 rows built in one
    thread, not spread over the memory of several). `start` answers a future; `outcome` says how
    it went."""

    def __init__(self, name: str) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"workbench-{name}")

    def start(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> asyncio.Future[T]:
        return asyncio.get_running_loop().run_in_executor(self._pool, functools.partial(fn, *args, **kwargs))

    def close(self) -> None:
        self._pool.shutdown(wait=False)


async def outcome(work: Awaitable[T]) -> Done[T] | Conflict | Failed:
    """How a service call already under way went."""
    try:
        return Done(await work)
    except ConflictError as exc:
        return Conflict(str(exc), exc.current)
    except WorkbenchError as exc:
        return Failed(str(exc))
    except SQLAlchemyError as exc:
        return Failed(f"database: {_first_line(exc)}")
    except OSError as exc:
        return Failed(f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}")
    except Exception as exc:
        return Failed(f"{type(exc).__name__}: {exc}")
