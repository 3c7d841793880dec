"""Render service pages with the site's own Jinja2 theme.

The menus come from ``navigation.json``, written by the Pelican build (plugin
site_tree), so a service page shows exactly the menus of the static pages.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from aws_lambda_powertools.event_handler import Response

from espace.lang import ENGLISH_TERMS, english_marker
from espace.settings import Settings
from espace.text import french_date, number, plural, strip_tags

log = logging.getLogger(__name__)
HTML = "text/html; charset=utf-8"
SITENAME = "Espace candidat"
SITE_DESCRIPTION = (
    "Espace candidat : droits et démarches, conseils pour la recherche d'emploi, "
    "fiches métiers et offres d'emploi, sur un site accessible à toutes et à tous."
)


@dataclass
class Node:
    """A page as the menus and breadcrumb see it (title, url without leading slash)."""

    title: str
    url: str
    summary: str = ""
    breadcrumb: str | None = None
    tree_children: list[Node] = field(default_factory=list)
    generated: bool = False


@dataclass
class ServicePage:
    title: str
    url: str
    ancestors: list[Node]
    summary: str = ""
    theme: Node | None = None
    breadcrumb: str | None = None
    caption: str = ""  # e.g. « Étape 2 sur 5 », shown before the heading, and in the title
    heading: str = ""  # the h1 after the caption


@dataclass
class Navigation:
    root: Node
    themes: list[Node]

    @classmethod
    def load(cls, path: str | Path) -> Navigation:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            # The site was not built: pages still render, without the theme menus.
            log.warning("navigation file %s missing or unreadable; run `make site`", path)
            data = {}

        def node(raw: dict) -> Node:
            return Node(raw["title"], raw["url"], raw.get("summary", ""), raw.get("breadcrumb"),
                        [node(child) for child in raw.get("children", [])])

        root = node(data["root"]) if "root" in data else Node("Espace candidat", "candidat/index.html",
                                                               breadcrumb="Candidat")
        return cls(root, [node(theme) for theme in data.get("themes", [])])


class Renderer:
    def __init__(self, settings: Settings, strict: bool = False):
        # Imported here: JSON routes never render, so Jinja2 stays out of their cold start.
        from espace.templating import environment

        self.navigation = Navigation.load(settings.navigation_file)
        self.env = environment(settings.templates_dir, strict=strict)
        self.env.filters.update(date_fr=french_date, plural=plural, number=number, striptags=strip_tags,
                                lang_en=english_marker(Path(settings.data_dir) / ENGLISH_TERMS))
        self.env.globals.update(SITENAME=SITENAME, SITE_DESCRIPTION=SITE_DESCRIPTION,
                                site_tree={"root": self.navigation.root, "themes": self.navigation.themes})

    def page(self, url: str, title: str, trail: tuple[tuple[str, str], ...] = (), caption: str = "") -> ServicePage:
        """A service page under "Accueil > Candidat > …"; ``trail`` adds (title, url) levels.
        With a ``caption``, the title is « caption : title » and the h1 shows both."""
        ancestors = [self.navigation.root] + [Node(t, u.lstrip("/")) for t, u in trail]
        full_title = f"{caption} : {title}" if caption else title
        return ServicePage(title=full_title, url=url.lstrip("/"), ancestors=ancestors, caption=caption, heading=title)

    def render(self, template: str, *, page: ServicePage, status: int = 200,
               cookies: list | None = None, headers: dict | None = None, **context) -> Response:
        body = self.env.get_template(template).render(page=page, **context)
        return Response(status_code=status, content_type=HTML, body=body, cookies=cookies or [],
                        headers={"Cache-Control": "no-store", **(headers or {})})


@lru_cache(maxsize=4)
def renderer_for(settings: Settings) -> Renderer:
    return Renderer(settings)
