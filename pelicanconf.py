"""Pelican settings for the local build (``make site`` / ``make run``).

``publishconf.py`` extends this file for a deployed build.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent
# Build caches (Pelican's content cache, Jinja bytecode); the benchmark points it elsewhere.
BUILD_CACHE = Path(os.environ.get("ESPACE_BUILD_CACHE", ROOT / ".cache"))

AUTHOR = "Espace candidat"
SITENAME = "Espace candidat"
SITE_DESCRIPTION = (
    "Espace candidat : droits et démarches, conseils pour la recherche d'emploi, "
    "fiches métiers et offres d'emploi, sur un site accessible à toutes et à tous."
)
SITEURL = ""
# Feeds and the sitemap need absolute addresses; a deployed build sets SITEURL instead.
FEED_DOMAIN = "http://127.0.0.1:8000"

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
LOCALE = ("fr_FR.UTF-8", "C.UTF-8", "")
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

# --- Content layout -------------------------------------------------------
# Pages mirror their folder: content/pages/candidat/x/y.md -> /candidat/x/y.html
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["actualites"]
STATIC_PATHS = ["documents", "extra"]
EXTRA_PATH_METADATA = {
    "extra/robots.txt": {"path": "robots.txt"},
    "extra/favicon.svg": {"path": "favicon.svg"},
}
PATH_METADATA = r"pages/(?P<subpath>(?:[^/]+/)*)[^/]+\.md"
SLUGIFY_SOURCE = "basename"
PAGE_URL = PAGE_SAVE_AS = "{subpath}{slug}.html"
ARTICLE_URL = ARTICLE_SAVE_AS = "actualites/{slug}.html"
DRAFT_URL = DRAFT_SAVE_AS = ""
DRAFT_PAGE_URL = DRAFT_PAGE_SAVE_AS = ""
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
ARTICLE_LANG_SAVE_AS = PAGE_LANG_SAVE_AS = ""

# A custom theme has no fallback templates: render only what the theme provides.
DIRECT_TEMPLATES = ["index", "actualites", "plan-du-site", "sitemap"]
ACTUALITES_SAVE_AS = "actualites/index.html"
PLAN_DU_SITE_SAVE_AS = "plan-du-site.html"
SITEMAP_SAVE_AS = "sitemap.xml"
TAGS_SAVE_AS = CATEGORIES_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
TAG_SAVE_AS = CATEGORY_SAVE_AS = AUTHOR_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
DEFAULT_PAGINATION = False

FEED_ALL_ATOM = "flux/actualites.atom.xml"
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        # Markdown Extra without definition lists: French puts a space before « : », so a
        # wrapped line often begins with one, and "phrase\n: suite" would turn the sentence
        # into a definition-list term. Tables, footnotes, attribute lists stay available.
        **{f"markdown.extensions.{name}": {}
           for name in ("abbr", "attr_list", "fenced_code", "footnotes", "md_in_html", "tables")},
        "markdown.extensions.meta": {},
        # Headings get readable ids so a passage can be linked from elsewhere.
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}

# --- Plugins --------------------------------------------------------------
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["rome_fiches", "site_tree", "incremental_writer", "absolute_feeds", "search_index", "markdown_leftovers",
           "are_figures", "french_numbers", "newsletter_articles", "position_wording", "plain_language"]
ROME_DATA_PATH = str(ROOT / "data" / "rome")
# The ARE's yearly figures, shared with « Mon outil de simulation » (plugins/are_figures).
ARE_FIGURES_PATH = str(ROOT / "data" / "allocation")
# Routes served by the Lambda handlers (see infra/template.yaml in later work).
OFFER_SEARCH_URL = "/offres/recherche"

# --- Caching: a rebuild after one edit re-reads only that file ------------
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = str(BUILD_CACHE / "pelican")
CHECK_MODIFIED_METHOD = "mtime"
CONTENT_CACHING_LAYER = "reader"
DELETE_OUTPUT_DIRECTORY = False

RELATIVE_URLS = False

# Autoescape as the Lambda handlers do, so one theme behaves the same in both.
from jinja2 import FileSystemBytecodeCache

(BUILD_CACHE / "jinja-fr").mkdir(parents=True, exist_ok=True)
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Compiled templates survive between builds: a rebuild skips recompiling the theme.
    # The key does not name the extensions: a new directory when they change (jinja-fr: FrenchSpacing).
    "bytecode_cache": FileSystemBytecodeCache(str(BUILD_CACHE / "jinja-fr")),
}

# Home page blocks.
HOME_FOCUS_URL = "candidat/mes-droits-et-demarches/mes-allocations/estimer-mon-allocation.html"

import sys

sys.path.insert(0, str(ROOT / "functions"))
from espace import contract_types
from espace.lang import ENGLISH_TERMS, english_marker
from espace.templating import FrenchSpacing, french
from espace.text import french_date, number, plural, strip_tags

# The theme's own text gets French no-break spaces as the handlers' templates do (espace.templating).
JINJA_ENVIRONMENT["extensions"] = [FrenchSpacing]

# The offer search form's choices, from the vocabulary the search page and the API use.
CONTRACT_TYPES = [("", contract_types.ANY_LABEL), *contract_types.CONTRACT_TYPES]

# lang_en wraps the English terms of the ROME texts in <span lang="en"> (WCAG 3.1.2).
# The same filters as the services' renderer (espace.web.pages.Renderer): one theme, two renderers.
JINJA_FILTERS = {"date_fr": french_date, "plural": plural, "number": number, "striptags": strip_tags, "french": french,
                 "lang_en": english_marker(ROOT / "data" / ENGLISH_TERMS)}
