"""`make run`'s demo offers: when the search index is empty, fill it with generated offers.

Generated, never real: the sample offers in tests/fixtures are test fixtures only.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from espace.bootstrap import offers_from_url
from espace.offers.cli.generator import generate, write_json
from espace.offers.cli.importer import import_offers
from espace.settings import get_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m espace.offers.cli.demo")
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--seed", default="demo")
    args = parser.parse_args(argv)
    settings = get_settings()
    index = offers_from_url(settings.search_url, settings.profile)
    if index.count():
        print(f"Index des offres : {index.count()} offres déjà présentes.")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.json"
        with path.open("w", encoding="utf-8") as handle:
            write_json(generate(args.count, args.seed, int(time.time())), handle)
        report = import_offers([path], index)
    print(f"Index des offres : {report.summary()} (offres de démonstration générées)")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
