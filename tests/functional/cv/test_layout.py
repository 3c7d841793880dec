"""Étape « Mise en page » and the CV's PDF, through the accounts function on both profiles."""

from __future__ import annotations

import io

from pypdf import PdfReader

from espace.bootstrap import get_services
from espace.cv.service import CvBook
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.cv.helpers import candidate_with_cv, get_bytes


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_the_page_shows_the_step_the_choices_and_the_preview(platform):
    client, _, cv_id = candidate_with_cv(platform, "mise@example.fr")
    page = client.get(f"/mon-espace/cv/{cv_id}/mise-en-page")
    assert page.status == 200
    html = page.html
    assert html.xpath("//title")[0].text.startswith("Étape 3 sur 4 : Mise en page")
    assert len(html.xpath("//h1")) == 1
    assert html.xpath('//input[@name="modele"][@value="classique"][@checked]')
    assert html.xpath('//input[@name="ordre"][@value="experience"][@checked]')
    preview = html.xpath('//div[@class="cv-preview"]/article')[0]
    assert "cv-doc--classique" in preview.get("class")
    assert preview.xpath(".//h3")[0].text_content() == "Jeanne Dupré"  # one level under « Aperçu » (h2)
    text = " ".join(preview.text_content().split())
    assert text.index("Expériences professionnelles") < text.index("Formations")
    assert "06 12 34 56 78" in text and "Boulangère tourière" in text
    assert not html.xpath("//dl") and not html.xpath("//figure")
    link = html.xpath('//a[starts-with(., "Visualiser mon CV (PDF)")]/@href')[0]
    assert link == f"/mon-espace/cv/{cv_id}/cv.pdf?modele=classique&ordre=experience"


def test_the_preview_button_shows_a_layout_without_saving_it(platform):
    client, user_id, cv_id = candidate_with_cv(platform, "apercu@example.fr")
    page = client.post(f"/mon-espace/cv/{cv_id}/mise-en-page", {"modele": "colonnes", "ordre": "formation",
                                                                 "action": "apercu"})
    assert page.status == 200 and "pas encore enregistré" in page.text()
    preview = page.html.xpath('//div[@class="cv-preview"]/article')[0]
    assert "cv-doc--colonnes" in preview.get("class")
    text = " ".join(preview.text_content().split())
    assert text.index("Formations") < text.index("Expériences professionnelles")
    assert page.html.xpath('//input[@name="modele"][@value="colonnes"][@checked]')
    assert page.html.xpath('//a[starts-with(., "Visualiser mon CV (PDF)")]/@href') == [
        f"/mon-espace/cv/{cv_id}/cv.pdf?modele=colonnes&ordre=formation"]
    cv = CvBook(get_services(), user_id).get(cv_id)
    assert (cv.layout.model, cv.layout.order, cv.layout.chosen) == ("classique", "experience", False)


