"""The referentials the publishing form and the offer JSON are checked against."""

from tests.unit.espace.offers.conftest import places, rome  # noqa: F401  (fixtures)
