"""Plain language in the build (plugins/plain_language): an abbreviation not spelled out at
its first use, or a « what next » heading worded otherwise than « Et après ? », fails it."""

from tests.site.test_build import build_one_page


def failure(result) -> str:
    assert result.returncode != 0
    return " ".join((result.stdout + result.stderr).split())


def test_an_unexplained_abbreviation_fails_the_build(tmp_path):
    result = build_one_page(tmp_path, "Le SJR sert de base.\n\n## Et après ?\n\nUne réponse arrive.")
    assert "'SJR' is not spelled out at its first use" in failure(result)


def test_another_wording_of_et_apres_fails_the_build(tmp_path):
    result = build_one_page(tmp_path, "Une demande.\n\n## Et ensuite ?\n\nUne réponse arrive.")
    assert "heading 'Et ensuite" in failure(result)


def test_a_spelled_out_abbreviation_and_et_apres_build(tmp_path):
    result = build_one_page(tmp_path, "Votre salaire journalier de référence\n(SJR) sert de base. Le SJR change "
                                      "peu.\n\n## Et après ?\n\nUne réponse arrive.")
    assert result.returncode == 0, result.stdout[-3000:]
