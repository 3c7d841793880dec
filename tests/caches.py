"""The per-process state of the handlers, reset in one call.

Settings and everything built from them (adapters, offer index, referentials, the
information index) live in espace.bootstrap and are built once per process (once per
Lambda container); a test that changes the environment must start afresh. The
renderer is cached per Settings value, so new settings get a new renderer by themselves.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest


def clear_process_caches() -> None:
    from espace import bootstrap

    bootstrap.reset()


@contextlib.contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """These environment variables, with fresh caches; both undone on the way out."""
    patch = pytest.MonkeyPatch()
    for key, value in values.items():
        patch.setenv(key, value)
    clear_process_caches()
    try:
        yield
    finally:
        patch.undo()
        clear_process_caches()
