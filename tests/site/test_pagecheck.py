"""The structural page checks catch what they are meant to catch (they guard every page)."""

from tests.pagecheck import page_problems

SUMMARY = ('<div class="error-summary" role="alert" tabindex="-1" data-error-summary><h2>1 erreur</h2>'
           '<ul><li><a href="#q">Saisissez un mot</a></li></ul></div>')


def page(title: str = "Recherche – Espace candidat", body: str = "", footer: str = '<footer id="pied" tabindex="-1">',
         skips: str = '<a href="#contenu">Aller au contenu</a><a href="#pied">Aller au pied de page</a>') -> str:
    return (f'<!doctype html><html lang="fr"><head><title>{title}</title></head><body>{skips}'
            f'<main id="contenu" tabindex="-1"><h1>Recherche</h1>{body}'
            '<label for="q">Mot</label><input id="q" name="q"></main>'
            f'{footer}<p>Pied</p></footer></body></html>')


def test_a_well_formed_page_passes():
    assert page_problems(page()) == []
    assert page_problems(page("Erreur : Recherche – Espace candidat", SUMMARY)) == []


def test_a_page_with_form_errors_says_so_first_in_its_title():
    assert page_problems(page(body=SUMMARY)) == [
        "the page shows form errors but its <title> 'Recherche – Espace candidat' does not begin with 'Erreur : '"]
    assert page_problems(page("Erreur : Recherche – Espace candidat")) == [
        "<title> 'Erreur : Recherche – Espace candidat' announces errors the page does not show"]


def test_the_title_still_begins_with_the_h1_after_the_error_prefix():
    assert page_problems(page("Erreur : Autre chose – Espace candidat", SUMMARY)) == [
        "<title> 'Erreur : Autre chose – Espace candidat' does not begin with the h1 'Recherche'"]


def test_every_skip_link_lands_on_an_element_that_takes_focus():
    assert page_problems(page(footer='<footer id="pied">')) == [
        "skip link target '#pied' (footer) does not take focus: add tabindex=\"-1\""]
    assert page_problems(page(skips='<a href="#contenu">Contenu</a><a href="#absent">Pied</a>')) == [
        "skip link target '#absent' does not exist"]
    # A form field is focusable as it is.
    assert page_problems(page(skips='<a href="#q">Aller à la recherche</a>')) == []
