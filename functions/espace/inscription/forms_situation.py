"""Étape 2, Situation du demandeur d'emploi (helper A builds it)."""

from __future__ import annotations

from espace.web.forms import KitForm


class SituationForm(KitForm):
    pass
