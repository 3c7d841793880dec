"""The CV document: its record round trip, months of experience, the gauge, the bank's text."""

from __future__ import annotations

from espace.cv.gauge import LOW, PARTS, gauge
from espace.cv.indexing import strip_contact
from espace.cv.model import (
    Attachment,
    Consent,
    Contact,
    Cv,
    Experience,
    Language,
    Layout,
    PersonalCv,
    Target,
    Training,
    WantedPlace,
)


def full_cv() -> Cv:
    return Cv(id="abcdefgh12", title="Soudeur", pitch="Dix ans de soudure TIG.",
              target=Target("12345", "Soudeur / Soudeuse", "H2913", "Soudage manuel", ["Souder à l'arc"],
                            [WantedPlace("commune", "17300", "La Rochelle (17)")], ["CDI"], ["plein"]),
              experiences=[Experience("e1", "Soudeur", "Chantiers de l'Atlantique", "Saint-Nazaire", "2015-03",
                                      "2020-02", "Soudure de coques")],
              trainings=[Training("t1", "CAP Réalisations industrielles", year="2014", level="3")],
              languages=[Language("en", "B1")], licences=["B", "C"], other_skills="Lecture de plans",
              attachment=Attachment("users/u/cv/abcdefgh12/a.pdf", "cv.pdf", "application/pdf", 1200, 17,
                                    "users/u/cv/abcdefgh12/a.txt"),
              layout=Layout("sobre", "formation", True), consent=Consent(True, False),
              typed={"accroche": {"accroche": ["x" * 3]}})


def test_a_cv_survives_its_record():
    cv = full_cv()
    item = cv.to_item("u1")
    assert (item["pk"], item["sk"]) == ("USER#u1", "CV#abcdefgh12")
    assert not any(isinstance(value, float) for value in _leaves(item))  # the records port refuses floats
    assert Cv.from_item(item) == cv


def test_personal_cv_and_contact_survive_their_records():
    personal = PersonalCv("p1", "Mon CV", Attachment("k", "cv.odt", "application/vnd.oasis.opendocument.text", 9, 1))
    assert PersonalCv.from_item(personal.to_item("u1")) == personal
    contact = Contact("Zoé", "Lefèvre", "zoe@example.fr", "06 12 34 56 78")
    assert Contact.from_item(contact.to_item("u1")) == contact
    assert Contact.from_item(None) == Contact()


def test_months_of_experience_count_both_ends_and_current_jobs():
    assert Experience("e", "x", start="2020-01", end="2020-12").months("2026-12") == 12
    assert Experience("e", "x", start="2026-11").months("2026-12") == 2
    assert Experience("e", "x").months("2026-12") == 0


def test_the_gauge_names_what_is_missing():
    assert sum(weight for weight, _, _ in PARTS) == 100
    full = gauge(full_cv())
    assert (full.percent, full.missing, full.low) == (100, (), False)
    empty = gauge(Cv(id="abcdefgh12"))
    assert empty.percent == 0 and empty.low and "une accroche" in empty.missing
    assert empty.text == "Votre CV est complété à 0 %"
    undescribed = full_cv()
    undescribed.experiences[0].description = " "
    assert gauge(undescribed).percent == 85 and gauge(undescribed).missing == (
        "la description des activités de chaque expérience",)
    assert gauge(undescribed).percent >= LOW


def test_contact_data_never_reaches_the_bank_text():
    text = "Zoé, zoe.lefevre+cv@example.fr, tél. 06 12 34 56 78 ou +33 6.12.34.56.78 — 10 ans de soudure en 2015"
    stripped = strip_contact(text)
    assert "@" not in stripped and "06 12" not in stripped and "+33" not in stripped
    assert "10 ans de soudure en 2015" in stripped


def _leaves(value):
    if isinstance(value, dict):
        for inner in value.values():
            yield from _leaves(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _leaves(inner)
    else:
        yield value
