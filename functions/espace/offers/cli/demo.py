"""`make run`'s demo offers: when the search index is empty, fill it with generated offers.

Generated, never real: the sample offers in tests/fixtures are test fixtures only.
DEMO_COUNT offers, so that a search for a frequent job near a mid-size town finds
some (« maçon » around La Rochelle), while the first run stays about a minute on a
two-core laptop: the referentials are loaded once for the generator and the importer,
and the offers go through the importer (every one validated) like any source.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from espace.bootstrap import offers_from_url
from espace.offers.cli.generator import generate, write_json
from espace.offers.cli.importer import _default_data_dir, _referentials, import_offers
from espace.settings import get_settings
from espace.text import plural

DEMO_COUNT = 50_000
DEMO_SEED = "demo"
# Offers per write transaction: on an empty index every offer is new, and fewer, larger commits
# save the fsyncs of the default 1,000 (about 2 s of the minute).
DEMO_BATCH = 5_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m espace.offers.cli.demo")
    parser.add_argument("--count", type=int, default=DEMO_COUNT)
    parser.add_argument("--seed", default=DEMO_SEED)
    args = parser.parse_args(argv)
    settings = get_settings()
    index = offers_from_url(settings.search_url, settings.profile)
    if index.count():
        print(f"Index des offres : {plural(index.count(), 'offre')} déjà présentes.")
        return 0
    print(f"Index des offres : génération de {plural(args.count, 'offre')} de démonstration "
          "(une minute environ)…", flush=True)
    started = time.perf_counter()
    rome, places = _referentials(_default_data_dir())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.json"
        with path.open("w", encoding="utf-8") as handle:
            write_json(generate(args.count, args.seed, int(time.time()), rome=rome, places=places), handle)
        report = import_offers([path], index, rome=rome, places=places, batch_size=DEMO_BATCH)
    print(f"Index des offres : {report.summary()} (offres de démonstration générées, "
          f"{time.perf_counter() - started:.0f} s)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
