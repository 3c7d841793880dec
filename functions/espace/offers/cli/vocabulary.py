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

# Occupations with the most offers, in % of all offers (orders of magnitude of France Travail's
# published offers, the everyday jobs a bit over-represented so that a demo search near a
# mid-size town finds them: « maçon » at La Rochelle). The other fiches share what is left.
FREQUENT_ROME_SHARES = {
    "K2204": 3.0, "N1103": 2.5, "G1603": 2.5, "K1302": 2.5, "J1501": 3.0, "F1703": 3.5, "D1507": 2.0,
    "N1105": 2.0, "G1602": 2.0, "G1803": 2.0, "N4101": 2.0, "N1101": 2.5, "D1106": 1.5, "K1304": 2.5,
    "J1506": 1.5, "F1602": 1.5, "K1303": 1.2, "F1603": 1.2, "I1604": 1.2, "I1304": 1.2, "H3302": 1.2,
    "M1805": 1.2, "A1203": 1.2, "N4105": 1.2, "H2909": 1.0, "D1214": 1.0, "D1402": 1.0, "D1505": 1.0,
    "M1602": 1.0, "D1502": 0.8, "D1401": 0.8, "D1403": 0.8, "M1607": 0.8, "M1203": 0.8, "F1704": 0.8,
    "F1606": 0.8, "K2503": 0.8, "J1301": 0.8, "A1401": 0.6, "N4103": 0.6, "G1501": 0.6, "K2111": 0.5,
    "F1604": 0.5, "H2913": 0.5, "I1310": 0.5, "D1102": 0.5, "G1601": 0.5, "I1308": 0.5, "G1703": 0.4,
    "D1101": 0.4, "K1207": 0.4,
}
FREQUENT_TOTAL = 0.6  # share of all offers that goes to the fiches above
MAIN_APPELLATION_SHARE = 0.5  # of a fiche's offers, titled with its main appellation ("Maçon / Maçonne")

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

# (experienceExige, share in %, word of the description). The libellé is "Débutant accepté" or,
# as the API writes it since 2024, "2 An(s)" / "6 Mois" (+ " - commentaire" when there is one).
EXPERIENCES = (("D", 40, "Débutant accepté"), ("S", 25, "souhaitée"), ("E", 35, "exigée"))
EXPERIENCE_DURATIONS = ((6, "Mois"), (1, "An(s)"), (1, "An(s)"), (2, "An(s)"), (2, "An(s)"), (3, "An(s)"),
                        (5, "An(s)"))
EXPERIENCE_COMMENTS = ("Sur même type de poste", "Sur un poste similaire", "Dans le secteur", "En entreprise",
                       "Expérience en équipe appréciée")

SURNAMES = ("Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Moreau", "Laurent", "Garnier", "Faure",
            "Rousseau", "Blanchard", "Guérin", "Boyer", "Chevalier", "Lemaire", "Perrin", "Morel", "Girard",
            "Mercier", "Bonnet", "Fontaine", "Roussel", "Marchand", "Duval", "Picard", "Leclerc", "Renaud",
            "Carpentier", "Barbier", "Arnaud", "Vasseur", "Giraud", "Lacroix", "Caron", "Meunier", "Colin",
            "Aubert", "Brunet", "Roche", "Hubert", "Leroux", "Collet", "Marty", "Tessier", "Olivier")
COMPANY_SHAPES = ("{name} et Fils", "Établissements {name}", "Groupe {name}", "{name} Services", "Maison {name}",
                  "Atelier {name}", "{name} & Associés", "SARL {name}", "SAS {name}", "{name} Solutions",
                  "Coopérative {place}", "{place} Emploi Services")
AGENCY_SHAPES = ("Intérim {place}", "{name} Intérim", "Agence {name} Travail Temporaire", "Temporis {place}")
INSERTION_SHAPES = ("Association {place} Solidarité", "{place} Insertion", "Chantier d'insertion {name}",
                    "Entreprise d'insertion {place}")
