"""The SIRET number of a recruiter's establishment: 14 digits whose last one is a check key.

INSEE builds the SIRET (SIREN, 9 digits, plus the establishment's number, 5 digits) so that it
passes the Luhn check. La Poste is the one exception: it has more establishments than one SIREN
(356 000 000) can number with a Luhn key, so its SIRETs have digits whose SUM is a multiple of 5
instead; its head office (356 000 000 00048) still follows the Luhn rule.
"""

from __future__ import annotations

LA_POSTE_SIREN = "356000000"
LENGTH = 14
# What people paste besides digits: the spaces of « 732 829 320 00074 », dots, dashes.
SEPARATORS = str.maketrans("", "", " .-\u00a0\u202f\t")


def normalize(value: str) -> str:
    """The digits as typed, without the separators people write between groups."""
    return (value or "").translate(SEPARATORS)


def luhn(digits: str) -> bool:
    """The Luhn check: from the right, every second digit doubled (minus 9 past 9), sum multiple of 10."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def is_valid(siret: str) -> bool:
    if len(siret) != LENGTH or not siret.isascii() or not siret.isdigit():
        return False
    if luhn(siret):
        return True
    return siret.startswith(LA_POSTE_SIREN) and sum(int(c) for c in siret) % 5 == 0


def check_siret(value: str) -> str | None:
    """The French message to show next to the field, or None when the number is a valid SIRET."""
    siret = normalize(value)
    if not siret:
        return "Saisissez le numéro SIRET de votre établissement."
    if not (siret.isascii() and siret.isdigit()):
        return "Le numéro SIRET ne contient que des chiffres, par exemple 732 829 320 00074."
    if len(siret) != LENGTH:
        return f"Le numéro SIRET compte 14 chiffres ; vous en avez saisi {len(siret)}."
    if not is_valid(siret):
        return ("Ce numéro SIRET n'existe pas : un chiffre est sans doute mal saisi. Recopiez-le depuis un "
                "document officiel (extrait Kbis, fiche INSEE) ou l'annuaire des entreprises.")
    return None


def display(siret: str) -> str:
    """« 732 829 320 00074 »: the SIREN in groups of three, then the establishment's number."""
    if len(siret) != LENGTH:
        return siret
    return f"{siret[0:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
