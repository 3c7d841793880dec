"""Pelican plugin: the three-level information tree.

Every page learns its parent, children, ancestors (for the breadcrumb) and its
level-I theme (for the menus). A page's parent is the ``index.html`` of the
folder above it, or the ``tree_parent_url`` metadata of a generated page.
Pages outside ``candidat/`` (FAQ, contact, regions…) hang under the
"Espace candidat" page in the breadcrumb but are not listed among its themes.
"""

from __future__ import annotations

import json
import os
import posixpath
from typing import Any

from pelican import signals
from pelican.generators import PagesGenerator

from .downloads import parse_downloads
from .sources import SourceError, check_pair, french_date, parse_sources, parse_verified

ROOT_URL = "candidat/index.html"


def folder_parent_url(url: str) -> str | None:
    folder, name = posixpath.split(url)
    if name == "index.html":
        folder = posixpath.dirname(folder)
    return posixpath.join(folder, "index.html") if folder else None


def _order(page):
    try:
        return int(getattr(page, "order", 10_000))
    except ValueError:
        return 10_000


def attach_sources(page) -> None:
    """``page.sources`` (links) and ``page.verified`` (date) with its French label."""
    try:
        page.sources = parse_sources(getattr(page, "sources", None))
        page.verified = parse_verified(getattr(page, "verified", None))
        check_pair(page.sources, page.verified)
    except SourceError as error:
        where = getattr(page, "source_path", None) or getattr(page, "url", "?")
        raise SourceError(f"{where}: {error}") from error
    page.verified_label = french_date(page.verified) if page.verified else None


def build_tree(pages, content_path: str) -> dict:
    for page in pages:
        # Pelican recomputes ``url`` from settings on every access; menus read it
        # ~40 times per page, so freeze it once (the supported override).
        page.override_url = page.url
    by_url = {page.url: page for page in pages}
    root = by_url.get(ROOT_URL)
    for page in pages:
        page.tree_children = []
    for page in pages:
        parent_url = getattr(page, "tree_parent_url", None) or folder_parent_url(page.url)
        parent = by_url.get(parent_url) if parent_url else None
        if parent is not None and parent is not page:
            parent.tree_children.append(page)
        elif page is not root:
            parent = root  # breadcrumb only: "Accueil > Espace candidat > …"
        page.tree_parent = parent
        page.downloads = parse_downloads(getattr(page, "downloads", None), content_path)
        attach_sources(page)
    for page in pages:
        page.tree_children.sort(key=lambda p: (_order(p), p.title.casefold()))
    themes = root.tree_children if root is not None else []
    for page in pages:
        ancestors: list[Any] = []  # pelican Page objects
        node = page.tree_parent
        while node is not None and len(ancestors) < 20:
            ancestors.insert(0, node)
            node = node.tree_parent
        page.ancestors = ancestors
        chain = [*ancestors, page]
        page.theme = next((p for p in chain if p in themes), None)
        page.level = len(chain) - chain.index(page.theme) if page.theme else 0
    return {"root": root, "themes": themes, "by_url": by_url}


def attach_tree(generators):
    for generator in generators:
        if isinstance(generator, PagesGenerator):
            pages = generator.pages + generator.hidden_pages
            tree = build_tree(pages, generator.settings["PATH"])
            generator.settings["_SITE_TREE"] = tree
            for gen in generators:
                gen.context["site_tree"] = tree


def _node(page, depth: int) -> dict:
    node = {"title": page.title, "url": page.url, "summary": str(getattr(page, "summary", "") or "")}
    if getattr(page, "breadcrumb", None):
        node["breadcrumb"] = page.breadcrumb
    if depth > 0:
        node["children"] = [_node(child, depth - 1) for child in page.tree_children]
    return node


def write_navigation(pelican):
    """``navigation.json``: the menus, for the Lambda handlers that render the same theme."""
    tree = pelican.settings.get("_SITE_TREE")
    if not tree or tree["root"] is None:
        return
    data = {"root": _node(tree["root"], 0), "themes": [_node(theme, 1) for theme in tree["themes"]]}
    path = os.path.join(pelican.output_path, "navigation.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)


def register():
    signals.all_generators_finalized.connect(attach_tree)
    signals.finalized.connect(write_navigation)
