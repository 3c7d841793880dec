"""Field rules of the account forms, with the French messages shown next to each field."""

from __future__ import annotations

import re

SECRET_QUESTIONS = (
    ("1", "Quel est le nom de votre premier animal de compagnie ?"),
    ("2", "Dans quelle ville votre mère est-elle née ?"),
    ("3", "Quel était le nom de votre école primaire ?"),
    ("4", "Quel est le prénom de votre meilleur ami ou amie d'enfance ?"),
    ("5", "Quel est le titre de votre livre préféré ?"),
)
QUESTION_TEXT = dict(SECRET_QUESTIONS)
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s.]{2,}$")
# French postal codes: 01000-95999 for metropolitan France (Corsica is 20xxx),
# 97xxx-98xxx overseas. 96xxx and 00xxx do not exist.
POSTAL_CODE_RE = re.compile(r"^(?:0[1-9]|[1-8]\d|9[0-57-8])\d{3}$")
COMMON_PASSWORDS = frozenset({
    "123456789012", "azertyuiopqs", "motdepasse123", "motdepasse1234", "password1234", "qwertyuiopas",
    "azertyuiop123", "soleil123456", "bonjour12345", "jetaime123456", "000000000000", "111111111111",
})
PASSWORD_MIN, PASSWORD_MAX = 12, 128


def normalize_email(value: str) -> str:
    return value.strip().lower()


def check_email(value: str, label: str = "votre adresse e-mail") -> str | None:
    value = normalize_email(value)
    if not value:
        return f"Saisissez {label}."
    if len(value) > 254 or not EMAIL_RE.match(value):
        return "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."
    return None


def check_new_password(password: str, confirmation: str, email: str = "") -> dict[str, str]:
    """Errors keyed by field: ``mot_de_passe`` and ``confirmation``."""
    errors = {}
    if not password:
        errors["mot_de_passe"] = "Saisissez un mot de passe."
    elif len(password) < PASSWORD_MIN:
        errors["mot_de_passe"] = f"Le mot de passe doit contenir au moins {PASSWORD_MIN} caractères."
    elif len(password) > PASSWORD_MAX:
        errors["mot_de_passe"] = f"Le mot de passe doit contenir au plus {PASSWORD_MAX} caractères."
    elif password.lower() in COMMON_PASSWORDS or len(set(password)) < 4:
        errors["mot_de_passe"] = "Ce mot de passe est trop facile à deviner. Choisissez-en un autre."
    elif email and email.split("@")[0] and email.split("@")[0].lower() in password.lower():
        errors["mot_de_passe"] = "Le mot de passe ne doit pas contenir votre identifiant."
    if not confirmation:
        errors["confirmation"] = "Confirmez le mot de passe en le saisissant une seconde fois."
    elif password and confirmation != password:
        errors["confirmation"] = "La confirmation ne correspond pas au mot de passe. Saisissez-le à nouveau."
    return errors


def check_postal_code(value: str) -> str | None:
    value = value.strip()
    if not value:
        return "Saisissez votre code postal."
    if not POSTAL_CODE_RE.match(value):
        return "Saisissez un code postal à 5 chiffres, par exemple 17000."
    return None


def check_question(value: str) -> str | None:
    return None if value in QUESTION_TEXT else "Choisissez une question secrète dans la liste."


def check_answer(value: str) -> str | None:
    value = " ".join(value.split())
    if not value:
        return "Saisissez la réponse à votre question secrète."
    if len(value) < 2 or len(value) > 100:
        return "La réponse doit contenir entre 2 et 100 caractères."
    return None
