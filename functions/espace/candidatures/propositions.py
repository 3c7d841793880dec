"""« Mes propositions » (/mon-espace/propositions): the offers recruiters propose, accepted or declined.

A proposition is answered once, on a page of its own (« check your answer »): accepting asks
for the name and phone number the recruiter will see (seed: télécandidature needs a phone
number), saved to « Mes coordonnées », then the application enters the recruiter's inbox with
the proposed CV; declining tells the recruiter and nothing else.
"""

from __future__ import annotations

from aws_lambda_powertools.event_handler import Response

from espace.cv.information_forms import check_phone, format_phone
from espace.cv.service import CvBook
from espace.recruteurs.model import owner_of
from espace.recruteurs.proposals import ACCEPTED, PENDING, Answered, Proposal, ProposalDesk
from espace.text import plural
from espace.web.auth import AreaRouter
from espace.web.context import Context
from espace.web.errors import NotFoundError
from espace.web.forms import KitForm, RadioField, StringField, choices, length, required, rule, strip
from espace.web.panels import PanelView, panel

router = AreaRouter(roles={"candidat"})

PATH = "/mon-espace/propositions"
TRAIL = (("Mon espace", "/mon-espace"),)
NOT_FOUND = "Cette proposition n'existe pas, ou elle ne vous est pas adressée."
ACCEPT, DECLINE = "accepter", "refuser"
CHOICES = ((ACCEPT, "J'accepte : ma candidature est envoyée au recruteur avec ce CV et mes coordonnées"),
           (DECLINE, "Je refuse : le recruteur est averti, sans connaître mes coordonnées"))


class AnswerForm(KitForm):
    choix = RadioField("Votre réponse", choices=choices(CHOICES), validate_choice=False,
                       validators=[required("Choisissez votre réponse : accepter ou refuser la proposition."),
                                   rule(lambda v: None if v in dict(CHOICES) else
                                        "Choisissez votre réponse : accepter ou refuser la proposition.")])
    prenom = StringField("Prénom", [length(80, "Le prénom")], filters=[strip],
                         description="Si vous acceptez : le recruteur verra votre nom.")
    nom = StringField("Nom", [length(80, "Le nom")], filters=[strip])
    telephone = StringField("Téléphone", [rule(check_phone)], filters=[strip],
                            description="Si vous acceptez : le numéro où le recruteur pourra vous joindre, par "
                                        "exemple 06 12 34 56 78.")

    def check_accept(self) -> bool:
        """Accepting needs the name and phone number the recruiter will see."""
        if self.choix.data != ACCEPT:
            return True
        for name, message in (("prenom", "Saisissez votre prénom : le recruteur le verra si vous acceptez."),
                              ("nom", "Saisissez votre nom : le recruteur le verra si vous acceptez."),
                              ("telephone", "Saisissez votre numéro de téléphone : le recruteur vous joindra à ce "
                                            "numéro si vous acceptez.")):
            if not self[name].data and not self[name].errors:
                self.add_error(name, message)
        return not self.has_errors


def _proposal_or_404(ctx: Context, proposal_id: str) -> tuple[ProposalDesk, Proposal]:
    desk = ProposalDesk(ctx.services)
    proposal = desk.get(ctx.user_id or "", proposal_id)
    if proposal is None:
        raise NotFoundError(NOT_FOUND, title="Proposition introuvable")
    return desk, proposal


def _offer_open(ctx: Context, proposal: Proposal) -> bool:
    owner = owner_of(ctx.services.records, proposal.offer_id)
    return owner is not None and owner.open


@router.get("/propositions")
def received(ctx: Context) -> Response:
    proposals = ProposalDesk(ctx.services).received(ctx.user_id or "")
    page = ctx.page(PATH, "Mes propositions", TRAIL)
    return ctx.render("services/propositions/list.html", page,
                      waiting=[p for p in proposals if p.state == PENDING],
                      answered=[p for p in proposals if p.state != PENDING])


