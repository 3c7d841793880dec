"""The values of a valid step « project », as the step's form receives them (field name -> list of values):
the appellation « Maçon / Maçonne » (F1703), 30 km around home and La Rochelle, CDI or CDD, full
time, ouvrier qualifié."""

VALUES: dict[str, list[str]] = {
    "metier": ["Maçon / Maçonne"], "appellation": ["16250"], "code_rome": [""], "distance": ["30"],
    "lieu_1": ["La Rochelle"], "lieu_1_code": ["commune:17300"], "lieu_2": [""], "lieu_3": [""],
    "contrats": ["CDI", "CDD"], "temps": ["plein"], "heures": [""], "qualification": ["ouvrier-qualifie"],
}
