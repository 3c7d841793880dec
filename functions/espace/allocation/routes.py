"""« Mon outil de simulation »: GET /simulateur-allocation, public (signed in or not).

A GET form: a simulation changes nothing, and its result can be bookmarked, shared and sent back
to with the browser's history, with JavaScript off. The page without a query is the empty form;
with one, the form keeps every value typed and shows either its errors (400) or the estimate,
each step of the calculation told in a sentence, from the engine's intermediate figures.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from aws_lambda_powertools.event_handler import Response

from espace.allocation import engine, explain
from espace.allocation.figures import Figures, load
from espace.allocation.forms import FIELDS, SimulatorForm, read
from espace.text import euros, french_date
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.request import FormData

router = AreaRouter()

PATH = "/simulateur-allocation"
TITLE = "Mon outil de simulation de l'allocation chômage"
QUERY_CUT = 1000  # characters kept of each field of the query: the form's own rules name what is too long


@lru_cache(maxsize=4)
def figures_in(data_dir: str) -> Figures:
    return load(Path(data_dir) / "allocation")


@router.get(PATH)
def simulator(ctx: Context) -> Response:
    figures = figures_in(str(ctx.services.settings.data_dir))
    asked = any(name in (ctx.request.event.query_string_parameters or {}) for name in FIELDS)
    form = SimulatorForm(FormData({name: [ctx.request.query(name)[:QUERY_CUT]] for name in FIELDS})
                         if asked else None)
    inputs = read(form, figures) if asked else None
    estimate = engine.allocation(figures, inputs.total, inputs.days, inputs.age) if inputs else None
    month = (engine.cumul(figures, estimate.daily, estimate.sjr, inputs.pay)
             if estimate and inputs and inputs.pay is not None else None)
    page = ctx.page(PATH, f"{TITLE} : résultat" if estimate else TITLE)
    return ctx.render("services/allocation/simulator.html", page, form=form, estimate=estimate, month=month,
                      figures=figures, euros=euros, effective=french_date(figures.effective),
                      steps=explain.estimate_steps(figures, estimate) if estimate else [],
                      duration=(f"{explain.days(estimate.duration)}, soit "
                                f"{explain.months(estimate.duration, figures.days_per_month)}" if estimate else ""),
                      month_steps=explain.month_steps(figures, month, estimate.sjr) if month and estimate else [],
                      status=400 if form.errors else 200)
