"""The panels of « Mon espace »: each area adds its own, so accounts imports no area.

    @panel("classeur", "Mon classeur d'offres", order=20)
    def classeur_panel(ctx) -> PanelView: ...

An area registers its panel when its routes module is imported; the dashboard shows
the panels registered in the running function, in ``order``, those whose builder
returns None (nothing to show for this account) left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from espace.web.context import Context


@dataclass(frozen=True)
class PanelView:
    """What a panel shows: lines of text (counts), its links, and ``changes``: what changed
    since the candidate's previous visit (``ctx.previous_visit``, epoch seconds, None on the
    first visit), gathered at the top of « Mon espace » under « Depuis votre dernière visite »."""

    lines: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, url)
    changes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Panel:
    id: str
    title: str
    order: int
    build: Callable[[Context], PanelView | None]


_PANELS: dict[str, Panel] = {}


def panel(id: str, title: str, order: int = 50) -> Callable[[Callable[[Context], PanelView | None]],
                                                           Callable[[Context], PanelView | None]]:
    def register(build: Callable[[Context], PanelView | None]) -> Callable[[Context], PanelView | None]:
        existing = _PANELS.get(id)
        if existing is not None and existing.build.__qualname__ != build.__qualname__:
            raise ValueError(f"two panels named {id!r}")
        _PANELS[id] = Panel(id, title, order, build)
        return build

    return register


def panels_for(ctx: Context) -> list[tuple[Panel, PanelView]]:
    shown = []
    for item in sorted(_PANELS.values(), key=lambda p: (p.order, p.id)):
        view = item.build(ctx)
        if view is not None:
            shown.append((item, view))
    return shown
