"""The per-process caches of the handlers, in one place.

Settings, services, the renderer and the offer referentials are built once per process
(once per Lambda container); a test that changes the environment must start afresh.
"""

from __future__ import annotations

import contextlib

import pytest


def clear_process_caches() -> None:
    from espace.bootstrap import get_services
    from espace.infosearch import index_at
    from espace.offers import services
    from espace.settings import get_settings
    from espace.web.pages import renderer_for

    for cache in (get_settings, get_services, renderer_for, index_at):
        cache.cache_clear()
    services.clear_caches()


@contextlib.contextmanager
def environment(values: dict[str, str]):
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
