"""Recruiter sign-up (/recruteur/creation): company name and SIRET, then the accounts' own confirmation."""

from __future__ import annotations

from espace.web.auth import AreaRouter

router = AreaRouter()  # public: this is how a recruiter gets an account
