"""Pelican plugin: one page per ROME code, plus the indexes that lead to them.

Pages are added to the pages generator as ``Page`` objects whose templates
(``theme/templates/rome_*.html``) render the structured data, so the whole
referential becomes ~1,800 static pages without any Markdown to parse.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections import defaultdict
from pathlib import Path

from pelican import signals
from pelican.contents import Page

from espace.rome import load_referential
from espace.text import fold, plural

log = logging.getLogger(__name__)

METIERS_INDEX = "candidat/les-metiers-et-moi/les-metiers/index.html"
SECTEURS_INDEX = "candidat/les-metiers-et-moi/les-secteurs-d-activite/index.html"
# A letter with more appellations than this gets one page per two-letter prefix,
# so no A-Z page becomes too long to read or to load on a slow connection.
MAX_PER_PAGE = 400
# Counted nouns of the summaries (espace.text.plural: « 1 fiche métier », « 12 921 appellations »).
FICHE, FICHES = "fiche métier", "fiches métiers"
DOMAINE, DOMAINES = "domaine professionnel", "domaines professionnels"
APPELLATION, APPELLATIONS = "appellation de métier", "appellations de métiers"


def fiche_url(code: str) -> str:
    return f"metiers/{code}.html"


def initial(label: str, length: int = 1) -> str:
    """Upper-case, accent-free first letters used to file an appellation in the A-Z."""
    folded = fold(label[: length + 4])  # enough letters, cheaply
    letters = "".join(c for c in folded if c.isalnum())[:length].upper()
    return letters if letters[:1].isalpha() else "0-9"


def _page(generator, url, title, template, parent, summary, order=None, **data):
    metadata = {
        "title": title,
        "slug": url.rsplit("/", 1)[-1].removesuffix(".html"),
        "url": url,
        "save_as": url,
        "template": template,
        "summary": summary,
        "tree_parent_url": parent,
        "generated": True,
        **data,
    }
    if order is not None:
        metadata["order"] = order
    page = Page("", metadata=metadata, settings=generator.settings, source_path=None, context=generator.context)
    generator.pages.append(page)
    return page


def cached_referential(settings):
    """The parsed referential, pickled in Pelican's cache folder between builds."""
    folder = Path(settings["ROME_DATA_PATH"])
    digest = hashlib.sha256()
    for path in [*sorted(folder.glob("*.csv")), Path(__file__).parent.parent.parent / "functions/espace/rome.py"]:
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    cache = Path(settings["CACHE_PATH"]) / f"rome-{digest.hexdigest()[:16]}.pickle"
    if settings.get("LOAD_CONTENT_CACHE") and cache.is_file():
        with cache.open("rb") as handle:
            return pickle.load(handle)
    ref = load_referential(folder)
    ref.initials = {a.code: (initial(a.label), initial(a.label, 2).capitalize()) for a in ref.appellations.values()}
    if settings.get("CACHE_CONTENT"):
        cache.parent.mkdir(parents=True, exist_ok=True)
        for old in cache.parent.glob("rome-*.pickle"):
            old.unlink()
        with cache.open("wb") as handle:
            pickle.dump(ref, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return ref


def add_rome_pages(generator):
    ref = cached_referential(generator.settings)
    generator.context["rome"] = ref
    fiches, domaines, grands = ref.fiches, ref.domaines, ref.grands_domaines

    for position, gd in enumerate(sorted(grands.values(), key=lambda g: g.code), start=1):
        count = sum(len(domaines[d].fiche_codes) for d in gd.domaine_codes)
        _page(generator, f"metiers/{gd.code}.html", gd.title, "rome_grand_domaine", METIERS_INDEX,
              f"Grand domaine {gd.code} : {plural(len(gd.domaine_codes), DOMAINE, DOMAINES)}, "
              f"{plural(count, FICHE, FICHES)}.",
              order=position, grand_domaine=gd)
        _page(generator, f"secteurs/{gd.code}.html", gd.title, "rome_secteur", SECTEURS_INDEX,
              f"Le secteur {gd.code} : ses domaines professionnels et leurs métiers.",
              order=position, grand_domaine=gd)
        for dp_position, dp_code in enumerate(gd.domaine_codes, start=1):
            dp = domaines[dp_code]
            _page(generator, f"metiers/{dp.code}.html", dp.title, "rome_domaine", f"metiers/{gd.code}.html",
                  f"Domaine professionnel {dp.code} : {plural(len(dp.fiche_codes), FICHE, FICHES)}.",
                  order=dp_position, domaine=dp, grand_domaine=gd)
            for fiche_position, code in enumerate(dp.fiche_codes, start=1):
                fiche = fiches[code]
                summary = " ".join(fiche.definition[:1]) or f"Fiche métier ROME {code}."
                _page(generator, fiche_url(code), fiche.title, "rome_fiche", f"metiers/{dp.code}.html", summary,
                      order=fiche_position, fiche=fiche, domaine=dp, grand_domaine=gd)

    _add_appellation_index(generator, ref)
    log.info("rome_fiches: %d fiches from ROME %s", len(fiches), ref.version)


def _add_appellation_index(generator, ref):
    # Initials are computed once with the referential and pickled with it (24,000 labels).
    initials = ref.initials
    by_letter = defaultdict(list)
    for appellation in ref.appellations.values():
        if not appellation.rarely_used and appellation.rome_code in ref.fiches:
            by_letter[initials[appellation.code][0]].append(appellation)
    index_url = "metiers/appellations/index.html"
    letters = sorted(by_letter, key=lambda x: (x == "0-9", x))
    groups = []
    for position, letter in enumerate(letters, start=1):
        items = sorted(by_letter[letter], key=lambda a: a.label.casefold())
        url = f"metiers/appellations/{letter.lower()}.html"
        entry = {"letter": letter, "url": url, "count": len(items), "parts": []}
        groups.append(entry)
        if len(items) <= MAX_PER_PAGE:
            _page(generator, url, f"Métiers commençant par {letter}", "rome_appellations", index_url,
                  f"{plural(len(items), APPELLATION, APPELLATIONS)} commençant par {letter}.",
                  order=position, appellations=items, letter=letter)
            continue
        by_prefix = defaultdict(list)
        for appellation in items:
            by_prefix[initials[appellation.code][1]].append(appellation)
        parts = [
            {"prefix": prefix, "url": f"metiers/appellations/{prefix.lower()}.html", "items": by_prefix[prefix]}
            for prefix in sorted(by_prefix)
        ]
        entry["parts"] = [{"prefix": p["prefix"], "url": p["url"], "count": len(p["items"])} for p in parts]
        letter_page = _page(generator, url, f"Métiers commençant par {letter}", "rome_appellations", index_url,
                            f"{plural(len(items), APPELLATION, APPELLATIONS)} commençant par {letter}, "
                            "classées par leurs deux premières lettres.",
                            order=position, appellations=[], letter=letter, parts=entry["parts"])
        for part_position, part in enumerate(parts, start=1):
            _page(generator, part["url"], f"Métiers commençant par {part['prefix']}", "rome_appellations",
                  letter_page.url,
                  f"{plural(len(part['items']), APPELLATION, APPELLATIONS)} commençant par {part['prefix']}.",
                  order=part_position, appellations=part["items"], letter=part["prefix"])
    _page(generator, index_url, "Index alphabétique des métiers", "rome_appellations_index", METIERS_INDEX,
          f"Les {plural(sum(g['count'] for g in groups), APPELLATION, APPELLATIONS)} du ROME, de A à Z.",
          order=len(ref.grands_domaines) + 1, letters=groups)


def register():
    signals.page_generator_finalized.connect(add_rome_pages)
