import pytest

from espace.web.context import safe_return_path


@pytest.mark.parametrize("value, expected", [
    ("/mon-espace/mot-de-passe", "/mon-espace/mot-de-passe"),
    ("/offres/recherche?motsCles=ma%C3%A7on&lieu=17", "/offres/recherche?motsCles=ma%C3%A7on&lieu=17"),
    ("//evil.example/x", "/mon-espace"), ("/\\evil.example", "/mon-espace"), ("https://evil.example", "/mon-espace"),
    ("javascript:alert(1)", "/mon-espace"), ("", "/mon-espace"), (None, "/mon-espace"),
    ("/a\nb", "/mon-espace"), ("/" + "x" * 600, "/mon-espace"),
])
def test_only_same_site_paths(value, expected):
    assert safe_return_path(value) == expected