def test_saving_the_layout_marks_the_step_done_and_the_pdf_follows_it(platform):
    client, user_id, cv_id = candidate_with_cv(platform, "enregistre@example.fr")
    done = client.post(f"/mon-espace/cv/{cv_id}/mise-en-page", {"modele": "sobre", "ordre": "formation"})
    assert done.status == 303 and done.location == f"/mon-espace/cv/{cv_id}"
    again = client.post(f"/mon-espace/cv/{cv_id}/mise-en-page", {"modele": "sobre", "ordre": "formation"})
    assert again.status == 303  # a second click changes nothing more
    cv = CvBook(get_services(), user_id).get(cv_id)
    assert (cv.layout.model, cv.layout.order, cv.layout.chosen) == ("sobre", "formation", True)
    page = client.get(f"/mon-espace/cv/{cv_id}/mise-en-page")
    assert page.html.xpath('//input[@name="modele"][@value="sobre"][@checked]')

    status, headers, data = get_bytes(client, f"/mon-espace/cv/{cv_id}/cv.pdf")
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"] == 'inline; filename="cv-boulangere-confirmee.pdf"'
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "Jeanne Dupré" in text and "06 12 34 56 78" in text  # the candidate's own copy
    assert text.index("Formations") < text.index("Expériences professionnelles")
    fonts = {str(f["/BaseFont"]) for f in PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"].values()}
    assert any("Serif" in font for font in fonts)  # « sobre »
    _, _, other = get_bytes(client, f"/mon-espace/cv/{cv_id}/cv.pdf?modele=classique&ordre=experience")
    other_text = pdf_text(other)
    assert other_text.index("Expériences professionnelles") < other_text.index("Formations")
    _, _, fallback = get_bytes(client, f"/mon-espace/cv/{cv_id}/cv.pdf?modele=inconnu&ordre=%3Cx%3E")
    assert pdf_text(fallback).index("Formations") < pdf_text(fallback).index("Expériences professionnelles")


def test_a_forged_choice_gets_a_french_message_and_is_kept(platform):
    client, user_id, cv_id = candidate_with_cv(platform, "forge@example.fr")
    page = client.post(f"/mon-espace/cv/{cv_id}/mise-en-page", {"modele": "baroque", "ordre": "<b>"})
    assert page.status == 400
    assert page.html.xpath("//title")[0].text.startswith("Erreur : Étape 3 sur 4")
    assert page.field_error("ordre") == ("Erreur : Choisissez l'ordre des rubriques : expérience ou formation "
                                         "en premier.")
    assert page.field_error("modele") == "Erreur : Choisissez un des trois modèles proposés."
    cv = CvBook(get_services(), user_id).get(cv_id)
    assert cv.typed["mise-en-page"] == {"modele": ["baroque"], "ordre": ["<b>"]} and not cv.layout.chosen
    assert client.get(f"/mon-espace/cv/{cv_id}/mise-en-page").status == 200  # the typed values do not break it


def test_without_contact_details_the_page_says_where_to_give_them(platform):
    client, _, cv_id = candidate_with_cv(platform, "sanscoord@example.fr", with_contact=False)
    page = client.get(f"/mon-espace/cv/{cv_id}/mise-en-page")
    assert f"/mon-espace/cv/{cv_id}/informations/coordonnees" in page.body
    assert page.html.xpath('//div[@class="cv-preview"]//h3')[0].text_content() == "Boulangère confirmée"
    _, _, data = get_bytes(client, f"/mon-espace/cv/{cv_id}/cv.pdf")
    assert "Coordonnées" not in pdf_text(data)


def test_another_accounts_cv_is_a_404_and_visitors_sign_in(platform):
    _, _, cv_id = candidate_with_cv(platform, "proprio@example.fr")
    other = signed_in_client(platform, "curieux@example.fr")
    assert other.get(f"/mon-espace/cv/{cv_id}/mise-en-page").status == 404
    assert other.post(f"/mon-espace/cv/{cv_id}/mise-en-page", {"modele": "sobre", "ordre": "formation"},
                      csrf=other.csrf_token("/mon-espace")).status == 404
    assert get_bytes(other, f"/mon-espace/cv/{cv_id}/cv.pdf")[0] == 404
    assert other.get("/mon-espace/cv/pas-un-id/cv.pdf").status == 404
    visitor = platform.client()
    assert visitor.get(f"/mon-espace/cv/{cv_id}/cv.pdf").location.startswith("/connexion?retour=")
    assert user_id_of("curieux@example.fr")


def test_without_a_token_nothing_is_saved(platform):
    client, user_id, cv_id = candidate_with_cv(platform, "jeton@example.fr")
    refused = client.post(f"/mon-espace/cv/{cv_id}/mise-en-page", {"modele": "sobre", "ordre": "formation"},
                          csrf=False)
    assert refused.status == 403
    assert CvBook(get_services(), user_id).get(cv_id).layout.model == "classique"
