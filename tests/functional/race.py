"""Requests racing each other in the functional tests."""

from __future__ import annotations

import threading
from collections.abc import Callable


def race(platform, calls: list[Callable[[], object]]) -> None:
    """Run ``calls`` in threads released together by a barrier on SQLite; on moto one after the
    other, whose transactions are not atomic across threads (there the conditional writes are
    checked as retries)."""
    concurrent = platform.profile == "embedded"
    barrier = threading.Barrier(len(calls) if concurrent else 1)

    def released(call: Callable[[], object]) -> None:
        barrier.wait()
        call()

    threads = [threading.Thread(target=released, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
        if not concurrent:
            thread.join()
    for thread in threads:
        thread.join()
