"""An ordered, bounded map over a pool of worker processes.

Both ways of coding events in parallel (`blocwatch code --workers` and
`analyze` with the `workers` setting) need the same things: each worker
builds its coder once (spaCy loads once per process), results come back in
input order (event ids are numbered as they are stored, and the same input
must give the same numbers), only a few items per worker are in flight, and
a worker that dies stops the run with one clear line.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from blocwatch.errors import BlocwatchError

Item = TypeVar("Item")
Result = TypeVar("Result")


def ordered_map(
    work: Callable[[Item], Result], items: Iterable[Item], *, workers: int,
    initializer: Callable[..., None] | None = None, initargs: tuple[Any, ...] = (),
    in_flight_per_worker: int = 4, describe: Callable[[Item], str] = lambda item: "working",
) -> Iterator[tuple[Item, Result]]:
    """(item, work(item)) in the order of ``items``, computed in ``workers``
    spawned processes (spawned, not forked: a parent holding a DuckDB
    connection must not hand it to a child).  ``work`` and ``initializer``
    must be module-level functions (or partials of them) so they pickle."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                             initializer=initializer, initargs=initargs) as pool:
        pending: deque[tuple[Item, Future[Result]]] = deque()
        for item in items:
            pending.append((item, pool.submit(work, item)))
            if len(pending) >= workers * in_flight_per_worker:
                yield _finished(*pending.popleft(), describe)
        while pending:
            yield _finished(*pending.popleft(), describe)


def _finished(item: Item, future: Future[Result], describe: Callable[[Item], str]
              ) -> tuple[Item, Result]:
    """A worker that died (out of memory, killed, its coder could not load)
    breaks the whole pool: stop with one line; what was finished so far is
    kept by the caller."""
    try:
        return item, future.result()
    except BrokenProcessPool as err:
        raise BlocwatchError(
            f"an event-coding worker process stopped while {describe(item)}: {err}",
            hint="run again with --workers 1 (what was already done is kept)") from err
