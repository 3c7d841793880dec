"""The dossier de demandeur d'emploi (DDE): created when a registration is validated."""
