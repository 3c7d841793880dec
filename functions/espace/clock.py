"""The date and time of the rules that follow the calendar (the actualisation window, payments,
the 24-hour limit to move an appointment), in Europe/Paris.

Call ``clock.today()`` / ``clock.now()`` through the module (``from espace import clock``), never
``from espace.clock import today``: the tests move the whole site to another day with
``monkeypatch.setattr(clock, "now", lambda: …)``, which a copied name would not see.
"""

from __future__ import annotations

import argparse
import datetime as dt

from espace.text import PARIS


def now() -> dt.datetime:
    """Aware, in Europe/Paris."""
    return dt.datetime.now(PARIS)


def today() -> dt.date:
    return now().date()


def day_argument(text: str) -> dt.date:
    """The ``--day`` a job is run for, as typed on its command line (an argparse ``type``)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from None
