"""Repeatable groups of fields (« une période d'emploi », « une langue ») without JavaScript.

A ``GroupField`` is WTForms' ``FieldList(FormField(form))``: each group's fields are named
``{group}-{n}-{field}`` (``emplois-0-employeur``), read back in the order of ``n`` and renumbered
from 0, so a group removed in the middle leaves no hole. The page shows one block per group and
two kinds of buttons, both ordinary submit buttons of the step's form named ``action``:

- « Ajouter … » (``ajouter:{group}``) and « Supprimer … » (``supprimer:{group}:{n}``): the step
  engine (``espace.web.steps``) saves everything typed, as typed, with one group more or less,
  and shows the step again at the new group (``#emplois-2``) — ``group_change`` computes that for
  any page that holds such a form (a counsellor's correction renders the new values at once);
- each group also carries a hidden input named ``{group}-{n}``: a group whose fields are all
  unticked radios or checkboxes still comes back, and a draft keeps a group just added, empty.

Errors: each field of each group feeds the error summary (``error_list``, which
``KitForm.error_list`` calls), linking to that field; a message about the whole list (« Déclarez
au moins une période ») is the group's own, linked to its block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from wtforms import Form
from wtforms.fields import FieldList, FormField

from espace.web.request import FormData

ADD, REMOVE = "ajouter", "supprimer"


class GroupField(FieldList):
    """A list of groups of the fields of ``form_class`` (a ``KitForm``), between ``min_entries``
    (shown empty at first) and ``max_entries``.

    ``item`` names one group in titles (« Emploi » → « Emploi 1 »), ``add_label`` and
    ``remove_label`` are the buttons' visible text, ``empty_text`` what the check page and the
    step say when there is none, ``full_text`` why « Ajouter » is not offered any more,
    ``removed_text`` what is said once the ``{n}``-th group is removed."""

    def __init__(self, form_class: type[Form], label: str, *, item: str, add_label: str, remove_label: str,
                 empty_text: str, full_text: str, removed_text: str, min_entries: int = 0, max_entries: int = 20,
                 description: str = "", validators: Any = None, **kwargs: Any):
        super().__init__(FormField(form_class), label, validators, min_entries=min_entries, max_entries=max_entries,
                         description=description, **kwargs)
        self.item, self.add_label, self.remove_label = item, add_label, remove_label
        self.empty_text, self.full_text, self.removed_text = empty_text, full_text, removed_text

    @property
    def anchor_id(self) -> str:
        return self.id

    def _extract_indices(self, prefix: str, formdata: Any) -> Iterator[int]:
        """The groups' numbers in the names sent: ASCII digits only — WTForms' own ``isdigit``
        lets « ² » through to ``int`` (a 500 for a forged name)."""
        offset = len(prefix) + 1
        for key in formdata:
            if key.startswith(prefix + self._separator):
                head = key[offset:].split(self._field_separator, 1)[0]
                if re.fullmatch(r"[0-9]{1,4}", head):
                    yield int(head)

    def item_title(self, number: int) -> str:
        """« Emploi 2 »: the title of the ``number``-th group (from 1)."""
        return f"{self.item} {number}"

    @property
    def own_errors(self) -> list[str]:
        """The messages about the whole list (FieldList keeps each group's errors as a dict)."""
        return [message for message in self.errors if isinstance(message, str)]

    def error_list(self) -> list[tuple[str, str]]:
        """(anchor id, first message): the list's own, then each field in error of each group."""
        found = [(self.id, message) for message in self.own_errors]
        for entry in self.entries:
            for field in entry.form:
                if field.errors:
                    found.append((getattr(field, "anchor_id", field.id), field.errors[0]))
        return found

    def add_entry_error(self, index: int, name: str, message: str) -> None:
        """An error found by comparing groups (two periods that overlap), set on a field of the
        ``index``-th group after validation."""
        entry = self.entries[index]
        entry.form.add_error(name, message)
        errors: list[Any] = list(getattr(self, "errors", None) or [])
        errors.append({name: [message]})  # the list is in error too (KitForm.has_errors)
        self.errors = errors

    def refusal(self) -> str:
        """Why no group may be added now ("" when one may): the list is full, or the form says so
        (a limit over several lists: ``addition_refused(group)`` on the form)."""
        check = getattr(self._form, "addition_refused", None)
        message = check(self) if check is not None else ""
        if message:
            return message
        return self.full_text if self.max_entries is not None and len(self.entries) >= self.max_entries else ""

    @property
    def removable(self) -> bool:
        return len(self.entries) > self.min_entries


def groups_of(form: Form) -> list[GroupField]:
    return [field for field in form if isinstance(field, GroupField)]


def group_values(group: GroupField) -> dict[str, list[str]]:
    """What a draft keeps of ``group``: each group's marker and fields as typed, under the names
    the groups have now (renumbered from 0), so they come back in the same order."""
    from espace.web.forms import FileField, PartsField, PasswordField

    values: dict[str, list[str]] = {}
    for entry in group.entries:
        values[entry.name] = ["1"]
        for field in entry.form:
            if isinstance(field, (PasswordField, FileField)) or field.raw_data is None:
                continue
            if isinstance(field, PartsField):
                for part in field.PARTS:
                    values[f"{field.name}-{part}"] = [field.parts.get(part, "")]
            elif field.raw_data:
                values[field.name] = [str(value) for value in field.raw_data]
    return values


@dataclass(frozen=True)
class GroupChange:
    """What « Ajouter » or « Supprimer » made of a submitted form: the values to keep (every field
    as typed, with one group more or less), where to show the page (the new group, or the list),
    and a sentence to say (a refusal, or what was removed)."""

    values: dict[str, list[str]]
    anchor: str
    notice: str = ""
    refused: bool = False


def group_change(form: Form, formdata: FormData, stored: dict[str, list[str]]) -> GroupChange | None:
    """The change asked by the button pressed (``action`` = ``ajouter:{group}`` or
    ``supprimer:{group}:{n}``) of ``form`` bound to ``formdata``, whose fields outside the groups
    are ``stored`` (as ``steps.stored_values`` keeps them); None for any other button. A forged
    or stale action (an unknown group, a group already removed) changes nothing."""
    action = formdata.get("action")
    verb, _, rest = action.partition(":")
    if verb not in (ADD, REMOVE):
        return None
    name, _, number = rest.partition(":") if verb == REMOVE else (rest, "", "")
    group = next((g for g in groups_of(form) if g.name == name), None)
    if group is None:
        return GroupChange(stored, "", refused=True)
    notice, anchor, refused = "", group.id, False
    if verb == ADD:
        if refusal := group.refusal():
            notice, refused = refusal, True
        else:
            entry = group.append_entry()
            anchor = entry.id
    elif re.fullmatch(r"[0-9]{1,4}", number) and int(number) < len(group.entries) and group.removable:
        group.pop_entry(int(number))
        notice = group.removed_text.format(n=int(number) + 1)
    else:
        refused = True
    values = {key: value for key, value in stored.items()
              if not any(key == g.name or key.startswith(f"{g.name}-") for g in groups_of(form))}
    for each in groups_of(form):
        values.update(group_values(each))
    return GroupChange(values, anchor, notice, refused)
