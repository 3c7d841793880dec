"""Étape 1, Situation administrative (helper A builds it)."""

from __future__ import annotations

from espace.web.forms import KitForm


class AdministrativeForm(KitForm):
    pass
