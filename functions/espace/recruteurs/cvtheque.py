"""The CV bank search (/recruteur/cvtheque…): published CVs by métier, place, contract, experience,
languages, licences, words."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter(roles={"recruteur"})
