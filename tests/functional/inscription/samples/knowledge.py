"""The values of a valid step « knowledge », as the step's form receives them (field name -> list
of values): a CAP, one training, two languages, the car licence."""

VALUES: dict[str, list[str]] = {
    "niveau": ["3"],
    "diplome": ["CAP Boulanger"],
    "formations-0": ["1"],
    "formations-0-intitule": ["CAP Boulanger"],
    "formations-0-niveau": ["3"],
    "formations-0-etablissement": ["CFA de La Rochelle"],
    "formations-0-statut": ["obtenu"],
    "formations-0-annee": ["2015"],
    "langues-0": ["1"], "langues-0-langue": ["fr"], "langues-0-niveau": ["natif"],
    "langues-1": ["1"], "langues-1-langue": ["en"], "langues-1-niveau": ["B1"],
    "permis": ["B"],
}
