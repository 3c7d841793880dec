"""Pelican plugin: skip re-rendering generated pages whose inputs did not change.

Pelican's content cache spares re-reading Markdown, but every page is still
rendered and written on each build. The ~1,800 ROME pages depend only on the
referential, the theme, the settings and the menus (titles, summaries and
addresses of the written pages); when a rebuild changes none of these, their
output files are kept as they are. A changed title or template re-renders all.
Builds with the cache disabled (``--ignore-cache``, publishconf) render everything.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from pelican import signals
from pelican.generators import PagesGenerator
from pelican.writers import Writer

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]
STATE_FILE = "generated-pages.fingerprint"
MENU_FIELDS = ("url", "title", "summary", "order", "breadcrumb", "region", "status")


class SkippingWriter(Writer):
    def write_file(self, name, template, context, *args, **kwargs):
        page = kwargs.get("page")
        if (page is not None and getattr(page, "skip_write", False)
                and os.path.isfile(os.path.join(self.output_path, name))):
            return None
        return super().write_file(name, template, context, *args, **kwargs)


def _tree_digest(folders: list[Path], files: list[Path]) -> hashlib._Hash:
    digest = hashlib.sha256()
    paths = [p for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()] + files
    for path in paths:
        stat = path.stat()
        digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest


def fingerprint(generators, settings) -> str:
    digest = _tree_digest(
        [Path(settings["THEME"]), Path(settings["ROME_DATA_PATH"]), Path(settings["ARE_FIGURES_PATH"]),
         ROOT / "plugins", ROOT / "functions" / "espace"],
        [ROOT / "pelicanconf.py", ROOT / "publishconf.py"],
    )
    digest.update(settings["OUTPUT_PATH"].encode())
    written = []
    for generator in generators:
        for item in getattr(generator, "pages", []) + getattr(generator, "articles", []):
            if not getattr(item, "generated", False):
                written.append({key: str(getattr(item, key, "")) for key in MENU_FIELDS})
    digest.update(json.dumps(sorted(written, key=lambda d: d["url"]), ensure_ascii=False).encode())
    return digest.hexdigest()


def _state_path(settings) -> Path:
    return Path(settings["CACHE_PATH"]) / STATE_FILE


def mark_unchanged(generators):
    settings = generators[0].settings
    current = fingerprint(generators, settings)
    settings["_GENERATED_FINGERPRINT"] = current
    state = _state_path(settings)
    if not settings.get("LOAD_CONTENT_CACHE") or not state.is_file() or state.read_text() != current:
        return
    skipped = 0
    for generator in generators:
        if isinstance(generator, PagesGenerator):
            for page in generator.pages:
                if getattr(page, "generated", False):
                    page.skip_write = True
                    skipped += 1
    log.info("incremental_writer: %d generated pages unchanged, not rewritten", skipped)


def remember(pelican):
    settings = pelican.settings
    if settings.get("CACHE_CONTENT") and "_GENERATED_FINGERPRINT" in settings:
        state = _state_path(settings)
        state.parent.mkdir(parents=True, exist_ok=True)
        state.write_text(settings["_GENERATED_FINGERPRINT"])


def get_writer(pelican):
    return SkippingWriter


def register():
    signals.get_writer.connect(get_writer)
    signals.all_generators_finalized.connect(mark_unchanged)
    signals.finalized.connect(remember)
