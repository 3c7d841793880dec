"""Pelican plugin: the no-break spaces of French typography, added at build time.

Authors type ordinary spaces (« 1 232,10 € », « Que faire ? », « 30 jours »), which a line
may break at: « 1 » at the end of a line and « 232,10 € » on the next, a « ? » alone at the
start of one. ``espace.text.french_spacing`` turns them into the no-break spaces French
typography uses (narrow before ; ! ? and inside « », full before : and between a number and
its unit, narrow inside a grouped number), in the text, summary and title of every page and
news item; tags, attributes, addresses and code stay as written. The services' templates can
use the same function.
"""

from __future__ import annotations

from pelican import signals

from espace.text import french_spacing, narrow_number_spaces

__all__ = ["apply", "french_spacing", "narrow_number_spaces", "register"]


def apply(instance):
    if getattr(instance, "_content", None):
        instance._content = french_spacing(instance._content)
    if "summary" in instance.metadata:
        instance.metadata["summary"] = instance._summary = french_spacing(instance.metadata["summary"])
    if isinstance(getattr(instance, "title", None), str):
        instance.title = french_spacing(instance.title)


def register():
    signals.content_object_init.connect(apply)
