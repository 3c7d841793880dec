"""What the tests of étape 1 share: a signed-in candidate with a draft CV, reading the CV back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from espace.bootstrap import get_services
from espace.cv.model import Cv
from espace.cv.service import CvBook, new_id
from espace.text import PARIS
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.client import Client


@dataclass
class Candidate:
    client: Client
    user_id: str
    cv_id: str

    @property
    def book(self) -> CvBook:
        return CvBook(get_services(), self.user_id)

    @property
    def cv(self) -> Cv:
        found = self.book.get(self.cv_id)
        assert found is not None
        return found

    @property
    def base(self) -> str:
        return f"/mon-espace/cv/{self.cv_id}/informations"

    def post(self, sub: str, data: dict, page: str | None = None):
        """POST to a rubric, with the CSRF token of its page (or of ``page``)."""
        url = self.base + sub
        return self.client.post(url, data, csrf=self.client.csrf_token(self.base + (page if page is not None else sub)))


def candidate(platform, email: str) -> Candidate:
    """A signed-in candidate with one draft CV, created as « Mes CV » creates it (CvBook.create)."""
    client = signed_in_client(platform, email)
    user_id = user_id_of(email)
    cv_id = new_id()
    CvBook(get_services(), user_id).create(cv_id)
    return Candidate(client, user_id, cv_id)


def month_after(months: int) -> tuple[str, str]:
    """(mois, année) ``months`` after this month, in Paris time (negative: before)."""
    today = dt.datetime.now(PARIS)
    index = today.year * 12 + today.month - 1 + months
    return str(index % 12 + 1), str(index // 12)


def month_value(months: int) -> str:
    month, year = month_after(months)
    return f"{year}-{int(month):02d}"
