"""Pelican plugin: the ARE's yearly figures written into the pages from the data file.

A page writes ``{figure:partie_fixe_cents}`` where it names a figure of
data/allocation/are-2026.json and ``{figure-date:partie_fixe_cents}`` for the date it applies
from; the build writes the value as « Mon outil de simulation » shows it (« 13,18 € »,
« 40,4 % », « 1er juillet 2025 »). A revaluation is then one edit of the data file, and the
pages and the simulator cannot disagree. An unknown name stops the build rather than print a
placeholder.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pelican import signals

from espace.allocation.explain import percent
from espace.allocation.figures import FILE
from espace.text import euros, french_date, number

PLACEHOLDER = re.compile(r"\{figure(-date)?:([a-z_]+)\}")


class UnknownFigure(ValueError):
    pass


def formatted(name: str, figure: dict[str, Any]) -> str:
    value = figure["value"]
    if name.endswith("_cents"):
        return euros(value)
    if name.endswith("_dix_milliemes"):
        return percent(value)
    return number(value)


def substitute(text: str, figures: dict[str, dict[str, Any]], where: str = "") -> str:
    def one(match: re.Match[str]) -> str:
        date, name = match.groups()
        if name not in figures:
            raise UnknownFigure(f"{where}: {{figure:{name}}} names no figure of {FILE} "
                                f"(known: {', '.join(sorted(figures))})")
        return french_date(figures[name]["effective"]) if date else formatted(name, figures[name])

    return PLACEHOLDER.sub(one, text)


def figures_in(folder: str | Path) -> dict[str, dict[str, Any]]:
    return json.loads((Path(folder) / FILE).read_text(encoding="utf-8"))["figures"]


def apply(instance) -> None:
    content = getattr(instance, "_content", None)
    if not content or "{figure" not in content:
        return
    figures = figures_in(instance.settings["ARE_FIGURES_PATH"])
    instance._content = substitute(content, figures, getattr(instance, "source_path", ""))


def register() -> None:
    signals.content_object_init.connect(apply)
