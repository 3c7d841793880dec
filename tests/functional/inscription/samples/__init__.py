"""A complete registration request as typed in the five steps: the draft's values of each step,
one module per step, filled by the step's author (valid for the step's form)."""

from __future__ import annotations

from tests.functional.inscription.samples import administrative, experiences, knowledge, project, situation


def all_steps() -> dict[str, dict[str, list[str]]]:
    """step slug -> the values of a valid step, as a draft keeps them."""
    from espace.inscription import flow

    return {flow.ADMINISTRATIVE: dict(administrative.VALUES), flow.SITUATION: dict(situation.VALUES),
            flow.EXPERIENCES: dict(experiences.VALUES), flow.KNOWLEDGE: dict(knowledge.VALUES),
            flow.PROJECT: dict(project.VALUES)}
