"""The inbox's forms and wording: the filter, the move's choices and checks, the log's lines, the
download name."""

from __future__ import annotations

from espace.candidatures.model import (
    ACCEPTED,
    CANDIDATE,
    INTERVIEW,
    NEW,
    OFFER_FILLED,
    RECRUITER,
    REFUSED,
    REVIEWING,
    SYSTEM,
    WITHDRAWN,
    Application,
    CvUsed,
    Transition,
)
from espace.recruteurs import inbox_view
from espace.recruteurs.inbox_forms import FilterForm, MoveForm, next_states
from espace.web.request import FormData


def form_data(**values: str) -> FormData:
    return FormData(fields={name: [value] for name, value in values.items()})


def application(**changes) -> Application:
    values = {"id": "A" * 16, "kind": "site", "offer_id": "123ABCD", "offer_title": "Vendeur", "company": "Martin",
              "candidate_id": "c1", "cv": CvUsed("personnel", "personnel", "Mon CV", "users/c1/x/cv.pdf",
                                                 "Éloïse CV (final).PDF"),
              "message": "Bonjour", "candidate_name": "Éloïse", "candidate_email": "e@example.fr",
              "candidate_phone": "0612345678", "state": REVIEWING, "recruiter_id": "r1",
              "history": [Transition(NEW, 1_796_000_000, CANDIDATE, "c1"), Transition(REVIEWING, 1_796_000_600,
                                                                                     RECRUITER, "r1")]}
    return Application(**{**values, **changes})


def test_next_states_follow_the_transitions_in_the_inbox_order():
    assert next_states(NEW) == [REVIEWING, INTERVIEW, ACCEPTED, REFUSED]
    assert next_states(REVIEWING) == [INTERVIEW, ACCEPTED, REFUSED]
    assert next_states(INTERVIEW) == [ACCEPTED, REFUSED]
    for final in (ACCEPTED, REFUSED, WITHDRAWN, OFFER_FILLED):
        assert next_states(final) == []


def test_the_filter_counts_each_state_and_keeps_what_it_names():
    counts = {NEW: 2, INTERVIEW: 1, REFUSED: 3}
    form = FilterForm.from_query("a-traiter", counts)
    assert form.validate()
    labels = [choice.label for choice in form.etat.iter_choices()]
    assert labels[0] == "Toutes (6)" and "À traiter : nouvelles, en cours, entretien (3)" in labels
    assert "Refusée (3)" in labels and "Acceptée (0)" in labels
    assert form.keeps(NEW) and form.keeps(INTERVIEW) and not form.keeps(REFUSED)
    assert inbox_view.filter_label(form) == "à traiter"
    every = FilterForm.from_query("", counts)
    assert every.validate() and every.keeps(REFUSED) and inbox_view.filter_label(every) == "toutes"
    one = FilterForm.from_query(REFUSED, counts)
    assert one.validate() and one.keeps(REFUSED) and not one.keeps(NEW)
    assert inbox_view.filter_label(one) == "état « Refusée »"
    wrong = FilterForm.from_query("<script>", counts)
    assert not wrong.validate() and wrong.error_list() == [("etat", "Choisissez un état dans la liste.")]


def test_the_move_form_checks_state_reason_and_sharing():
    assert MoveForm(form_data(etat=INTERVIEW), state=REVIEWING).validate()
    missing = MoveForm(form_data(), state=REVIEWING)
    assert not missing.validate()
    assert missing.error_list() == [("etat-1", "Choisissez le nouvel état de la candidature.")]
    forged = MoveForm(form_data(etat=REVIEWING), state=INTERVIEW)
    assert not forged.validate() and "n'est pas possible" in forged.etat.errors[0]
    refusal = MoveForm(form_data(etat=REFUSED, motif="   "), state=REVIEWING)
    assert not refusal.validate() and refusal.motif.errors == ["Indiquez le motif du refus."]
    unsure = MoveForm(form_data(etat=REFUSED, motif="Trop loin"), state=REVIEWING)
    assert not unsure.validate() and unsure.error_list() == [
        ("partage-1", "Dites si le motif doit être communiqué au candidat.")]
    told = MoveForm(form_data(etat=REFUSED, motif=" Trop loin ", partage="oui"), state=REVIEWING)
    assert told.validate() and told.motif.data == "Trop loin"
    note = MoveForm(form_data(etat=INTERVIEW, motif="Appeler lundi", partage="non"), state=NEW)
    assert note.validate()
    long = MoveForm(form_data(etat=ACCEPTED, motif="x" * 1001, partage="non"), state=REVIEWING)
    assert not long.validate() and long.motif.errors == ["Le motif doit contenir au plus 1000 caractères."]


def test_the_shown_version_is_a_small_number_or_nothing():
    assert MoveForm(form_data(version="3"), state=NEW).shown_version == 3
    for value in ("", "-1", "x", "99999", "3.0"):
        assert MoveForm(form_data(version=value), state=NEW).shown_version is None


def test_the_log_says_who_did_what():
    app = application(history=[*application().history, Transition(INTERVIEW, 1_796_001_000, RECRUITER, "r2"),
                                Transition(OFFER_FILLED, 1_796_002_000, SYSTEM, "", "Pourvue", False)])
    lines = inbox_view.history(app, "r1")
    assert [line.state for line in lines] == ["Candidature envoyée", "En cours d'examen", "Retenue pour un entretien",
                                              "Offre pourvue"]
    assert [line.who for line in lines] == ["Le candidat", "Vous", "Un autre compte recruteur",
                                            "Le site, à la clôture de l'offre"]
    assert lines[-1].reason == "Pourvue" and not lines[-1].shared


def test_names_notices_and_the_download_name():
    assert inbox_view.candidate_name(application()) == "Éloïse"
    anonymous = application(anonymised=True, candidate_name="", candidate_email="")
    assert inbox_view.candidate_name(anonymous) == inbox_view.ANONYMOUS
    assert "anonymisé" in inbox_view.application_title(anonymous)
    refused = application(state=REFUSED, history=[*application().history,
                                                  Transition(REFUSED, 1, RECRUITER, "r1", "Loin", True)])
    assert inbox_view.moved_notice(refused) == ("La candidature d'Éloïse est passée à l'état « Refusée ». Le "
                                                "candidat en est informé par e-mail et dans « Mes messages », avec "
                                                "le motif.")
    assert inbox_view.moved_notice(application(anonymised=True)) == \
        "La candidature est passée à l'état « En cours d'examen »."
    assert inbox_view.safe_filename(application()) == "Eloise-CV-final.PDF"
    bare = application(cv=CvUsed("complet", "x", "CV", "k", '"; x=.'))
    assert inbox_view.safe_filename(bare) == "x.pdf"
    assert inbox_view.safe_filename(application(cv=CvUsed("complet", "x", "CV", "k", '"";.'))) == "cv.pdf"
    assert inbox_view.of_candidate(application(candidate_name="Camille")) == "de Camille"
    assert inbox_view.of_candidate(application(candidate_name="Hélène")) == "d'Hélène"
    assert inbox_view.application_title(application()) == "Candidature d'Éloïse"
    assert inbox_view.when(1_796_000_000) == "30 novembre 2026 à 01 h 53"  # Paris time
