"""``make newsletter``: the month to replay, and a clear message when the site is not built."""

from __future__ import annotations

import json

import pytest

from espace.lettre import cli
from tests.caches import environment


def test_a_bad_month_is_refused(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--month", "2026-13"])
    assert stop.value.code == 2 and "is not a month like 2026-12" in capsys.readouterr().err


def test_runs_the_month_and_says_what_it_did(tmp_path, capsys):
    (tmp_path / "navigation.json").write_text("{}")
    with environment({"ESPACE_NAVIGATION_FILE": str(tmp_path / "navigation.json"),
                      "ESPACE_RECORDS_URL": f"sqlite:///{tmp_path}/app.db",
                      "ESPACE_MAIL_URL": f"outbox://{tmp_path}/outbox"}):
        with pytest.raises(SystemExit) as stop:
            cli.main(["--month", "2026-12"])
        assert stop.value.code == 1 and "run 'make site' first" in capsys.readouterr().err
        (tmp_path / "newsletter-articles.json").write_text(json.dumps(
            [{"title": "Essai", "date": "2026-11-20", "category": "Actualités", "summary": "…", "url": "a.html"}]))
        assert cli.main(["--month", "2026-12"]) == 0
    assert "2026-12: 1 articles, 0 mails sent" in capsys.readouterr().out
