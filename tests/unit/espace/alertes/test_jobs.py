"""The job's pure parts: the Paris-time window (DST days last 23 or 25 hours), the link to the
full search, the report's lines."""

from __future__ import annotations

import datetime as dt

from tests.functional.alertes.job_doubles import install_links

install_links()  # until the saved searches' links module is merged

from espace.alertes.jobs import RunReport, full_search_url, today_in_paris, window  # noqa: E402


def test_window_is_the_previous_paris_day():
    start, end = window(dt.date(2026, 1, 15), 1)
    assert end - start == 86400
    assert dt.datetime.fromtimestamp(end, dt.UTC).hour == 23  # midnight in Paris (UTC+1)


def test_window_over_daylight_saving_changes():
    start, end = window(dt.date(2026, 3, 30), 1)  # 29 March 2026: clocks go forward
    assert end - start == 23 * 3600
    start, end = window(dt.date(2026, 10, 26), 1)  # 25 October 2026: clocks go back
    assert end - start == 25 * 3600
    start, end = window(dt.date(2026, 4, 6), 7)
    assert end - start == 7 * 86400


def test_today_in_paris_after_midnight_there():
    just_after = dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC).timestamp()  # 00:30 in Paris
    assert today_in_paris(just_after) == dt.date(2026, 7, 2)


def test_full_search_url_keeps_the_criteria_and_sets_the_window():
    url = full_search_url("https://x.example/", {"motsCles": "boulanger", "typeContrat": ["CDI", "CDD"],
                                                 "publieeDepuis": "30"}, 7)
    assert url == "https://x.example/offres/recherche?motsCles=boulanger&typeContrat=CDI&typeContrat=CDD&publieeDepuis=7"


def test_report_lines_say_what_happened():
    report = RunReport(dt.date(2026, 3, 16), weekly=True, offers=5, digests_sent=2, reminders_sent=1)
    text = "\n".join(report.lines())
    assert "2026-03-16" in text and "digests sent: 2" in text and "reminders sent: 1" in text
