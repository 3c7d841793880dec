"""The rules of étape 1 (« Situation administrative »), each ``check(value) -> message or None``.

Every message is French and says what to fix (the kit's convention, ``espace.web.forms.rule``).
The numbers are checked with python-stdnum, which knows their keys: the NIR (« numéro de
sécurité sociale ») by its 97-modulus key (``stdnum.fr.nir``), the IBAN by its mod-97 key and each
country's length (``stdnum.iban``), the BIC by its structure (``stdnum.bic``). The NIR is also
compared with what the candidate said of themselves (civilité, year and month of birth): a key
right by chance on someone else's number, or a swapped digit, gets a message naming the mismatch.
"""

from __future__ import annotations

import datetime as dt
import re

from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum, ValidationError
from stdnum.fr import nir as stdnum_nir

MIN_AGE = 16  # one may register as a job seeker from 16
MAX_AGE = 120
SEPARATORS = re.compile(r"[\s.\-]+")
# A name: letters (any alphabet, accents), with single spaces, hyphens or apostrophes between them.
NAME = re.compile(r"^[^\W\d_]+(?:[ '’-]+[^\W\d_]+)*\.?$")
PHONE_FR = re.compile(r"^0[1-9]\d{8}$")
PHONE_INTERNATIONAL = re.compile(r"^\+[1-9]\d{7,14}$")
PERMIT = re.compile(r"^[A-Z0-9]{6,20}$")
# The NIR's month: 01-12, or 20, 30-42 and 50-99 for people whose month of birth is not known.
UNKNOWN_MONTHS = {20, *range(30, 43), *range(50, 100)}
SEX_DIGIT = {"1": "monsieur", "2": "madame"}
# The lengths told by name (France and its neighbours, where most candidates bank); any other
# country's is checked by stdnum, with a general message.
IBAN_LENGTHS = {"FR": 27, "MC": 27, "BE": 16, "LU": 20, "DE": 22, "CH": 21, "IT": 27, "ES": 24, "PT": 25,
                "NL": 18, "GB": 22, "IE": 22, "AD": 24}


def compact(value: str) -> str:
    """The value without its spaces, dots and dashes, in capitals: how a number is compared."""
    return SEPARATORS.sub("", value or "").upper()


# --- état civil ------------------------------------------------------------------------------
def check_name(value: str) -> str | None:
    if not NAME.match(value.strip()):
        return ("Saisissez le nom avec des lettres seulement : les espaces, les tirets et les apostrophes sont "
                "acceptés, pas les chiffres ni les autres signes.")
    return None


