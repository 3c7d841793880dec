"""Rendering a full CV (5 experiences, 3 trainings) as tagged PDF/UA-1, as ``GET /cv/<cv>/cv.pdf`` and a
sending do: templates + WeasyPrint, every layout and order, in this process after one warm-up render
(a Lambda's first render also pays the imports and font loading: reported apart).

Wall time is the target's measure; the process's CPU time is reported beside it, because on a shared
machine (other processes on the same cores) wall time also counts the time spent waiting for a core."""

from __future__ import annotations

import itertools
import statistics
import time

RUNS = 20  # per layout × order: 120 renders


def run() -> dict[str, float]:
    started = time.perf_counter()
    from espace.cv import pdf
    from espace.cv.model import LAYOUTS, ORDERS, Layout
    from tests.functional.cv.sample_cv import contact, full_cv

    cv, details = full_cv(), contact()
    first = pdf.render(cv, details)
    cold = time.perf_counter() - started
    times, cpu, sizes = [], [], []
    for (model, _), (order, _) in itertools.product(LAYOUTS, ORDERS):
        for _ in range(RUNS):
            t0, c0 = time.perf_counter(), time.process_time()
            data = pdf.render(cv, details, Layout(model, order))
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
            sizes.append(len(data))
    times.sort()
    cpu.sort()
    return {"renders": len(times), "median": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1],
            "cpu_median": statistics.median(cpu), "cpu_p95": cpu[int(len(cpu) * 0.95) - 1],
            "max": times[-1], "cold": cold, "size": statistics.median(sizes), "first_size": len(first)}


if __name__ == "__main__":
    print(run())