@router.get("/propositions/<proposal_id>")
def detail(ctx: Context, proposal_id: str) -> Response:
    _desk, proposal = _proposal_or_404(ctx, proposal_id)
    page = ctx.page(f"{PATH}/{proposal.id}", f"Proposition : {proposal.offer_title}",
                    (*TRAIL, ("Mes propositions", PATH)))
    return ctx.render("services/propositions/detail.html", page, proposal=proposal,
                      offer_open=_offer_open(ctx, proposal))


@router.route("/propositions/<proposal_id>/reponse", ["GET", "POST"])
def answer(ctx: Context, proposal_id: str) -> Response:
    desk, proposal = _proposal_or_404(ctx, proposal_id)
    url = f"{PATH}/{proposal.id}"
    if not proposal.pending:
        ctx.flash("Vous avez déjà répondu à cette proposition.", "info")
        return ctx.redirect(url)
    book = CvBook(ctx.services, ctx.user_id or "")
    contact = book.contact()
    chosen = ctx.request.query("choix")
    form = ctx.bind(AnswerForm, choix=chosen if chosen in dict(CHOICES) else None, prenom=contact.first_name,
                    nom=contact.last_name, telephone=contact.phone)
    page = ctx.page(f"{url}/reponse", "Répondre à la proposition",
                    (*TRAIL, ("Mes propositions", PATH), (proposal.offer_title, url)))
    offer_open = _offer_open(ctx, proposal)

    def again() -> Response:
        return ctx.render("services/propositions/answer.html", page, form=form, proposal=proposal,
                          offer_open=offer_open)

    if not (ctx.submitted and form.validate() and form.check_accept()):
        return again()
    if form.choix.data == DECLINE:
        outcome = desk.decline(proposal)
    else:
        if not offer_open:
            form.add_error("choix", "Cette offre n'est plus en ligne : vous ne pouvez plus l'accepter. Vous pouvez "
                                    "refuser la proposition, ou la laisser sans réponse.")
            return again()
        contact.first_name, contact.last_name = form.prenom.data or "", form.nom.data or ""
        contact.phone = format_phone(form.telephone.data or "")
        book.save_contact(contact)
        outcome = desk.accept(proposal)
    if outcome is Answered.OFFER_CLOSED:
        form.add_error("choix", "Cette offre n'est plus en ligne : vous ne pouvez plus l'accepter. Vous pouvez "
                                "refuser la proposition, ou la laisser sans réponse.")
        return again()
    if outcome is Answered.CV_GONE:
        form.add_error("choix", "Le CV que le recruteur a consulté n'existe plus : vous ne pouvez pas accepter avec "
                                "lui. Postulez depuis la page de l'offre avec un autre CV, ou refusez la proposition.")
        return again()
    if outcome is Answered.ALREADY:
        ctx.flash("Vous avez déjà répondu à cette proposition.", "info")
    elif form.choix.data == ACCEPT:
        ctx.flash("Vous avez accepté la proposition : votre candidature est envoyée au recruteur. Suivez-la dans "
                  "« Mes candidatures ».")
    else:
        ctx.flash("Vous avez refusé la proposition. Le recruteur en est averti.")
    return ctx.redirect(url)


@panel("propositions", "Mes propositions", order=45)
def propositions_panel(ctx: Context) -> PanelView:
    proposals = ProposalDesk(ctx.services).received(ctx.user_id or "")
    waiting = sum(1 for p in proposals if p.state == PENDING)
    lines = []
    if waiting:
        lines.append(f"{plural(waiting, 'proposition')} en attente de votre réponse.")
    elif proposals:
        lines.append(f"{plural(len(proposals), 'proposition')} reçue{'s' if len(proposals) > 1 else ''}, "
                     "toutes avec votre réponse.")
    else:
        lines.append("Aucune proposition pour l'instant : les recruteurs vous en adressent depuis la banque de CV "
                     "quand un de vos CV y est publié.")
    since = ctx.previous_visit
    changes = [f"Nouvelle proposition : « {p.offer_title} » ({p.company})." for p in proposals
               if since is not None and p.created_at > since]
    accepted = sum(1 for p in proposals if p.state == ACCEPTED)
    if accepted:
        lines.append(f"{plural(accepted, 'proposition')} acceptée{'s' if accepted > 1 else ''}.")
    return PanelView(lines=lines, links=[("Voir mes propositions", PATH)], changes=changes)
