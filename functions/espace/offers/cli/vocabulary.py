"""Words the offer generator draws from: invented companies, blurbs, contract and salary shapes.

Company names are invented (surname-like words + a trade word), so a generated
offer can never be mistaken for one of a real employer. Shares are rough
orders of magnitude of France Travail's published offers, good enough for a
demo index and for search tests that need realistic facets.
"""

from __future__ import annotations

# Weight of each ROME grand domaine among offers (services, retail, transport and
# hospitality dominate; arts and shows are rare).
GRAND_DOMAINE_WEIGHTS = {"A": 4, "B": 1, "C": 3, "D": 13, "E": 2, "F": 9, "G": 11, "H": 9, "I": 6,
                         "J": 8, "K": 14, "L": 1, "M": 11, "N": 12}

# Occupations with the most offers: each weighs as much as a whole small domaine.
POPULAR_ROME_CODES = ("K2204", "N1103", "G1603", "D1507", "J1501", "K1302", "N4101", "F1703", "G1602",
                      "D1106", "M1607", "H2909", "I1604", "K2111", "D1214", "N1105", "G1803", "F1602",
                      "K1303", "J1506", "M1203", "D1502", "N1101", "A1203", "K1304", "H3302", "I1304",
                      "M1602", "D1401")
POPULAR_BOOST = 25

# (typeContrat, share in %, typeContratLibelle prefix, natureContrat)
CONTRACTS = (
    ("CDI", 42, "Contrat à durée indéterminée", "Contrat travail"),
    ("CDD", 25, "Contrat à durée déterminée", "Contrat travail"),
    ("MIS", 21, "Mission intérimaire", "Contrat travail"),
    ("SAI", 5, "Contrat travail saisonnier", "Contrat travail"),
    ("DDI", 3, "Contrat durée déterminée insertion", "Insertion par l'activ.éco."),
    ("LIB", 3, "Profession libérale", "Contrat travail"),
    ("FRA", 1, "Franchise", "Contrat travail"),
)
ALTERNANCE_SHARE = 0.06  # of CDD and CDI offers
ALTERNANCE_NATURES = ("Contrat apprentissage", "Cont. professionnalisation")
DURATIONS = {"CDD": (1, 2, 3, 3, 4, 6, 6, 6, 9, 12, 12, 18, 24), "MIS": (1, 1, 2, 3, 3, 4, 5, 6, 6, 12),
             "SAI": (1, 2, 2, 3, 4, 5, 6), "DDI": (4, 6, 6, 12, 24)}

# qualificationCode -> libellé, with weights for non-executive occupations.
QUALIFICATIONS = {"1": "Manœuvre", "2": "Ouvrier spécialisé", "3": "Ouvrier qualifié (P1,P2)",
                  "4": "Ouvrier qualifié (P3,P4,OHQ)", "5": "Employé non qualifié", "6": "Employé qualifié",
                  "7": "Technicien", "8": "Agent de maîtrise", "9": "Cadre"}
QUALIFICATION_WEIGHTS = {"1": 4, "2": 8, "3": 12, "4": 6, "5": 14, "6": 34, "7": 12, "8": 6, "9": 4}

EXPERIENCES = (("D", 40, "Débutant accepté"), ("S", 25, "Expérience souhaitée"), ("E", 35, "Expérience exigée"))

SURNAMES = ("Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Garnier", "Faure",
            "Rousseau", "Blanchard", "Guérin", "Boyer", "Chevalier", "Lemaire", "Perrin", "Morel", "Girard",
            "Mercier", "Bonnet", "Fontaine", "Roussel", "Marchand", "Duval", "Picard", "Leclerc", "Renaud",
            "Carpentier", "Barbier", "Arnaud", "Vasseur", "Giraud", "Lacroix", "Caron", "Meunier", "Colin",
            "Aubert", "Brunet", "Roche", "Hubert", "Leroux", "Collet", "Marty", "Tessier", "Olivier")
COMPANY_SHAPES = ("{name} et Fils", "Établissements {name}", "Groupe {name}", "{name} Services", "Maison {name}",
                  "Atelier {name}", "{name} & Associés", "SARL {name}", "SAS {name}", "{name} Solutions",
                  "Coopérative {place}", "{place} Emploi Services", "Association {place} Solidarité")
AGENCY_SHAPES = ("Intérim {place}", "{name} Intérim", "Agence {name} Travail Temporaire", "Temporis {place}")
BLURBS = (
    "est une entreprise familiale de {size} salariés, installée {at} depuis {year}.",
    "compte {size} salariés et accompagne des clients professionnels et particuliers de la région.",
    "est une PME indépendante qui mise sur la formation de ses équipes et la qualité de son travail.",
    "est une association engagée dans l'insertion professionnelle et l'emploi local.",
    "développe son activité {at} et renforce son équipe.",
    "est une entreprise de {size} personnes, reconnue pour la qualité de son accueil et de ses services.",
)
AGENCY_BLURBS = (
    "Notre agence, installée {at}, recrute pour l'un de ses clients, une entreprise de {size} salariés.",
    "Agence d'emploi implantée {at}, nous accompagnons chaque année des centaines de candidats.",
)
SIZES = ("5", "8", "12", "20", "35", "50", "80", "120", "250", "500")
SCHEDULES_FULL = ("35H Horaires normaux", "35H Travail en journée", "39H Horaires normaux",
                  "35H Travail en équipe", "37H30 Horaires variables")
SCHEDULES_PART = ("24H Horaires normaux", "20H Travail samedi et dimanche", "28H Horaires variables",
                  "30H Travail en journée")
TRAINING_LEVELS = ("CAP, BEP et équivalents", "Bac ou équivalent", "Bac+2 ou équivalents",
                   "Bac+3, Bac+4 ou équivalents", "Bac+5 et plus ou équivalents")
NO_SALARY_COMMENTS = ("Selon profil", "Selon expérience", "À négocier", "Selon convention collective")
SALARY_EXTRAS = ("Mutuelle", "Titres-restaurant", "Prime de fin d'année", "Panier repas",
                 "Participation aux transports", "Primes")
