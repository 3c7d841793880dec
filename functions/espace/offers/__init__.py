"""Job offers: the France Travail "Offres d'emploi v2" schema, import, search and pages."""
