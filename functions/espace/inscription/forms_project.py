"""Étape 5, Projet professionnel (helper C builds it)."""

from __future__ import annotations

from espace.web.forms import KitForm


class ProjectForm(KitForm):
    pass
