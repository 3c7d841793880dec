"""The values of a valid step « situation-administrative », as the step's form receives them (field name -> list
of values): Camille Durand, born in La Rochelle in April 1990, living in La Rochelle (17000, INSEE 17300): the
agency is « 17 »."""

VALUES: dict[str, list[str]] = {
    "civilite": ["madame"], "nom_naissance": ["Durand"], "nom_usage": [""], "prenoms": ["Camille Anne"],
    "date_naissance-jour": ["14"], "date_naissance-mois": ["4"], "date_naissance-annee": ["1990"],
    "lieu_naissance": ["france"], "commune_naissance": ["La Rochelle"], "pays_naissance": [""],
    "nir": ["2 90 04 17 300 123 37"],
    "nationalite": ["francaise"], "titre_numero": [""],
    "titre_fin-jour": [""], "titre_fin-mois": [""], "titre_fin-annee": [""],
    "telephone": ["06 12 34 56 78"], "email": ["camille.durand@example.org"],
    "adresse": ["12 rue des Merciers"], "complement": [""], "code_postal": ["17000"], "commune": ["17300"],
    "titulaire": ["Camille Durand"], "iban": ["FR76 3000 6000 0112 3456 7890 189"], "bic": ["AGRIFRPP"],
}
