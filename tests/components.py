"""The component examples of theme/templates/components/examples/, rendered as pages.

Each example in each of its states becomes one HTML file, checked like every page of
the site: structure (tests/unit/espace/web/test_components.py), the Nu Html Checker
(tests/site/test_vnu.py) and axe-core with the reflow check in Chromium
(tests/browser/test_axe_components.py)."""

from __future__ import annotations

from pathlib import Path

from espace.settings import Settings
from espace.web.forms import (
    BooleanField,
    CheckboxesField,
    DateField,
    EmailField,
    FileField,
    KitForm,
    MonthField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    choices,
    file_required,
    length,
    required,
)
from espace.web.pages import Renderer
from espace.web.request import FormData, UploadedFile


class ExampleForm(KitForm):
    nom = StringField("Nom", [required("Saisissez votre nom.")], description="Votre nom de famille")
    courriel = EmailField("Adresse e-mail", [required("Saisissez votre adresse e-mail.")])
    mot_de_passe = PasswordField("Mot de passe", [required("Saisissez un mot de passe.")])
    region = SelectField("Région", [required("Choisissez une région.")],
                         choices=choices([("", "Choisissez une région"), ("84", "Auvergne-Rhône-Alpes"),
                                          ("11", "Île-de-France")]))
    contrat = RadioField("Type de contrat", [required("Choisissez un type de contrat.")],
                         choices=choices([("CDI", "Contrat à durée indéterminée"),
                                          ("CDD", "Contrat à durée déterminée"), ("MIS", "Mission d'intérim")]))
    permis = CheckboxesField("Permis de conduire", [required("Cochez au moins un permis, ou « Aucun ».")],
                             choices=choices([("B", "B"), ("C", "C"), ("aucun", "Aucun")]),
                             description="Cochez tous ceux que vous avez.")
    naissance = DateField("Date de naissance", [required("Saisissez votre date de naissance.")],
                          what="la date de naissance")
    debut = MonthField("Date de début", [required("Saisissez la date de début.")], what="la date de début",
                       earliest_year=1950, no_future=True)
    accroche = TextAreaField("Accroche", [required("Saisissez une accroche."), length(300, "L'accroche")])
    cv = FileField("CV personnel", [file_required("Choisissez le fichier de votre CV.")], extensions=("pdf", "odt"),
                   max_bytes=2 * 1024 * 1024)
    accord = BooleanField("J'accepte que mon CV soit visible des recruteurs",
                          [required("Cochez la case pour continuer.")])


def _form(state: str) -> ExampleForm:
    if state == "vide":
        return ExampleForm()
    if state == "erreurs":
        data = FormData(fields={"nom": [" "], "courriel": [""], "region": [""], "naissance-jour": ["31"],
                                "naissance-mois": ["2"], "naissance-annee": ["2001"], "debut-mois": ["13"],
                                "debut-annee": ["2021"], "accroche": ["x" * 301]},
                        files={"cv": [UploadedFile("cv.docx", "application/octet-stream", b"PK\x03\x04")]})
    else:
        data = FormData(fields={"nom": ["Martin"], "courriel": ["lea@example.fr"], "mot_de_passe": ["secret"],
                                "region": ["84"], "contrat": ["CDD"], "permis": ["B", "C"],
                                "naissance-jour": ["27"], "naissance-mois": ["3"], "naissance-annee": ["1990"],
                                "debut-mois": ["3"], "debut-annee": ["2021"],
                                "accroche": ["Maçonne expérimentée."], "accord": ["y"]},
                        files={"cv": [UploadedFile("cv.pdf", "application/pdf", b"%PDF-1.7")]})
    form = ExampleForm(data)
    form.validate()
    return form


def render_examples(out: Path, settings: Settings | None = None) -> list[Path]:
    """Write every example state under ``out/composants/``; returns the files."""
    renderer = Renderer(settings or Settings(), strict=True)
    folder = out / "composants"
    folder.mkdir(parents=True, exist_ok=True)
    common = {"csrf_field": "csrf", "csrf": "jeton-exemple", "flashes": [], "notice": None}
    written = []

    def write(name: str, template: str, title: str, **context) -> None:
        page = renderer.page(f"/composants/{name}.html", title)
        response = renderer.render(template, page=page, **{**common, **context})
        path = folder / f"{name}.html"
        path.write_text(response.body, encoding="utf-8")
        written.append(path)

    for state in ("vide", "erreurs", "rempli"):
        form = _form(state)
        errors = form.error_list()
        write(f"formulaire-{state}", "components/examples/form_controls.html", f"Champs de formulaire : {state}",
              form=form, state=state, error_list=errors, errors=dict(errors))
    write("notification", "components/examples/notification.html", "Messages de notification", error_list=[],
          flashes=[{"message": "Votre mot de passe est modifié.", "kind": "success"}])
    tasks = [{"title": "Situation administrative", "url": "#", "status": "Terminé", "done": True},
             {"title": "Expériences professionnelles", "url": "#", "status": "En cours", "done": False},
             {"title": "Projet professionnel", "url": "#", "status": "Non commencé", "done": False}]
    rows = [{"key": "Nom", "value": "Martin", "change_url": "#nom", "change_name": "le nom"},
            {"key": "Permis de conduire", "value": ["B", "C"], "change_url": "#permis"},
            {"key": "Accroche", "value": None}]
    write("lettre", "components/examples/newsletter.html", "Abonnement à la lettre", error_list=[])
    write("jauge", "components/examples/gauge.html", "Jauge du taux de saisie", error_list=[])
    write("etapes-et-recapitulatif", "components/examples/summary_and_tasks.html", "Étapes et récapitulatif",
          error_list=[], tasks=tasks, rows=rows, offers=["123ABCD", "456EFGH"])
    return written
