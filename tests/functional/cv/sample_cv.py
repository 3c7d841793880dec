"""A full CV as a candidate fills it in (5 experiences, 3 trainings, languages, licences…), for the
PDF tests, the sending tests and the rendering benchmark."""

from __future__ import annotations

from espace.cv.model import Contact, Cv, Experience, Language, Target, Training, WantedPlace

JOBS = [("Boulangère", "Maison Garnier", "La Rochelle", "2019-09", ""),
        ("Boulangère tourière", "Fournil de l'Île", "Saint-Martin-de-Ré", "2016-04", "2019-08"),
        ("Vendeuse en boulangerie", "Au Pain d'Antan", "Rochefort", "2014-01", "2016-03"),
        ("Apprentie boulangère", "Boulangerie Moreau", "Lagord", "2012-09", "2013-12"),
        ("Employée polyvalente", "Supermarché Océan", "Aytré", "2011-06", "2012-08")]
DESCRIPTION = ("Pétrissage, façonnage et cuisson des pains de tradition et des viennoiseries ; "
               "gestion des levains et des commandes du lendemain.\n"
               "Formation de deux apprentis, tenue du plan de maîtrise sanitaire (HACCP).")


def full_cv(cv_id: str = "cvcomplet0001") -> Cv:
    cv = Cv(id=cv_id, title="Boulangère confirmée",
            pitch="Boulangère depuis dix ans, du fournil à la vente : je cherche un poste en CDI "
                  "dans une boulangerie artisanale où transmettre le goût du pain au levain.")
    cv.target = Target("11573", "Boulanger / Boulangère", "D1102", "Boulangerie - viennoiserie",
                       ["Pétrir la pâte", "Façonner les pâtons", "Contrôler la cuisson"],
                       [WantedPlace("commune", "17300", "La Rochelle"), WantedPlace("departement", "17",
                                                                                    "Charente-Maritime")],
                       ["CDI", "CDD"], ["plein"])
    cv.experiences = [Experience(f"exp{n}", job, employer, place, start, end, DESCRIPTION)
                      for n, (job, employer, place, start, end) in enumerate(JOBS)]
    cv.trainings = [Training("tr0", "Brevet professionnel boulanger", "CFA de Lagord", "Lagord", "2014", "4"),
                    Training("tr1", "CAP boulanger", "CFA de Lagord", "Lagord", "2013", "3",
                             description="En apprentissage à la boulangerie Moreau."),
                    Training("tr2", "Baccalauréat professionnel commerce", "Lycée Doriole", "La Rochelle",
                             "2011", "4", obtained=False)]
    cv.languages = [Language("fr", "natif"), Language("en", "B1"), Language("es", "A2")]
    cv.licences = ["B", "AM"]
    cv.other_skills = "Sauveteuse secouriste du travail (SST).\nPâtisserie de base, décoration de gâteaux."
    return cv


def contact() -> Contact:
    return Contact("Jeanne", "Dupré", "jeanne.dupre@example.fr", "06 12 34 56 78", "3 rue des Fours",
                   "17000", "La Rochelle")