# Blurbs (entreprise.description) are whole sentences with the company as their subject: the
# offer page shows them on their own, and the description opens with them.
BLURBS = (
    "{name} est une entreprise familiale de {size} salariés, installée {at} depuis {year}.",
    "{name} compte {size} salariés et travaille pour des clients professionnels et particuliers de la région.",
    "{name} est une PME indépendante qui mise sur la formation de ses équipes et la qualité de son travail.",
    "Depuis {year}, {name} développe son activité {at} et renforce aujourd'hui son équipe.",
    "{name} emploie {size} personnes et soigne la qualité de son accueil et de ses services.",
    "Fondée en {year}, l'entreprise {name} réunit aujourd'hui {size} salariés autour d'un savoir-faire reconnu.",
)
AGENCY_BLURBS = (
    "{name} est une agence d'emploi implantée {at} : elle recrute pour des entreprises de toutes tailles.",
    "{name} accompagne chaque année, {at}, des centaines de candidats vers l'emploi.",
    "{name} place intérimaires et salariés en CDD ou en CDI auprès des entreprises de la région depuis {year}.",
)
INSERTION_BLURBS = (
    "{name} est une structure d'insertion par l'activité économique : elle accompagne {size} salariés "
    "en parcours vers un emploi durable.",
    "{name} est une association engagée dans l'insertion professionnelle et l'emploi local depuis {year}.",
)
# How the description says who is wanted; {who} is "un maçon ou une maçonne", {where} "à La Rochelle".
# Person and possessives agree: « nous … notre », « {name} … son ».
HIRING = (
    "{name} recrute {who} pour un poste basé {where}.",
    "Nous recherchons {who} pour un poste basé {where}.",
    "Pour renforcer notre équipe {where}, nous recrutons {who}.",
    "Dans le cadre de son développement, {name} recherche {who} {where}.",
    "Afin de compléter son équipe {where}, {name} recrute {who}.",
)
AGENCY_HIRING = (
    "Nous recherchons pour l'un de nos clients {who}, pour un poste basé {where}.",
    "{name} recrute pour l'une de ses entreprises clientes {who} {where}.",
    "Votre agence {name} recherche {who} pour une entreprise cliente située {where}.",
)
INSERTION_HIRING = (
    "{name} recrute {who} en contrat d'insertion, pour un poste basé {where}.",
    "Dans le cadre d'un parcours d'insertion, nous recrutons {who} {where}.",
)
SIZES = ("5", "8", "12", "20", "35", "50", "80", "120", "250", "500")
# trancheEffectifEtab: INSEE's tranches, as the API writes them ("200 à 249 salariés").
TRANCHES = ((5, "3 à 5 salariés"), (9, "6 à 9 salariés"), (19, "10 à 19 salariés"), (49, "20 à 49 salariés"),
            (99, "50 à 99 salariés"), (199, "100 à 199 salariés"), (249, "200 à 249 salariés"),
            (499, "250 à 499 salariés"), (999, "500 à 999 salariés"))
SCHEDULES_FULL = ("35H Horaires normaux", "35H Travail en journée", "39H Horaires normaux", "39H Travail en journée",
                  "35H Horaires variables", "37H Horaires normaux", "35H Travail en 2X8", "37H30 Horaires variables",
                  "35H Travail le samedi")
SCHEDULES_PART = ("24H Horaires normaux", "20H Travail samedi et dimanche", "28H Horaires variables",
                  "30H Travail en journée", "17H30 Travail en journée")
TRAINING_LEVELS = ("CAP, BEP et équivalents", "Bac ou équivalent", "Bac+2 ou équivalents",
                   "Bac+3, Bac+4 ou équivalents", "Bac+5 et plus ou équivalents")
# formations[].codeFormation: Formacodes seen in real offers, by ROME domaine.
FORMACODES = {"F17": (("22334", "maçonnerie"), ("22354", "bâtiment gros oeuvre"), ("22374", "construction")),
              "A12": (("21046", "travaux paysagers"), ("21050", "maçonnerie paysagère")),
              "G16": (("42754", "hôtellerie restauration"),), "G18": (("42754", "hôtellerie restauration"),),
              "D11": (("21538", "boulangerie"),), "J15": (("43454", "santé"),), "J13": (("43454", "santé"),),
              "K13": (("44041", "petite enfance"),)}
NO_SALARY_COMMENTS = ("Selon profil", "Selon expérience", "À négocier", "Selon convention collective")
# salaire.complement1/2: the API's own words.
SALARY_EXTRAS = ("Mutuelle", "Chèque repas", "Primes", "Restauration", "Véhicule", "Participation/action", "CE",
                 "Complémentaire santé", "Autre")

