"""Étape 3 sur 4, « Mise en page » (the seed's étape 2): three layouts, two orders, a preview, the PDF.

The preview is the PDF's own body template (``services/cv/document/body.html``) inside the page,
with headings one level lower, so what the candidate sees is what the PDF holds. Without
JavaScript, « Voir l'aperçu » shows the chosen layout without saving it; « Enregistrer » saves it.
``GET /cv/<cv>/cv.pdf`` is the candidate's own copy, with the contact details; it takes the
layout to show from the query (the link under the preview), else the CV's own.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.cv import pdf
from espace.cv.common import cv_or_404, cv_url, step_context, step_page
from espace.cv.model import LAYOUTS, ORDERS, Layout
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.forms import KitForm, RadioField, choices, required, rule

router = AreaRouter(roles={"candidat"})
FORM = "mise-en-page"
PREVIEW = "apercu"


class LayoutForm(KitForm):
    # validate_choice off: the rules say what to do in French (WTForms' own message does not).
    modele = RadioField("Modèle de mise en page", choices=choices(LAYOUTS), validate_choice=False,
                        validators=[required("Choisissez un modèle de mise en page."),
                                    rule(lambda value: None if value in dict(LAYOUTS) else
                                         "Choisissez un des trois modèles proposés.")],
                        description="Les trois modèles présentent les mêmes informations.")
    ordre = RadioField("Ordre des rubriques", choices=choices(ORDERS), validate_choice=False,
                       validators=[required("Choisissez l'ordre des rubriques : expérience ou formation en premier."),
                                   rule(lambda value: None if value in dict(ORDERS) else
                                        "Choisissez l'ordre des rubriques : expérience ou formation en premier.")],
                       description="Mettez en premier ce qui parle le mieux de vous : votre expérience, ou votre "
                                   "formation si vous débutez.")


def _layout_from_query(ctx: Context, default: Layout) -> Layout:
    """The layout named in the query (the preview's link to the PDF), when both values are known."""
    model, order = ctx.request.query("modele"), ctx.request.query("ordre")
    if model in dict(LAYOUTS) and order in dict(ORDERS):
        return Layout(model, order, default.chosen)
    return default


@router.route("/cv/<cv_id>/mise-en-page", ["GET", "POST"])
def layout(ctx: Context, cv_id: str) -> Response:
    cvs, cv = cv_or_404(ctx, cv_id)
    typed = cv.typed.get(FORM, {})
    initial = {"modele": (typed.get("modele") or [cv.layout.model])[0],
               "ordre": (typed.get("ordre") or [cv.layout.order])[0]}
    form = ctx.bind(LayoutForm, **initial)
    shown = Layout(cv.layout.model, cv.layout.order, cv.layout.chosen)
    notice = None
    if ctx.submitted:
        if form.validate():
            shown = Layout(form.modele.data, form.ordre.data, True)
            if ctx.form_data().get("action") == PREVIEW:
                notice = "Aperçu du modèle choisi : il n'est pas encore enregistré."
            else:
                cv.layout = shown
                cv.typed.pop(FORM, None)
                cvs.save(cv)
                ctx.flash("La mise en page de votre CV est enregistrée.")
                return ctx.redirect(cv_url(cv))
        else:
            # A draft loses nothing: what was sent is kept as sent (only unknown values can fail here).
            data = ctx.form_data()
            cv.typed[FORM] = {name: data.getlist(name)[:1] for name in ("modele", "ordre")}
            cvs.save(cv)
    page = step_page(ctx, cv, "mise-en-page", "Mise en page")
    contact = cvs.contact()
    preview = pdf.document(cv, contact, shown)
    pdf_link = f"{cv_url(cv, 'cv.pdf')}?modele={preview.model}&ordre={preview.order}"
    return ctx.render("services/cv/layout.html", page, form=form, notice=notice, pdf_link=pdf_link,
                      step=step_context(cv, "mise-en-page"), **preview.context(3))


@router.get("/cv/<cv_id>/cv.pdf")
def cv_pdf(ctx: Context, cv_id: str) -> Response:
    cvs, cv = cv_or_404(ctx, cv_id)
    data = pdf.render(cv, cvs.contact(), _layout_from_query(ctx, cv.layout), settings=ctx.settings)
    return Response(status_code=200, content_type="application/pdf", body=data, headers={
        "Content-Disposition": f'inline; filename="{pdf.pdf_filename(cv)}"', "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff"})
