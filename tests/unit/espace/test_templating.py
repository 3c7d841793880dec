"""espace.templating: French no-break spaces in the templates' own text, never in printed values."""

from pathlib import Path

import pytest
from markupsafe import Markup

from espace.templating import environment, french

N, B = "\u202f", "\u00a0"  # narrow no-break space, no-break space
TYPED = "a : b ? « c » ; 10:30 https://x.fr/?q=d"


@pytest.fixture
def render(tmp_path: Path):
    def render(source: str, **values) -> str:
        (tmp_path / "page.html").write_text(source, encoding="utf-8")
        return environment(str(tmp_path)).get_template("page.html").render(**values)
    return render


def test_the_template_text_gets_the_spaces_a_printed_value_does_not(render):
    out = render("<p>Votre demande : « {{ v }} » ? Oui ; 30 jours, 1 232,10 €.</p>", v=TYPED)
    assert out == f"<p>Votre demande{B}: «{N}{TYPED}{N}»{N}? Oui{N}; 30{B}jours, 1{N}232,10{B}€.</p>"


def test_a_number_printed_before_its_unit_keeps_it(render):
    assert render("{{ n }} jours, {{ n }} Mo, {{ n }} €", n=3) == f"3{B}jours, 3{B}Mo, 3{B}€"
    # Only a value right before: after a block tag, the space is the writer's own.
    assert render("{% if n %}{{ n }}{% endif %} jours", n=3) == "3 jours"


def test_tags_raw_elements_addresses_and_times_stay_as_written_even_cut_by_a_value(render):
    source = ('<a href="{{ url }}?x=1" title="Que faire ? {{ v }} : oui">Lien</a> à 10:30\n'
              "<pre>Objet : {{ v }} ; fin ?</pre><script>a ? {{ v }} : b;</script>"
              '<textarea name="t">{{ v }} ; x ?</textarea><input value="{{ v }}" placeholder="Ex : 3 ans">')
    out = render(source, url="https://x.fr/a", v=TYPED)
    assert out == source.replace("{{ url }}", "https://x.fr/a").replace("{{ v }}", TYPED)


def test_a_value_is_escaped_and_left_alone(render):
    assert render("<p>{{ v }}</p>", v="<b>x</b> : y ?") == "<p>&lt;b&gt;x&lt;/b&gt; : y ?</p>"


def test_the_french_filter_spaces_python_made_text():
    assert french("Saisissez un montant : 10 €, par exemple ?") == f"Saisissez un montant{B}: 10{B}€, par exemple{N}?"
    assert french(Markup("<a href='/a?b=c:d'>Suite ?</a>")) == Markup(f"<a href='/a?b=c:d'>Suite{N}?</a>")
    assert isinstance(french(Markup("x : y")), Markup)
    assert french(None) is None and french(3) == 3
