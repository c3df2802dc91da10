"""The one way the app calls a service (`workbench.tui.calls`): off the event loop, answered with
one typed result, never an exception."""

from __future__ import annotations

import asyncio
import threading

from sqlalchemy.exc import OperationalError

from workbench.errors import WorkbenchError
from workbench.services.claims import ConflictError
from workbench.tui.calls import Conflict, Done, Failed, Lane, call, outcome


def test_a_call_runs_off_the_event_loop_and_answers_done() -> None:
    async def main() -> tuple[object, int, int]:
        loop_thread = threading.get_ident()
        answer = await call(lambda x, y=0: (x + y, threading.get_ident()), 2, y=3)
        assert isinstance(answer, Done)
        return answer.value[0], answer.value[1], loop_thread

    total, ran_in, loop_thread = asyncio.run(main())
    assert total == 5 and ran_in != loop_thread


def test_every_failure_is_one_typed_result() -> None:
    current = object()

    def conflict() -> None:
        raise ConflictError("changed meanwhile", current)  # type: ignore[arg-type]

    def refused() -> None:
        raise WorkbenchError("no such claim: 99")

    def database() -> None:
        raise OperationalError("UPDATE claim", {}, Exception("database is locked\nmore detail"))

    def missing() -> None:
        raise FileNotFoundError(2, "No such file or directory", "/tmp/photo.jpg")

    def bug() -> None:
        raise KeyError("status")

    async def main() -> list[object]:
        return [await call(f) for f in (conflict, refused, database, missing, bug)]

    c, w, d, m, b = asyncio.run(main())
    assert isinstance(c, Conflict) and c.current is current and c.message == "changed meanwhile"
    assert w == Failed("no such claim: 99")
    assert d == Failed("database: database is locked")  # its first line only
    assert m == Failed("/tmp/photo.jpg: No such file or directory")
    assert b == Failed("KeyError: 'status'")  # a bug is named, never a crashed desk


def test_a_lane_runs_its_calls_one_at_a_time_in_the_order_asked() -> None:
    done: list[int] = []
    lane = Lane("test")

    def slow(n: int) -> int:
        threading.Event().wait(0.01 * (3 - n))  # the first asked is the slowest
        done.append(n)
        return n

    async def main() -> list[object]:
        futures = [lane.start(slow, n) for n in range(3)]
        return [await outcome(f) for f in futures]

    try:
        assert asyncio.run(main()) == [Done(0), Done(1), Done(2)]
    finally:
        lane.close()
    assert done == [0, 1, 2]
