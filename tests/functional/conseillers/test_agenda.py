"""The agency's agenda through the counsellor's pages: a week, opening slots in bulk within the
agency's hours (errors told on their field, nothing opened), closing a free slot (a booked one
cannot be), the day's appointments."""

from __future__ import annotations

import datetime as dt

from espace import clock
from tests.functional.conseillers.helpers import at, book, date_fields, next_monday, token
from tests.functional.inscription.helpers import counsellor_client, sent_request


def _agenda(agency_id: str = "17"):
    from espace.agences.agenda import AgencyAgenda
    from espace.bootstrap import get_services

    return AgencyAgenda(get_services().records, agency_id)


def _opening(monday: dt.date, **changes):
    data = {**date_fields("premier_jour", monday), **date_fields("dernier_jour", monday + dt.timedelta(days=4)),
            "jours": ["1", "2"], "debut": "09:00", "fin": "10:00", "duree": "30"}
    data.update(changes)
    return data


def test_opening_slots_in_bulk_tells_the_count_and_a_second_click_opens_nothing_more(platform):
    client = counsellor_client(platform, "conseil@example.org")
    monday = next_monday()
    form = client.get("/conseiller/agenda/ouverture")
    assert form.status == 200 and "lundi : 8 h 30 à 12 h 30 et 13 h 30 à 16 h 30" in form.text()
    csrf = token(client)
    sent = client.post("/conseiller/agenda/ouverture", _opening(monday), csrf=csrf)
    assert sent.status == 303 and sent.location.endswith(f"/conseiller/agenda?semaine={monday.isoformat()}")
    week = client.get(f"/conseiller/agenda?semaine={monday.isoformat()}")
    assert "4 créneaux ouverts du lundi" in week.text()
    assert [slot.key[-5:] for slot in _agenda().day(monday)] == ["09:00", "09:30"]
    assert len(_agenda().day(monday + dt.timedelta(days=1))) == 2
    assert _agenda().day(monday + dt.timedelta(days=2)) == []  # Wednesday not ticked
    again = client.post("/conseiller/agenda/ouverture", _opening(monday), csrf=csrf)
    assert again.status == 303
    told = client.get(again.location.removeprefix("http://127.0.0.1:8000")).text()
    assert "Aucun nouveau créneau ouvert." in told and "4 créneaux étaient déjà ouverts ou réservés" in told
    assert len(_agenda().day(monday)) == 2
    # The week's tables: a caption per day, each slot with its state and a « Fermer » button naming it.
    html = week.html
    assert html.xpath("//table/caption[starts-with(normalize-space(), 'Créneaux du lundi')]")
    assert html.xpath("//th[@scope='row'][normalize-space()='9 h 00']")
    assert "Libre" in week.text()


def test_a_span_across_the_lunch_break_skips_the_break_and_says_so(platform):
    client = counsellor_client(platform, "conseil@example.org")
    monday = next_monday()
    sent = client.post("/conseiller/agenda/ouverture",
                       _opening(monday, jours=["1"], debut="12:00", fin="14:30", dernier_jour_jour=None,
                                **date_fields("dernier_jour", monday)))
    assert sent.status == 303
    told = client.get(sent.location.removeprefix("http://127.0.0.1:8000")).text()
    assert "3 créneaux ouverts" in told and "2 créneaux tombaient en dehors des horaires" in told
    assert [slot.key[-5:] for slot in _agenda().day(monday)] == ["12:00", "13:30", "14:00"]


def test_errors_are_told_on_their_field_and_nothing_is_opened(platform):
    client = counsellor_client(platform, "conseil@example.org")
    monday = next_monday()
    csrf = token(client)
    cases = [
        (_opening(monday, jours=["1", "6"]), "jours", "L'agence est fermée le samedi : décochez ce jour."),
        (_opening(monday, debut="07:30"), "debut", "Le lundi, l'agence ouvre à 8 h 30"),
        (_opening(monday, jours=["5"], fin="16:00", debut="15:00"), "fin", "Le vendredi, l'agence ferme à 15 h 30"),
        (_opening(monday, fin="09:00"), "fin", "L'heure de fin doit être après"),
        (_opening(monday, fin="09:15", duree="30"), "fin", "n'a pas la place"),
        ({**_opening(monday), **date_fields("dernier_jour", monday - dt.timedelta(days=1))}, "dernier_jour-jour",
         "Le dernier jour doit être le premier jour ou un jour suivant."),
        ({**_opening(monday), **date_fields("premier_jour", monday - dt.timedelta(days=8))}, "premier_jour-jour",
         "Le premier jour est passé"),
        ({**_opening(monday), **date_fields("dernier_jour", monday + dt.timedelta(days=90))}, "dernier_jour-jour",
         "au plus 62 jours à l'avance"),
        (_opening(monday, jours=[]), "jours", "Cochez au moins un jour de la semaine."),
        (_opening(monday, duree="7"), "duree", "Choisissez une durée dans la liste"),
        (_opening(monday, debut="25:00"), "debut", "Choisissez l'heure du premier rendez-vous dans la liste."),
        (_opening(monday, jours=["9"]), "jours", "Une des cases envoyées n'existe pas"),
        ({**_opening(monday), "premier_jour-jour": "31", "premier_jour-mois": "2"}, "premier_jour-jour",
         "doit être une date réelle"),
        # The farthest last day allowed (62 days from today, whatever the weekday): over 400 slots.
        ({**_opening(monday), **date_fields("dernier_jour", clock.today() + dt.timedelta(days=62)),
          "jours": ["1", "2", "3"],
          "debut": "08:30", "fin": "16:30", "duree": "15"}, "dernier_jour-jour", "400 au plus en une fois"),
    ]
    for data, field, message in cases:
        page = client.post("/conseiller/agenda/ouverture", data, csrf=csrf)
        assert page.status == 400, (field, page.status)
        assert message in " ".join(page.error_summary()), (field, page.error_summary())
        assert page.html.xpath("//title")[0].text_content().startswith("Erreur")
    # 10 KB in a field: the kit's own refusal, a clear 400.
    assert client.post("/conseiller/agenda/ouverture", _opening(monday, debut="x" * 10_000), csrf=csrf).status == 400
    assert _agenda().free(0, limit=1) == []
    # Values kept as typed.
    page = client.post("/conseiller/agenda/ouverture", _opening(monday, jours=["1", "6"]), csrf=csrf)
    assert page.html.xpath("//input[@name='jours'][@value='6']/@checked")
    assert page.html.xpath("//input[@name='premier_jour-jour']/@value") == [str(monday.day)]


