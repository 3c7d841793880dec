"""Each area adds its panel to « Mon espace » through the registry: accounts imports no area."""

from __future__ import annotations

import pytest

from espace.web import panels
from espace.web.panels import PanelView, panel
from tests.functional.accounts.helpers import signed_in_client


@pytest.fixture
def registry():
    saved = dict(panels._PANELS)
    yield
    panels._PANELS.clear()
    panels._PANELS.update(saved)


def test_registered_panels_show_in_order_and_can_stay_hidden(platform, registry):
    @panel("essai-b", "Mon second essai", order=20)
    def second(ctx):
        return PanelView(lines=[f"Compte {ctx.user_id[:4]}…"], links=[("Voir", "/mon-espace/essai-b")])

    @panel("essai-a", "Mon premier essai", order=10)
    def first(ctx):
        return PanelView(lines=["2 offres de votre classeur ont été pourvues ou retirées."])

    @panel("essai-c", "Rien à montrer", order=5)
    def hidden(ctx):
        return None

    page = signed_in_client(platform, "panneaux@example.fr").get("/mon-espace")
    headings = [" ".join(h.text_content().split()) for h in page.html.xpath("//main//h2")]
    assert headings.index("Mon premier essai") < headings.index("Mon second essai")
    assert "Rien à montrer" not in headings
    assert "2 offres de votre classeur" in page.text()
    assert page.html.xpath('//a[@href="/mon-espace/essai-b"]')


def test_two_areas_cannot_take_the_same_panel(registry):
    @panel("essai-unique", "Un")
    def one(ctx):
        return None

    with pytest.raises(ValueError):
        @panel("essai-unique", "Deux")
        def other(ctx):
            return None
