"""What an area does when an account is deleted, for its data outside the user's partition.

The accounts area deletes the ``USER#{id}`` partition and the ``users/{id}/`` files itself;
an area that also keeps something elsewhere (an index entry naming the user, a saved
search in the alert matcher) registers a hook, so that accounts imports no area:

    @on_account_deleted
    def forget_alerts(services, user_id: str) -> None: ...

Hooks run before the partition is deleted (they may still read it) and must be idempotent:
a deletion that failed halfway is simply run again. A hook registers when its area's module
is imported, i.e. in every function that serves the area's routes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from espace.bootstrap import Services

Hook = Callable[["Services", str], None]
_HOOKS: dict[str, Hook] = {}


def on_account_deleted(hook: Hook) -> Hook:
    _HOOKS[f"{hook.__module__}.{hook.__qualname__}"] = hook  # re-importing a module does not run it twice
    return hook


def run_account_deleted(services: Services, user_id: str) -> None:
    for hook in list(_HOOKS.values()):
        hook(services, user_id)
