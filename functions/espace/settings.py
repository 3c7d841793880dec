"""Typed settings read from the environment, once per process.

The embedded profile needs no variable at all: every default points into the
project's ``var/`` folder. The AWS profile sets them in infra/template.yaml.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class SettingsError(ValueError):
    """A variable has a value the application cannot use."""


def _flag(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise SettingsError(f"not a boolean: {value!r}")


@dataclass(frozen=True)
class Settings:
    profile: str = "embedded"  # "embedded" or "aws"
    records_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'app.db'}"
    files_url: str = f"file://{PROJECT_ROOT / 'var' / 'files'}"
    mail_url: str = f"outbox://{PROJECT_ROOT / 'var' / 'outbox'}"
    search_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'offers.db'}"  # or opensearch://host:port/index
    # The saved searches' alert matcher (espace.alertes.matching): same schemes as search_url.
    matcher_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'alerts.db'}"
    # The CV bank's index (espace.cv.index): same schemes as search_url.
    cv_index_url: str = f"sqlite:///{PROJECT_ROOT / 'var' / 'cvs.db'}"
    data_dir: str = str(PROJECT_ROOT / "data")  # ROME and communes referentials
    mail_sender: str = "Espace candidat <ne-pas-repondre@espace-candidat.example>"
    site_url: str = "http://127.0.0.1:8000"
    templates_dir: str = str(PROJECT_ROOT / "theme" / "templates")
    navigation_file: str = str(PROJECT_ROOT / "output" / "navigation.json")
    search_index_file: str = str(PROJECT_ROOT / "output" / "search-index.json")  # built by Pelican
    secure_cookies: bool = False
    # Optional: the key of signed tokens (CSRF…); empty = a random key kept in the records store.
    secret_key: str = ""
    # AWS profile: the secret CloudFront adds as X-Origin-Verify (infra/template.yaml); empty locally.
    origin_verify: str = field(default="", repr=False)  # never in a log line
    # A signed-in session ends this long after the last request (web.sessions): at least 20 h,
    # the WCAG 2.2.1 / RGAA 13.1 limit below which a session's time limit must be adjustable.
    session_hours: int = 20
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        variables: Mapping[str, str] = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for spec in fields(cls):
            raw = variables.get(f"ESPACE_{spec.name.upper()}")
            if raw is None:
                continue
            if spec.type == "bool":
                values[spec.name] = _flag(raw)
            elif spec.type == "int":
                try:
                    values[spec.name] = int(raw)
                except ValueError as error:
                    raise SettingsError(f"ESPACE_{spec.name.upper()} is not an integer: {raw!r}") from error
            else:
                values[spec.name] = raw
        settings = cls(**values)
        if settings.profile not in {"embedded", "aws"}:
            raise SettingsError(f"ESPACE_PROFILE must be 'embedded' or 'aws', not {settings.profile!r}")
        return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.from_env()
