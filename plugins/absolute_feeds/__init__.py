"""Pelican plugin: absolute entry links in feeds.

Pelican builds feed entry links from SITEURL, which stays empty here so that
pages link root-relatively (and the link checker can follow every link).
Atom requires absolute IRIs, so entries are joined to FEED_DOMAIN instead.
"""

from pelican import signals


def absolutize(context, feed):
    domain = context.get("FEED_DOMAIN") or ""
    for item in feed.items:
        for key in ("link", "unique_id"):
            value = item.get(key)
            if value and value.startswith("/"):
                item[key] = domain + value


def register():
    signals.feed_generated.connect(absolutize)
