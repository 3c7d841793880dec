"""Settings for a deployed build: ``pelican -s publishconf.py``.

SITE_URL (for instance https://emploi.example.org) gives feeds and the sitemap
their absolute addresses.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *

SITEURL = os.environ.get("SITE_URL", "https://espace-candidat.example").rstrip("/")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False