# NAF codes (rév. 2) and their libellés, by ROME domaine (else grand domaine): the employer's sector.
NAF = {
    "78.20Z": "Activités des agences de travail temporaire",
    "88.99B": "Action sociale sans hébergement n.c.a.",
    "43.99C": "Travaux de maçonnerie générale et gros œuvre de bâtiment",
    "41.20A": "Construction de maisons individuelles", "41.20B": "Construction d'autres bâtiments",
    "42.11Z": "Construction de routes et autoroutes",
    "43.21A": "Travaux d'installation électrique dans tous locaux",
    "43.22A": "Travaux d'installation d'eau et de gaz en tous locaux",
    "43.22B": "Travaux d'installation d'équipements thermiques et de climatisation",
    "43.31Z": "Travaux de plâtrerie", "43.34Z": "Travaux de peinture et vitrerie",
    "43.32A": "Travaux de menuiserie bois et PVC", "43.91A": "Travaux de charpente",
    "71.12B": "Ingénierie, études techniques",
    "56.10A": "Restauration traditionnelle", "56.10C": "Restauration de type rapide",
    "56.30Z": "Débits de boissons", "55.10Z": "Hôtels et hébergement similaire",
    "79.11Z": "Activités des agences de voyage", "93.29Z": "Autres activités récréatives et de loisirs",
    "47.11D": "Supermarchés", "47.11F": "Hypermarchés",
    "47.71Z": "Commerce de détail d'habillement en magasin spécialisé",
    "10.71C": "Boulangerie et boulangerie-pâtisserie",
    "46.90Z": "Commerce de gros (commerce interentreprises) non spécialisé",
    "81.21Z": "Nettoyage courant des bâtiments", "81.30Z": "Services d'aménagement paysager",
    "38.11Z": "Collecte des déchets non dangereux",
    "88.10A": "Aide à domicile", "88.91A": "Accueil de jeunes enfants",
    "97.00Z": "Activités des ménages en tant qu'employeurs de personnel domestique",
    "87.10A": "Hébergement médicalisé pour personnes âgées", "86.10Z": "Activités hospitalières",
    "86.21Z": "Activité des médecins généralistes",
    "84.11Z": "Administration publique générale", "85.59A": "Formation continue d'adultes",
    "85.32Z": "Enseignement secondaire technique ou professionnel", "80.10Z": "Activités de sécurité privée",
    "49.41A": "Transports routiers de fret interurbains", "49.41B": "Transports routiers de fret de proximité",
    "49.31Z": "Transports urbains et suburbains de voyageurs",
    "52.10B": "Entreposage et stockage non frigorifique", "52.29A": "Messagerie, fret express",
    "45.20A": "Entretien et réparation de véhicules automobiles légers",
    "33.12Z": "Réparation de machines et équipements mécaniques", "25.62B": "Mécanique industrielle",
    "28.29B": "Fabrication d'autres machines d'usage général",
    "10.89Z": "Fabrication d'autres produits alimentaires n.c.a.",
    "22.22Z": "Fabrication d'emballages en matières plastiques",
    "32.99Z": "Autres activités manufacturières n.c.a.",
    "69.20Z": "Activités comptables", "70.10Z": "Activités des sièges sociaux",
    "70.22Z": "Conseil pour les affaires et autres conseils de gestion",
    "82.11Z": "Services administratifs combinés de bureau",
    "62.01Z": "Programmation informatique", "62.02A": "Conseil en systèmes et logiciels informatiques",
    "73.11Z": "Activités des agences de publicité", "90.01Z": "Arts du spectacle vivant",
    "64.19Z": "Autres intermédiations monétaires", "68.31Z": "Agences immobilières",
    "01.13Z": "Culture de légumes, de melons, de racines et de tubercules", "01.21Z": "Culture de la vigne",
    "94.99Z": "Autres organisations fonctionnant par adhésion volontaire",
}
AGENCY_NAF = "78.20Z"
INSERTION_NAF = "88.99B"
SECTORS = {
    "A12": ("81.30Z",), "A14": ("01.13Z", "01.21Z"), "A": ("01.13Z", "81.30Z"), "B": ("32.99Z",),
    "C": ("64.19Z", "68.31Z"), "D11": ("10.71C", "47.11D"), "D12": ("47.71Z",), "D14": ("46.90Z", "47.11F"),
    "D": ("47.11D", "47.11F"), "E": ("73.11Z",), "F11": ("71.12B",), "F15": ("43.91A",),
    "F16": ("43.21A", "43.22A", "43.22B", "43.31Z", "43.34Z", "43.32A"), "F": ("43.99C", "41.20A", "41.20B", "42.11Z"),
    "G11": ("79.11Z", "93.29Z"), "G12": ("93.29Z",), "G16": ("56.10A", "56.10C"), "G18": ("56.10A", "56.30Z"),
    "G": ("55.10Z", "56.10A"), "H": ("25.62B", "28.29B", "10.89Z", "22.22Z"), "I16": ("45.20A",),
    "I": ("33.12Z", "43.22B"), "J11": ("86.21Z",), "J": ("86.10Z", "87.10A"), "K12": ("88.99B",),
    "K13": ("88.10A", "97.00Z", "88.91A"), "K21": ("85.59A", "85.32Z"), "K22": ("81.21Z",), "K23": ("38.11Z",),
    "K25": ("80.10Z",), "K": ("84.11Z", "94.99Z"), "L": ("90.01Z",), "M12": ("69.20Z",), "M13": ("70.10Z",),
    "M14": ("70.22Z",), "M16": ("82.11Z",), "M17": ("73.11Z",), "M18": ("62.02A", "62.01Z"),
    "M": ("70.10Z", "82.11Z"), "N41": ("49.41A", "49.41B"), "N4103": ("49.31Z",), "N": ("52.10B", "52.29A"),
}

