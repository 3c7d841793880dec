"""Link checker over the whole output: every internal link, asset and form action resolves."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from tests.conftest import ROOT

EXTERNAL = re.compile(r"^(https?:|mailto:|tel:)")

def service_routes() -> set[str]:
    """The paths infra/template.yaml routes to the handlers (the local gateway reads the same)."""
    from espace.gateway.routes import load_routes

    return {route.path for route in load_routes(ROOT / "infra" / "template.yaml") if "{" not in route.path}


def _ids(path: Path, cache: dict) -> set[str]:
    if path not in cache:
        doc = lxml.html.parse(str(path))
        cache[path] = {e.get("id") for e in doc.xpath("//*[@id]")} | {e.get("name") for e in doc.xpath("//a[@name]")}
    return cache[path]


def resolve(site: Path, page: Path, target: str, routes: set[str], id_cache: dict) -> str | None:
    """None if ``target`` resolves, else the reason it does not."""
    parts = urlsplit(target)
    if parts.path == "" and parts.fragment:
        return None if parts.fragment in _ids(page, id_cache) else f"no id #{parts.fragment} on the page"
    folder = page.relative_to(site).parent.as_posix()
    base = "/" if folder == "." else f"/{folder}"
    path = unquote(parts.path)
    if not parts.path.startswith("/"):
        path = posixpath.normpath(posixpath.join(base, path))
    if path in routes:
        return None
    file = site / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return "no such file or service route"
    if parts.fragment and file.suffix == ".html" and parts.fragment not in _ids(file, id_cache):
        return f"no id #{parts.fragment} in {path}"
    return None


def test_every_internal_link_resolves(site, html_pages):
    routes, id_cache, broken = service_routes(), {}, []
    for page in html_pages:
        doc = lxml.html.parse(str(page))
        targets = doc.xpath("//a/@href|//link/@href|//script/@src|//img/@src|//form/@action")
        for target in set(targets):
            if EXTERNAL.match(target):
                continue
            reason = resolve(site, page, target, routes, id_cache)
            if reason:
                broken.append(f"{page.relative_to(site)} -> {target}: {reason}")
    assert broken == []


def test_service_links_point_to_declared_routes(site):
    # The forms of the home page (the searches, the newsletter) and the fiches' "Voir les offres" target a route.
    home = lxml.html.parse(str(site / "index.html"))
    assert set(home.xpath("//form/@action")) == {"/recherche", "/offres/recherche", "/lettre/abonnement"}
    assert {"/connexion", "/compte/creation", "/offres/recherche", "/recherche",
            "/lettre/abonnement"} <= service_routes()
