"""The account e-mails read as plain, correct French."""

import inspect

import pytest

from espace.accounts import mails

ARGUMENTS = {"to": "nadia@example.fr", "link": "http://127.0.0.1:8000/compte/confirmation?jeton=abc",
             "site_url": "http://127.0.0.1:8000", "new_address": "nouvelle@example.fr",
             "company": "Boulangerie Martin"}  # confirm_account: a recruiter's sign-up
BUILDERS = [f for name, f in inspect.getmembers(mails, inspect.isfunction)
            if not name.startswith("_") and f.__module__ == mails.__name__]


def test_every_mail_is_covered():
    assert len(BUILDERS) >= 8


@pytest.mark.parametrize("build", BUILDERS, ids=lambda f: f.__name__)
def test_a_mail_never_says_the_site_name_as_a_common_noun(build):
    # « votre espace Espace candidat » read twice the same word: « votre espace personnel sur Espace candidat ».
    message = build(**{name: ARGUMENTS[name] for name in inspect.signature(build).parameters})
    text = " ".join(f"{message.subject} {message.text}".split())
    assert "espace Espace" not in text
    assert message.subject.endswith(" – Espace candidat")