def test_closing_a_free_slot_and_not_a_booked_one(platform):
    client = counsellor_client(platform, "conseil@example.org")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    monday = next_monday()
    free, taken = at(monday, 9), at(monday, 10)
    _agenda().open([free], 30, "test")
    book(registration, taken)
    csrf = token(client)
    week = client.get(f"/conseiller/agenda?semaine={monday.isoformat()}")
    assert "Réservé : Camille DURAND" in week.text()
    assert week.html.xpath(f"//a[@href='/conseiller/demandes/{registration.reference}']")
    key = f"{monday.isoformat()}T09:00"
    assert week.html.xpath(f"//form[@action='/conseiller/agenda/{key}/fermeture']")
    assert not week.html.xpath(f"//form[@action='/conseiller/agenda/{monday.isoformat()}T10:00/fermeture']")
    closed = client.post(f"/conseiller/agenda/{key}/fermeture", {}, csrf=csrf)
    assert closed.status == 303 and _agenda().get(free) is None
    assert client.post(f"/conseiller/agenda/{key}/fermeture", {}, csrf=csrf).status == 404  # already closed
    refused = client.post(f"/conseiller/agenda/{monday.isoformat()}T10:00/fermeture", {}, csrf=csrf)
    assert refused.status == 409 and "il ne peut pas être fermé" in refused.text()
    assert _agenda().get(taken).booked
    for made_up in ("demain", "2026-13-45T10:00", "x" * 5000, f"{monday.isoformat()}T10:00:00"):
        assert client.post(f"/conseiller/agenda/{made_up}/fermeture", {}, csrf=csrf).status == 404


def test_the_week_and_the_day_read_made_up_values_as_the_current_ones(platform):
    client = counsellor_client(platform, "conseil@example.org")
    for url in ("/conseiller/agenda?semaine=" + "9" * 5000, "/conseiller/agenda?semaine=hier",
                "/conseiller/rendez-vous?jour=2026-02-31"):
        page = client.get(url)
        assert page.status == 200 and "n'existe pas" in page.text()


def test_the_days_appointments_list_the_candidate_and_link_the_request(platform):
    client = counsellor_client(platform, "conseil@example.org")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    monday = next_monday()
    book(registration, at(monday, 14))
    page = client.get(f"/conseiller/rendez-vous?jour={monday.isoformat()}")
    assert page.status == 200
    rows = page.html.xpath("//table/tbody/tr")
    assert len(rows) == 1 and "14 h 00" in rows[0].text_content() and "Camille DURAND" in rows[0].text_content()
    assert page.html.xpath(f"//a[@href='/conseiller/demandes/{registration.reference}']")
    empty = client.get(f"/conseiller/rendez-vous?jour={(monday + dt.timedelta(days=1)).isoformat()}")
    assert "Aucun rendez-vous ce jour-là." in empty.text()


def test_another_agency_sees_none_of_it(platform):
    paris = counsellor_client(platform, "paris@example.org", agency_id="75", ip="198.51.100.20")
    _candidate, registration = sent_request(platform, "candidat@example.org")
    monday = next_monday()
    book(registration, at(monday, 9))
    week = paris.get(f"/conseiller/agenda?semaine={monday.isoformat()}")
    assert "Camille DURAND" not in week.text()
    refused = paris.post(f"/conseiller/agenda/{monday.isoformat()}T09:00/fermeture", {}, csrf=token(paris))
    assert refused.status == 404 and _agenda().get(at(monday, 9)).booked
    day = paris.get(f"/conseiller/rendez-vous?jour={monday.isoformat()}")
    assert "Camille DURAND" not in day.text()