# (libellé, exigence) lists by ROME code prefix; other offers may ask for the B licence.
PERMIS = {"N4101": (("C - Poids lourd", "E"), ("EC - Poids lourd + remorque", "E")),
          "N4103": (("D - Autocar", "E"),), "N4105": (("B - Véhicule léger", "E"),),
          "N4102": (("B - Véhicule léger", "E"),), "K1302": (("B - Véhicule léger", "E"),),
          "K1304": (("B - Véhicule léger", "S"),), "A12": (("B - Véhicule léger", "S"),
                                                          ("EB - Véhicule léger + remorque", "S"))}
PERMIS_DEFAULT = (("B - Véhicule léger", "S"), ("B - Véhicule léger", "E"))
# qualitesProfessionnelles: the fiche's savoir-être, with a description in the API's manner.
QUALITY_DESCRIPTIONS = {
    "Faire preuve de rigueur et de précision": "Capacité à respecter les consignes, les règles et les procédures, "
                                               "et à réaliser un travail soigné et exact.",
    "Organiser son travail selon les priorités et les objectifs": "Capacité à planifier ses tâches, à les "
                                                                  "hiérarchiser et à respecter les délais fixés.",
    "Avoir l'esprit d'équipe": "Capacité à travailler avec les autres, à partager l'information et à s'entraider "
                               "pour atteindre un objectif commun.",
    "Faire preuve d'autonomie": "Capacité à prendre en charge son activité sans devoir être encadré de façon "
                                "continue.",
    "Etre force de proposition": "Capacité à proposer des idées, des solutions ou des améliorations dans son "
                                 "travail.",
    "Faire preuve de leadership": "Capacité à entraîner une équipe, à donner un cap et à faire adhérer aux "
                                  "décisions.",
    "Etre à l'écoute, faire preuve d'empathie": "Capacité à comprendre les besoins et les émotions des autres "
                                                "et à en tenir compte.",
    "Faire preuve de réactivité": "Capacité à réagir rapidement face aux imprévus et à adapter ses priorités.",
    "Etre ouvert aux changements": "Capacité à s'adapter à de nouvelles méthodes, à de nouveaux outils ou à une "
                                   "nouvelle organisation.",
    "Faire preuve de créativité, d'inventivité": "Capacité à imaginer des idées ou des solutions nouvelles.",
    "Avoir le sens du service": "Capacité à être attentif aux besoins des clients ou des usagers et à y répondre.",
    "Faire preuve de contrôle de soi": "Capacité à garder son calme et à maîtriser ses réactions dans les "
                                       "situations tendues.",
    "Faire preuve de curiosité, d'ouverture d'esprit": "Capacité à s'intéresser à ce qui est nouveau et à "
                                                       "apprendre des autres.",
    "Faire preuve de persévérance": "Capacité à mener une tâche à son terme malgré les difficultés.",
    "Inspirer, donner du sens": "Capacité à expliquer le pourquoi des actions et à donner envie de s'y engager.",
    "Faire preuve de sens des responsabilités": "Capacité à tenir ses engagements et à assumer les conséquences "
                                                "de ses actes.",
}
QUALITY_DEFAULT = "Qualité attendue pour réussir dans ce poste."
# The fiche's "contextes" that describe working conditions (not the employer or the contract).
WORKING_CONDITIONS = ("Travail ", "Port ", "En ", "Station ", "Manipulation ", "Exposition ", "Sur chantier",
                      "Au domicile", "Déplacements", "Possibilité de télétravail", "Position pénible")
# deplacementCode -> libellé; zones added to all but "Jamais".
DEPLACEMENTS = (("1", "Jamais"), ("2", "Ponctuels"), ("3", "Fréquents"), ("4", "Quotidiens"))
DEPLACEMENT_ZONES = ("", " Zone départementale", " Zone régionale", " Zone nationale")
LANGUES = ("Anglais", "Anglais", "Anglais", "Espagnol", "Allemand", "Italien")
COMPLEMENTS_EXERCICE = ("Heures supplémentaires majorées", "Travail un samedi sur deux", "Tenue de travail fournie",
                        "Prime de panier")
CONDITIONS_EXERCICE = ("Renouvellement du contrat possible", "Poste évolutif", "Période d'essai d'un mois")
# Job boards of partner offers (origineOffre "2"): invented names, addresses under example.com.
PARTNERS = ("EMPLOI EXEMPLE", "JOBS EXEMPLE", "CARRIERES EXEMPLE")
STREETS = ("rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Gambetta", "rue des Lilas",
           "place de la Mairie", "rue du Commerce", "route de la Gare", "rue de l'Industrie", "allée des Artisans")