def age_on(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def birthday(birth: dt.date, years: int) -> dt.date:
    """The day one turns ``years`` (the 1st of March for someone born on the 29th of February)."""
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:
        return dt.date(birth.year + years, 3, 1)


def check_birth_date(birth: dt.date, today: dt.date) -> str | None:
    if birth > today:
        return "La date de naissance ne peut pas être dans le futur : vérifiez l'année."
    age = age_on(birth, today)
    if age < MIN_AGE:
        return (f"Vous devez avoir au moins {MIN_AGE} ans pour vous inscrire : vérifiez la date de naissance, "
                f"ou revenez à partir du {birthday(birth, MIN_AGE):%d/%m/%Y}.")
    if age > MAX_AGE:
        return "Vérifiez l'année de naissance : elle donne plus de 120 ans."
    return None


# --- NIR -----------------------------------------------------------------------------------------
def check_nir(value: str) -> str | None:
    """The number alone: its length, its characters, its first digit and its key."""
    number = compact(value)
    if len(number) != 15:
        return ("Le numéro de sécurité sociale compte 15 chiffres, clé comprise (13 chiffres puis la clé de "
                f"2 chiffres) : vous en avez saisi {len(number)}. Recopiez-le depuis votre carte Vitale.")
    body = number[:5] + number[7:] if number[5:7] in {"2A", "2B"} else number
    if not body.isdigit():
        return ("Le numéro de sécurité sociale ne contient que des chiffres (avec 2A ou 2B pour une naissance "
                "en Corse) : recopiez-le depuis votre carte Vitale.")
    if number[0] not in SEX_DIGIT:
        return ("Le numéro de sécurité sociale commence par 1 ou par 2 : recopiez-le depuis votre carte Vitale "
                "(un numéro provisoire ne convient pas).")
    try:
        stdnum_nir.validate(number)
    except InvalidChecksum:
        return ("La clé du numéro de sécurité sociale (ses 2 derniers chiffres) ne correspond pas aux 13 premiers "
                "chiffres : un chiffre est sans doute mal recopié. Vérifiez-le sur votre carte Vitale.")
    except ValidationError:
        return "Ce numéro de sécurité sociale n'est pas valide : recopiez-le depuis votre carte Vitale."
    return None


def nir_mismatches(value: str, civilite: str, birth: dt.date | None) -> str | None:
    """What a valid NIR says that the rest of the step contradicts: the sex digit against the
    civilité, then the year and the month of birth. None when it agrees (or cannot be compared)."""
    number = compact(value)
    if check_nir(number) is not None:
        return None
    expected = SEX_DIGIT[number[0]]
    if civilite in SEX_DIGIT.values() and civilite != expected:
        said = {"madame": "Madame", "monsieur": "Monsieur"}[civilite]
        return (f"Votre numéro de sécurité sociale commence par {number[0]} "
                f"({'un homme' if number[0] == '1' else 'une femme'}) alors que vous avez choisi « {said} » : "
                "vérifiez la civilité ou le numéro.")
    if birth is None:
        return None
    if number[1:3] != f"{birth.year % 100:02d}":
        return (f"Les chiffres 2 et 3 du numéro de sécurité sociale ({number[1:3]}) sont l'année de naissance : "
                f"ils devraient être {birth.year % 100:02d} pour une naissance en {birth.year}. Vérifiez le numéro "
                "ou la date de naissance.")
    month = int(number[3:5])
    if month not in UNKNOWN_MONTHS and month != birth.month:
        return (f"Les chiffres 4 et 5 du numéro de sécurité sociale ({number[3:5]}) sont le mois de naissance : "
                f"ils devraient être {birth.month:02d}. Vérifiez le numéro ou la date de naissance.")
    return None


# --- titre de séjour -------------------------------------------------------------------------------
def check_permit_number(value: str) -> str | None:
    if not PERMIT.match(compact(value)):
        return ("Le numéro du titre de séjour compte de 6 à 20 lettres ou chiffres (10 chiffres sur les titres "
                "récents) : recopiez-le depuis votre titre.")
    return None


# --- coordonnées ------------------------------------------------------------------------------------
def check_phone(value: str) -> str | None:
    number = compact(value)
    if PHONE_FR.match(number) or PHONE_INTERNATIONAL.match(number):
        return None
    return ("Saisissez un numéro de téléphone à 10 chiffres commençant par 0, par exemple 06 12 34 56 78, "
            "ou un numéro international commençant par +, par exemple +33 6 12 34 56 78.")


# --- coordonnées bancaires ---------------------------------------------------------------------------
def check_iban(value: str) -> str | None:
    number = compact(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", number):
        return ("L'IBAN commence par 2 lettres (le pays : FR pour la France) et 2 chiffres, puis des lettres et "
                "des chiffres, par exemple FR76 3000 6000 0112 3456 7890 189. Recopiez-le depuis votre RIB.")
    expected = IBAN_LENGTHS.get(number[:2])
    if expected and len(number) != expected:
        return (f"L'IBAN saisi compte {len(number)} caractères ; un IBAN {number[:2]} en compte {expected}. "
                "Recopiez-le depuis votre RIB.")
    try:
        # The key is checked first by stdnum: a number of the wrong length or country would be told
        # « wrong key »; its fault is what the number with a right key still has.
        stdnum_iban.validate(number[:2] + stdnum_iban.calc_check_digits(number) + number[4:])
        stdnum_iban.validate(number)
    except InvalidChecksum:
        return ("La clé de l'IBAN (ses chiffres 3 et 4) ne correspond pas au reste du numéro : un caractère est "
                "sans doute mal recopié. Vérifiez-le sur votre RIB.")
    except ValidationError:
        return ("Cet IBAN n'existe pas sous cette forme (pays inconnu ou format du pays non respecté) : "
                "recopiez-le depuis votre RIB.")
    return None


def check_bic(value: str) -> str | None:
    code = compact(value)
    if not stdnum_bic.is_valid(code):
        return ("Le BIC compte 8 ou 11 lettres et chiffres : 4 lettres pour la banque, 2 pour le pays, puis 2 "
                "(et parfois 3 autres), par exemple AGRIFRPP ou AGRIFRPP882. Recopiez-le depuis votre RIB.")
    return None


def grouped(value: str, size: int = 4) -> str:
    """An IBAN as a RIB prints it, in groups of four (« FR76 3000 6000 … »)."""
    number = compact(value)
    return " ".join(number[i:i + size] for i in range(0, len(number), size))
