"""Étape 3, Expériences professionnelles (helper B builds it)."""

from __future__ import annotations

from espace.web.forms import KitForm


class ExperiencesForm(KitForm):
    pass
