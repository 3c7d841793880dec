"""The sections of a candidate's dossier as the counsellor reads it (/conseiller/candidats/<id>).

Each part of the dossier adds its own section, in its own module, with a decorator:

    @section("paiements", "Paiements", order=50, template="services/dossier/conseiller/paiements.html")
    def payments(ctx, candidate) -> dict | None: ...

The builder returns what its template reads (``data`` there), or None to leave the section out;
the page shows the sections by ``order``, each under its ``h2`` (its ``slug`` is the anchor), and a
list of links to them at the top. The module must be imported by the counsellors' function
(espace.handlers.counsellors) for its section to register.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from espace.conseillers.model import Counsellor
    from espace.dossier.model import Dossier
    from espace.ports import Item
    from espace.web.context import Context


@dataclass
class Candidate:
    """Whose dossier the counsellor reads: the account, its dossier, its profile (no secret)."""

    user_id: str
    dossier: Dossier
    name: str
    email: str
    counsellor: Counsellor
    profile: Item = field(default_factory=dict)


Builder = Callable[["Context", Candidate], "dict[str, Any] | None"]


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    order: int
    template: str
    build: Builder


_SECTIONS: dict[str, Section] = {}


def section(slug: str, title: str, *, order: int, template: str) -> Callable[[Builder], Builder]:
    def register(build: Builder) -> Builder:
        _SECTIONS[slug] = Section(slug, title, order, template, build)
        return build
    return register


def sections_for(ctx: Context, candidate: Candidate) -> list[tuple[Section, dict[str, Any]]]:
    shown = []
    for found in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.slug)):
        data = found.build(ctx, candidate)
        if data is not None:
            shown.append((found, data))
    return shown
