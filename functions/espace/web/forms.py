"""The declarative form layer of every service area, on WTForms.

Why WTForms rather than the pydantic already in the stack: HTML forms need what
WTForms is built for and pydantic is not — fields that keep the submitted text when
it is invalid (a date typed « 31/02 » must come back as typed, not as None), errors
per field in declaration order, multi-valued fields (checkboxes), file fields, and
French messages for its built-in validators. It is small, pure Python and well kept.
Rendering stays in the theme's macros (``components/form.html``), which read the
fields: label, hint (``description``), value, errors, ids.

Conventions: every message is French and says how to fix the value (GOV.UK's error
messages); values are kept on re-render, except passwords; ``error_list`` feeds the
error summary in field order, each entry linking to the control to fix.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from wtforms import Form, validators
from wtforms.fields import (
    BooleanField,
    EmailField,
    Field,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields import (
    RadioField as _RadioField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError

from espace.text import MONTHS, PARIS, of
from espace.web.request import UploadedFile

__all__ = [
    "BooleanField", "CheckboxesField", "DateField", "EmailField", "FileField", "HiddenField", "IntegerField",
    "KitForm", "MonthField", "PartsField", "PasswordField", "RadioField", "SelectField", "StringField", "TextAreaField",
    "ValidationError",
    "choices", "file_required", "length", "month_label", "required", "strip",
]


def choices(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    """(value, label) pairs as the choices of a select, radios or checkboxes field."""
    return [SelectChoice(value, label) for value, label in pairs]


def strip(value: Any) -> Any:
    """Filter: surrounding spaces never count (a pasted « nom@exemple.fr »)."""
    return value.strip() if isinstance(value, str) else value


def required(message: str) -> validators.DataRequired:
    """The field must be filled (spaces alone do not count; nor does an empty list of
    checkboxes); ``message`` says what to enter (« Saisissez votre code postal. »).
    Not for numbers, where 0 is a value: use ``validators.InputRequired`` there."""
    return validators.DataRequired(message)


class RequiredByTheForm:
    """Marks a field required (``aria-required``, RGAA 11.10) whose presence the form's own rule
    checks, because the message depends on other fields (a commune chosen from the postal code's
    list): it refuses nothing itself."""

    field_flags = {"required": True}

    def __call__(self, form: Any, field: Any) -> None:
        return None


def length(maximum: int, what: str, minimum: int = 0) -> validators.Length:
    if minimum:
        message = f"{what} doit contenir entre {minimum} et {maximum} caractères."
    else:
        message = f"{what} doit contenir au plus {maximum} caractères."
    return validators.Length(min=minimum, max=maximum, message=message)


class KitForm(Form):
    class Meta:
        # French messages for WTForms' own validators, when a field does not give one.
        locales = ("fr_FR", "fr")

    def error_list(self) -> list[tuple[str, str]]:
        """(anchor id, first message) for each field in error, in the order of the form; a
        repeatable group (``espace.web.groups``) gives one for each of its fields in error."""
        found: list[tuple[str, str]] = []
        for field in self:
            if hasattr(field, "error_list"):
                found.extend(field.error_list())
            elif field.errors:
                found.append((getattr(field, "anchor_id", field.id), field.errors[0]))
        return found

    def add_error(self, name: str, message: str) -> None:
        """An error found after validation (a wrong password, a taken address…)."""
        field = self[name]
        if not isinstance(field.errors, list):
            field.errors = list(field.errors)
        field.errors.append(message)

    @property
    def has_errors(self) -> bool:
        return any(field.errors for field in self)

    @property
    def enctype_multipart(self) -> bool:
        """A form with a file field must be sent as multipart/form-data."""
        return any(isinstance(field, FileField) for field in self)


class CheckboxesField(SelectMultipleField):
    """A list of checkboxes (one name, several values), rendered by ``form.checkboxes``."""

    @property
    def anchor_id(self) -> str:
        return f"{self.id}-1"

    def pre_validate(self, form: Form) -> None:
        known = {str(choice.value) for choice in self.iter_choices()}
        if any(str(value) not in known for value in self.data or []):
            raise ValidationError("Une des cases envoyées n'existe pas dans la liste : cochez-les à nouveau.")


class RadioField(_RadioField):
    """Radios, rendered by ``form.radios``; the error summary links to the first one."""

    @property
    def anchor_id(self) -> str:
        return f"{self.id}-1"


class PartsField(Field):
    """A value typed in small inputs named ``{name}-{part}`` (a date's day, month and year), each
    kept as typed when the value is invalid, the error summary linking to the first part to fix.
    Subclasses read a stored value into parts (``_take``) and parts into ``data`` (``_parse``)."""

    PARTS: tuple[str, ...] = ()
    PART_LABELS: tuple[str, ...] = ()  # « le jour »…, for « Indiquez le mois et l'année de … »
    YEAR_EXAMPLE = "2024"

    def __init__(self, label: str | None = None, validators: Sequence[Callable] | None = None, *,
                 what: str = "la date", **kwargs: Any):
        super().__init__(label, validators, **kwargs)
        self.what = what
        self.parts: dict[str, str] = dict.fromkeys(self.PARTS, "")
        self.invalid_parts: set[str] = set()

    @property
    def anchor_id(self) -> str:
        return f"{self.id}-{next(iter(sorted(self.invalid_parts, key=self.PARTS.index)), self.PARTS[0])}"

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        self.process_errors: list[str] = []
        self.raw_data = None
        self._take(data)
        if formdata is not None:
            self.raw_data = []
            for part in self.PARTS:
                values = formdata.getlist(f"{self.name}-{part}")
                self.parts[part] = values[0].strip() if values else ""
                self.raw_data.append(self.parts[part])
        self.data = self._parse()

    def _take(self, data: Any) -> None:
        raise NotImplementedError

    def _parse(self) -> Any:
        raise NotImplementedError

    def _check_digits(self) -> None:
        """Every part given, in digits."""
        self.invalid_parts = {part for part, value in self.parts.items() if not value or not value.isdigit()}
        if self.invalid_parts:
            missing = [label for part, label in zip(self.PARTS, self.PART_LABELS, strict=True)
                       if part in self.invalid_parts]
            raise validators.StopValidation(f"Indiquez {' et '.join(missing)} {of(self.what)}, en chiffres.")

    def _check_year_length(self) -> None:
        if len(self.parts["annee"]) != 4:
            self.invalid_parts = {"annee"}
            raise validators.StopValidation(f"L'année {of(self.what)} doit comporter 4 chiffres, "
                                            f"par exemple {self.YEAR_EXAMPLE}.")


class DateField(PartsField):
    """A date as three fields — jour, mois, année — after GOV.UK's date input: easier to
    type and to read aloud than a date picker, and it works in every browser.

    The three parts are named ``{name}-jour``, ``{name}-mois`` and ``{name}-annee``;
    what was typed is kept as typed when the date is invalid."""

    PARTS = ("jour", "mois", "annee")
    PART_LABELS = ("le jour", "le mois", "l'année")

    def __init__(self, label: str | None = None, validators: Sequence[Callable] | None = None, *,
                 what: str = "la date", earliest: dt.date | None = None, latest: dt.date | None = None,
                 **kwargs: Any):
        super().__init__(label, validators, what=what, **kwargs)
        self.earliest, self.latest = earliest, latest

    def _take(self, data: Any) -> None:
        if isinstance(data, dt.date):
            self.parts = {"jour": str(data.day), "mois": str(data.month), "annee": str(data.year)}
        elif isinstance(data, dict):
            self.parts = {part: str(data.get(part, "")) for part in self.PARTS}

    def _parse(self) -> dt.date | None:
        parts = self.parts
        if not any(parts.values()):
            return None
        if not all(part.isdigit() for part in parts.values()):
            return None
        try:
            return dt.date(int(parts["annee"]), int(parts["mois"]), int(parts["jour"]))
        except ValueError:
            return None

    def pre_validate(self, form: Form) -> None:
        what = self.what
        if not any(self.parts.values()):
            return  # emptiness is the job of the ``required`` validator
        self._check_digits()
        self._check_year_length()
        if self.data is None:
            self.invalid_parts = set(self.PARTS)
            raise validators.StopValidation(f"{what[0].upper()}{what[1:]} doit être une date réelle, "
                                            "par exemple 27 3 2024.")
        if self.earliest and self.data < self.earliest:
            raise validators.StopValidation(f"{what[0].upper()}{what[1:]} doit être le "
                                            f"{self.earliest:%d/%m/%Y} ou après.")
        if self.latest and self.data > self.latest:
            raise validators.StopValidation(f"{what[0].upper()}{what[1:]} doit être le "
                                            f"{self.latest:%d/%m/%Y} ou avant.")

    def _value(self) -> str:
        return "" if self.data is None else self.data.isoformat()


class MonthField(PartsField):
    """A month as two fields — mois, année — the precision of a CV's dates (« mars 2021 »);
    built like ``DateField``: parts named ``{name}-mois`` and ``{name}-annee``, kept as typed
    when invalid. ``data`` is "YYYY-MM" (the CV model's form) or None; ``no_future`` refuses a
    month after the current one, in Paris time, with a message naming the latest month allowed."""

    PARTS = ("mois", "annee")
    PART_LABELS = ("le mois", "l'année")
    YEAR_EXAMPLE = "2021"

    def __init__(self, label: str | None = None, validators: Sequence[Callable] | None = None, *,
                 what: str = "la date", earliest_year: int = 1900, no_future: bool = False, **kwargs: Any):
        super().__init__(label, validators, what=what, **kwargs)
        self.earliest_year, self.no_future = earliest_year, no_future

    def _take(self, data: Any) -> None:
        if isinstance(data, str) and re.fullmatch(r"\d{4}-\d{2}", data):
            self.parts = {"mois": str(int(data[5:])), "annee": data[:4]}

    def _parse(self) -> str | None:
        month, year = self.parts["mois"], self.parts["annee"]
        if not (month.isdigit() and year.isdigit() and len(year) == 4 and 1 <= int(month) <= 12):
            return None
        return f"{year}-{int(month):02d}"

    @staticmethod
    def this_month() -> str:
        return dt.datetime.now(PARIS).strftime("%Y-%m")

    def pre_validate(self, form: Form) -> None:
        parts, what = self.parts, self.what
        if not any(parts.values()):
            return  # emptiness is the job of the ``required`` validator
        self._check_digits()
        if not 1 <= int(parts["mois"]) <= 12:
            self.invalid_parts = {"mois"}
            raise validators.StopValidation(f"Le mois {of(what)} doit être un nombre entre 1 et 12.")
        self._check_year_length()
        if int(parts["annee"]) < self.earliest_year:
            self.invalid_parts = {"annee"}
            raise validators.StopValidation(f"L'année {of(what)} doit être {self.earliest_year} ou après.")
        latest = self.this_month()
        if self.no_future and self.data is not None and self.data > latest:
            self.invalid_parts = set(self.PARTS)
            raise validators.StopValidation(f"{what[0].upper()}{what[1:]} ne peut pas être dans le futur : "
                                            f"indiquez {month_label(latest)} au plus tard.")

    def _value(self) -> str:
        return self.data or ""


def month_label(value: str) -> str:
    """« mars 2021 » for "2021-03" (the CV model's months); "" for anything else."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value or ""):
        return ""
    return f"{MONTHS[int(value[5:]) - 1]} {value[:4]}"


class FileField(Field):
    """One uploaded file, with a size cap and the accepted extensions.

    Checking what the bytes really are (puremagic, zip entry caps) belongs to the area
    that stores the file; this field refuses what is obviously wrong, with a message."""

    def __init__(self, label: str | None = None, validators: Sequence[Callable] | None = None, *,
                 max_bytes: int = 2 * 1024 * 1024, extensions: Iterable[str] = (), **kwargs: Any):
        super().__init__(label, validators, **kwargs)
        self.max_bytes = max_bytes
        self.extensions = tuple(ext.lower().lstrip(".") for ext in extensions)

    def process_formdata(self, valuelist: list[Any]) -> None:
        files = [value for value in valuelist if isinstance(value, UploadedFile) and value]
        self.data = files[0] if files else None

    def pre_validate(self, form: Form) -> None:
        upload = self.data
        if upload is None:
            return
        if upload.size > self.max_bytes:
            raise validators.StopValidation(
                f"Le fichier « {upload.filename} » pèse {upload.size / 1_048_576:.1f} Mo : "
                f"choisissez un fichier de {self.max_bytes / 1_048_576:.0f} Mo au plus.")
        if upload.size == 0:
            raise validators.StopValidation(f"Le fichier « {upload.filename} » est vide : choisissez-en un autre.")
        extension = upload.filename.rsplit(".", 1)[-1].lower() if "." in upload.filename else ""
        if self.extensions and extension not in self.extensions:
            raise validators.StopValidation(
                f"Le fichier « {upload.filename} » n'est pas dans un format accepté : choisissez un fichier "
                f"{', '.join('.' + ext for ext in self.extensions)}.")

    def _value(self) -> str:
        return ""


class _FileRequired(validators.InputRequired):
    def __call__(self, form: Form, field: Field) -> None:
        if field.data is None:
            raise validators.StopValidation(self.message)


def file_required(message: str) -> _FileRequired:
    return _FileRequired(message)


def rule(check: Callable[[str], str | None]) -> Callable[[Form, Field], None]:
    """A domain rule written as ``check(value) -> message or None`` (e.g. in an area's
    ``validation.py``, shared with its service and JSON routes) as a form validator."""

    def validate(form: Form, field: Field) -> None:
        if field.data and (message := check(field.data)):
            raise ValidationError(message)

    return validate
