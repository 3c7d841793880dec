"""Étape 4, Connaissances et formation (helper B builds it)."""

from __future__ import annotations

from espace.web.forms import KitForm


class KnowledgeForm(KitForm):
    pass
