"""Which profiles a functional test's cases run on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest


def each_case_on_one_profile(argnames: str | Sequence[str], cases: Sequence[Any],
                             ids: Sequence[str] | None = None) -> pytest.MarkDecorator:
    """Parametrize a test's many input cases (each wrong value of a form, each forged token):
    every case on the embedded profile, the first one on the AWS profile too. The cases go
    through one validation path in which the store plays no part beyond what the first case
    proves on moto; each on both profiles doubled their time for nothing (each area's journeys
    and the stores' contract tests run on both)."""
    names = [name.strip() for name in argnames.split(",")] if isinstance(argnames, str) else list(argnames)
    labels = list(ids) if ids is not None else [str(n) for n in range(len(cases))]

    def values(case: Any) -> tuple[Any, ...]:
        return (case,) if len(names) == 1 else tuple(case)

    rows = [pytest.param("embedded", *values(case), id=f"embedded-{label}")
            for case, label in zip(cases, labels, strict=True)]
    rows.append(pytest.param("aws", *values(cases[0]), id=f"aws-{labels[0]}"))
    return pytest.mark.parametrize(["platform", *names], rows, indirect=["platform"])
