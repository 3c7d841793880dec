"""The ARE (allocation d'aide au retour à l'emploi): its engine, its yearly figures
(data/allocation/are-2026.json) and « Mon outil de simulation » (/simulateur-allocation)."""
