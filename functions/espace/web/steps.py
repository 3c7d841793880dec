"""Multi-step forms with drafts: a task list, one form per step, « check your answers ».

After GOV.UK's "complete multiple tasks" pattern and DSFR's stepper:

    FLOW = Flow("inscription", "M'inscrire", "/mon-espace/inscription", steps=(
        Step("situation", "Situation administrative", SituationForm, "services/inscription/situation.html"),
        ...))
    steps_router(FLOW, router, on_submit=register)

- ``{base}``: the task list, each step with its status told in text (« Non commencé »,
  « En cours », « Terminé ») and, once every step is done, the link to check and send.
- ``{base}/{step}``: the step's form, « Étape n sur N » in the heading's caption and in
  the title. Every POST saves the step in the draft, valid or not (what was typed is
  kept as typed), so closing the browser or signing out loses nothing.
- ``{base}/verification``: every answer in a summary list with « Modifier » links whose
  hidden text names the field; its POST hands the cleaned data to ``on_submit``.

Drafts are records in the user's partition (``USER#{id}`` / ``DRAFT#{flow}``), so the
export lists them and account deletion removes them.

A step may hold repeatable groups of fields (``espace.web.groups.GroupField``: the periods of
work, the languages…): « Ajouter … » and « Supprimer … » are submit buttons of the step's form,
whose POST saves the draft as typed with one group more or less and shows the step again at
that group (``#emplois-2``); the check page gives each group a row of its own.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aws_lambda_powertools.event_handler import Response

from espace.ports import Delete, RecordStore
from espace.text import PARIS
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.forms import DateField, FileField, KitForm, MonthField, PartsField, PasswordField, month_label
from espace.web.groups import GroupField, group_change, group_values, groups_of
from espace.web.request import FormData

NOT_STARTED, STARTED, DONE = "Non commencé", "En cours", "Terminé"
CHECK_SLUG = "verification"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form: type[KitForm]
    template: str  # the fields of the step, included inside the engine's form


@dataclass(frozen=True)
class Flow:
    name: str  # the draft's key: letters, digits and dashes
    title: str  # « M'inscrire »: the task list's title and the steps' breadcrumb level
    base: str  # "/mon-espace/inscription"
    steps: tuple[Step, ...]
    check_title: str = "Vérifier vos réponses"
    submit_label: str = "Envoyer"
    # Drafts untouched this many days are deleted by the area's job (None: kept until sent). Each
    # save then also writes an age entry ``DRAFT-AGE#{name}#{day}`` / ``{uid}`` (``age_key``),
    # which the job reads for a day instead of scanning every draft.
    expires_after_days: int | None = None
    # Sentences shown above the rows of the check page, from the values as typed (step slug ->
    # field -> values): the registration's situation summary (« Vous souhaitez vous inscrire »…).
    check_summary: Callable[[dict[str, dict[str, list[str]]]], list[str]] | None = None

    def step(self, slug: str) -> tuple[int, Step]:
        for number, step in enumerate(self.steps, start=1):
            if step.slug == slug:
                return number, step
        raise NotFoundError("Cette étape n'existe pas.")


@dataclass(frozen=True)
class Submission:
    """What ``on_submit`` receives: each step's cleaned data, and the delete of the draft to
    put in the same transaction as what the area writes — a second click of « Envoyer »
    then fails its condition instead of sending twice."""

    data: dict[str, dict[str, Any]]
    discard_draft: Delete


class Drafts:
    """The draft of one flow for one user: the values typed in each step and its status."""

    def __init__(self, records: RecordStore, flow: Flow, user_id: str):
        self.records, self.flow = records, flow
        self.pk, self.sk = f"USER#{user_id}", f"DRAFT#{flow.name}"

    def load(self) -> dict[str, dict[str, Any]]:
        item = self.records.get(self.pk, self.sk)
        return item["steps"] if item else {}

    def save_step(self, slug: str, values: dict[str, list[str]], done: bool) -> None:
        steps = self.load()
        steps[slug] = {"values": values, "status": DONE if done else STARTED}
        now = int(time.time())
        self.records.put({"pk": self.pk, "sk": self.sk, "kind": "draft", "flow": self.flow.name,
                          "steps": steps, "updated_at": now})
        if self.flow.expires_after_days is not None:
            user_id = self.pk.removeprefix("USER#")
            self.records.put({"pk": age_key(self.flow, now), "sk": user_id, "user_id": user_id,
                              "expires_at": now + (self.flow.expires_after_days + 10) * 86400})

    def updated_at(self) -> int | None:
        item = self.records.get(self.pk, self.sk)
        return int(item["updated_at"]) if item else None

    def discard(self) -> Delete:
        return Delete(self.pk, self.sk, if_present=True)


def age_key(flow: Flow, epoch: int) -> str:
    """The partition of the drafts of ``flow`` saved on the (Europe/Paris) day of ``epoch``."""
    return f"DRAFT-AGE#{flow.name}#{dt.datetime.fromtimestamp(epoch, PARIS).date().isoformat()}"


def stored_values(form: KitForm, formdata: FormData) -> dict[str, list[str]]:
    """What a draft keeps of a submitted step: every field as typed, but no password or file."""
    values: dict[str, list[str]] = {}
    for field in form:
        if isinstance(field, GroupField):
            values.update(group_values(field))
            continue
        if isinstance(field, (PasswordField, FileField)):
            continue
        names = [f"{field.name}-{part}" for part in field.PARTS] if isinstance(field, PartsField) else [field.name]
        for name in names:
            if name in formdata:
                values[name] = formdata.getlist(name)
    return values


def form_from_values(form_class: type[KitForm], values: dict[str, list[str]] | None) -> KitForm:
    """The step's form bound to values a draft or a request keeps (``stored_values``), as if they
    had just been sent: each group comes back with them (a counsellor's correction uses it)."""
    return form_class(FormData(fields={k: list(v) for k, v in (values or {}).items()}) if values else None)


def _form_from(step: Step, values: dict[str, list[str]] | None) -> KitForm:
    return form_from_values(step.form, values)


def status_of(steps: dict[str, dict[str, Any]], slug: str) -> str:
    return steps.get(slug, {}).get("status", NOT_STARTED)


def summary_rows(flow: Flow, steps: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of « check your answers »: each field's label and value, « Modifier » leading
    back to its step and naming the field."""
    rows = []
    for step in flow.steps:
        form = _form_from(step, steps.get(step.slug, {}).get("values"))
        for field in form:
            if isinstance(field, GroupField):
                rows.extend(group_rows(flow, step, field))
                continue
            if isinstance(field, (PasswordField, FileField)) or field.type in {"HiddenField", "CSRFTokenField"}:
                continue
            rows.append({"key": field.label.text, "value": display_value(field), "step": step.title,
                         "change_url": f"{flow.base}/{step.slug}#{getattr(field, 'anchor_id', field.id)}",
                         "change_name": field.label.text[:1].lower() + field.label.text[1:]})
    return rows


def group_rows(flow: Flow, step: Step, group: GroupField) -> list[dict[str, Any]]:
    """A row per group (« Emploi 2 »), each of its answered fields on a line « Label : value »;
    one row saying there is none when the list is empty."""
    url = f"{flow.base}/{step.slug}"
    if not group.entries:
        return [{"key": group.label.text, "value": group.empty_text, "step": step.title,
                 "change_url": f"{url}#{group.id}",
                 "change_name": group.label.text[:1].lower() + group.label.text[1:]}]
    rows = []
    for number, entry in enumerate(group.entries, start=1):
        lines = []
        for field in entry.form:
            if isinstance(field, (PasswordField, FileField)) or field.type in {"HiddenField", "CSRFTokenField"}:
                continue
            value = display_value(field)
            text = ", ".join(value) if isinstance(value, list) else value
            if text:
                lines.append(f"{field.label.text} : {text}")
        title = group.item_title(number)
        rows.append({"key": title, "value": lines, "step": step.title, "change_url": f"{url}#{entry.id}",
                     "change_name": title[:1].lower() + title[1:]})
    return rows


def display_value(field: Any) -> str | list[str]:
    if hasattr(field, "display"):  # a field that tells its value itself (an amount in euros)
        return str(field.display())
    if isinstance(field, DateField):
        return field.data.strftime("%d/%m/%Y") if field.data else ""
    if isinstance(field, MonthField):
        return month_label(field.data or "")
    choices = getattr(field, "choices", None)
    if choices is not None:
        labels = {str(choice.value): choice.label for choice in field.iter_choices()}
        data = field.data if isinstance(field.data, list) else [field.data]
        return [labels.get(str(value), str(value)) for value in data if value not in (None, "")]
    if field.type == "BooleanField":
        return "Oui" if field.data else "Non"
    return "" if field.data is None else str(field.data)


def steps_router(flow: Flow, router: AreaRouter, on_submit: Callable[[Context, Submission], Response], *,
                 mount: str = "") -> None:
    """Declare the flow's routes on ``router`` (whose guard decides who may use it), which
    the application includes with the prefix ``mount``."""
    total = len(flow.steps)
    trail = ((flow.title, flow.base),)

    def drafts(ctx: Context) -> Drafts:
        return Drafts(ctx.services.records, flow, ctx.user_id or "")

    def task_list(ctx: Context) -> Response:
        steps = drafts(ctx).load()
        tasks = [{"title": step.title, "url": f"{flow.base}/{step.slug}", "status": status_of(steps, step.slug),
                  "done": status_of(steps, step.slug) == DONE} for step in flow.steps]
        done = sum(1 for step in flow.steps if status_of(steps, step.slug) == DONE)
        return ctx.render("services/steps/task_list.html", ctx.page(flow.base, flow.title), flow=flow, tasks=tasks,
                          done=done, total=total, check_url=f"{flow.base}/{CHECK_SLUG}")

    def step_page(ctx: Context, etape: str) -> Response:
        if etape == CHECK_SLUG:
            return check_page(ctx)
        number, step = flow.step(etape)
        store = drafts(ctx)
        steps = store.load()
        if ctx.submitted:
            form = ctx.bind(step.form)
            if change := group_change(form, ctx.form_data(), stored_values(form, ctx.form_data())):
                # « Ajouter » / « Supprimer »: keep what was typed, show the step again at the group.
                store.save_step(step.slug, change.values, _form_from(step, change.values).validate())
                if change.notice:
                    ctx.flash(change.notice, "important" if change.refused else "success")
                anchor = f"#{change.anchor}" if change.anchor else ""
                return ctx.redirect(f"{flow.base}/{step.slug}{anchor}")
            valid = form.validate()
            store.save_step(step.slug, stored_values(form, ctx.form_data()), valid)
            if valid:
                steps[step.slug] = {"status": DONE}
                pending = [s for s in flow.steps if status_of(steps, s.slug) != DONE]
                if ctx.form_data().get("action") == "plus-tard":
                    ctx.flash(f"L'étape « {step.title} » est enregistrée. Vous pourrez reprendre plus tard.")
                    return ctx.redirect(flow.base)
                following = [s for s in flow.steps[number:] if status_of(steps, s.slug) != DONE]
                target = (following or pending)
                return ctx.redirect(f"{flow.base}/{target[0].slug}" if target else f"{flow.base}/{CHECK_SLUG}")
        else:
            saved = steps.get(step.slug, {}).get("values")
            # A step never saved may start from what the account already knows: the step's form
            # may define a classmethod ``prefill(ctx)`` giving values as a draft keeps them.
            prefill = getattr(step.form, "prefill", None)
            form = _form_from(step, saved if saved is not None or prefill is None else prefill(ctx))
        previous = f"{flow.base}/{flow.steps[number - 2].slug}" if number > 1 else flow.base
        next_title = flow.steps[number].title if number < total else flow.check_title
        page = ctx.page(f"{flow.base}/{step.slug}", step.title, trail, caption=f"Étape {number} sur {total}")
        return ctx.render("services/steps/step.html", page, form=form, flow=flow, step=step, number=number,
                          total=total, next_title=next_title, back_url=previous,
                          action=f"{flow.base}/{step.slug}", has_groups=bool(groups_of(form)))

    def check_page(ctx: Context) -> Response:
        store = drafts(ctx)
        steps = store.load()
        if ctx.submitted and not steps:  # a second click of the final button, or a replay
            ctx.flash("Ces réponses ont déjà été envoyées : elles n'ont pas été envoyées une seconde fois.",
                      "important")
            return ctx.redirect(flow.base)
        pending = [step for step in flow.steps if status_of(steps, step.slug) != DONE]
        if pending:
            ctx.flash(f"Terminez d'abord l'étape « {pending[0].title} ».", "important")
            return ctx.redirect(f"{flow.base}/{pending[0].slug}")
        if ctx.submitted:
            data = {}
            for step in flow.steps:
                form = _form_from(step, steps[step.slug]["values"])
                if not form.validate():  # the rules changed since the step was saved
                    ctx.flash(f"Vérifiez l'étape « {step.title} ».", "important")
                    return ctx.redirect(f"{flow.base}/{step.slug}")
                data[step.slug] = form.data
            return on_submit(ctx, Submission(data, store.discard()))
        page = ctx.page(f"{flow.base}/{CHECK_SLUG}", flow.check_title, trail)
        typed = {slug: entry.get("values", {}) for slug, entry in steps.items()}
        return ctx.render("services/steps/check.html", page, flow=flow, rows=summary_rows(flow, steps),
                          situation=flow.check_summary(typed) if flow.check_summary else [],
                          action=f"{flow.base}/{CHECK_SLUG}")

    if not flow.base.startswith(mount):
        raise ValueError(f"{flow.base} is not under {mount}")
    rule = flow.base.removeprefix(mount)
    router.get(rule or "/")(task_list)
    router.route(f"{rule}/<etape>", ["GET", "POST"])(step_page)
