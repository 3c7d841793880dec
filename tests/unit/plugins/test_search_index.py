"""The text the information search quotes (plugins/search_index)."""

from search_index import plain


def test_plain_text_keeps_no_break_spaces_and_closes_gaps_left_by_tags():
    html = '<p>Soit 1\u202f232,10\u00a0€, voir <a href="/x.html">l\'actualisation</a> .\n\n Fin&nbsp;!</p>'
    assert plain(html) == "Soit 1\u202f232,10\u00a0€, voir l'actualisation. Fin\u00a0!"
