"""The information search (`/recherche`): the build's search-index.json, searched in memory.

Its own small area: ``index`` (the search, no web code) and ``routes`` (the page, on the
web kit). The web layer never imports it; the handler wires the routes in.
"""
