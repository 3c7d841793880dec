"""The rules of the changes of situation: absence days counted per calendar year, and the IBAN
shown masked."""

from __future__ import annotations

import datetime as dt

from espace.dossier.situation import days_in_year
from espace.dossier.situation_forms import masked_iban


def test_absence_days_count_per_calendar_year():
    spans = [(dt.date(2026, 12, 20), dt.date(2027, 1, 4)), (dt.date(2026, 7, 1), dt.date(2026, 7, 31))]
    assert days_in_year(spans, 2026) == 12 + 31  # 20 to 31 December, and July
    assert days_in_year(spans, 2027) == 4
    assert days_in_year(spans, 2025) == 0
    assert days_in_year([(dt.date(2026, 3, 5), dt.date(2026, 3, 5))], 2026) == 1  # one day counts one


def test_the_edge_of_35_days():
    spans = [(dt.date(2026, 8, 1), dt.date(2026, 9, 4))]
    assert days_in_year(spans, 2026) == 35
    assert days_in_year([*spans, (dt.date(2026, 10, 1), dt.date(2026, 10, 1))], 2026) == 36


def test_the_iban_is_shown_masked():
    assert masked_iban("FR76 3000 6000 0112 3456 7890 189") == "FR76 •••• 0189"
    assert masked_iban("fr7630006000011234567890189") == "FR76 •••• 0189"
    assert masked_iban("FR76") == "••••"
