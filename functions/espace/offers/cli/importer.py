"""Import France Travail v2 offers from JSON files into the search index.

    python -m espace.offers.cli.importer FICHIER_OU_DOSSIER... [--full] [--index URL]

Each file is ``{"resultats": [...]}`` or a bare list; a folder means its ``*.json``
files in name order. Files are read as a stream (espace.offers.cli.jsonstream), so
the generator's 200,000-offer file imports in a bounded memory (~150 MB peak,
most of it the ROME referential), and valid offers are written in batches.

Every record is validated (espace.offers.schema). A rejected record is reported
with its file, its position in the list, its id when it has one, and the reason;
it does not stop the import. A withdrawal notice (``"statut": "pourvue"`` or
``"retiree"``, see schema) removes its offer. With ``full=True`` the source is the
whole truth: offers of the index whose id the source does not mention are removed
— but only when every file was read to its end, so a truncated file never empties
the index. Ids of rejected records count as mentioned: a schema change that
rejects good offers must not delete what the index already holds.

New, updated, unchanged: the index's ids are read once at the start; an offer
whose id is already there is compared with ``index.get(id)`` and written only if
its normalized form differs. Re-importing a file therefore writes nothing and
reports "0 nouvelles, N inchangées". The price is one ``get`` per already-indexed
offer (cheap on SQLite; one request each on OpenSearch — a ``get_many`` in the
port would batch them). When an offer appears twice in the sources, the last one
wins and ``duplicates`` counts it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from espace.offers.cli.jsonstream import JsonStreamError, iter_records
from espace.offers.model import Offer, OfferIndex
from espace.offers.schema import OfferError, validate_offer, withdrawn_id
from espace.places.referential import Places
from espace.rome import Referential, load_referential
from espace.text import plural

BATCH = 1000


@dataclass
class Rejected:
    source: str
    position: int  # index in the file's list of offers, from 0
    offer_id: str | None
    reason: str

    def __str__(self) -> str:
        which = f" (offre {self.offer_id})" if self.offer_id else ""
        return f"{self.source} resultats[{self.position}]{which} : {self.reason}"


@dataclass
class ImportReport:
    files: list[str] = field(default_factory=list)
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    withdrawn: int = 0  # removed by a withdrawal notice
    removed: int = 0  # removed by a full import, absent from the source
    duplicates: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files that could not be read to the end

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        lines = [
            f"{plural(len(self.files), 'fichier')}, {plural(self.read, 'enregistrement')} lus",
            f"{plural(self.new, 'offre nouvelle', 'offres nouvelles')}, "
            f"{plural(self.updated, 'offre modifiée', 'offres modifiées')}, "
            f"{plural(self.unchanged, 'offre inchangée', 'offres inchangées')}",
            f"{plural(self.withdrawn, 'offre retirée', 'offres retirées')} (pourvues ou retirées), "
            f"{plural(self.removed, 'offre supprimée', 'offres supprimées')} (absentes de la source)",
            f"{plural(len(self.rejected), 'enregistrement refusé', 'enregistrements refusés')}"
            + (f", {plural(self.duplicates, 'doublon')}" if self.duplicates else ""),
        ]
        lines += [f"Erreur : {error}" for error in self.errors]
        return "\n".join(lines)


@lru_cache(maxsize=2)
def _referentials(data_dir: str) -> tuple[Referential, Places]:
    return load_referential(Path(data_dir) / "rome"), Places.load(Path(data_dir) / "communes")


def _default_data_dir() -> str:
    from espace.settings import PROJECT_ROOT, get_settings

    return getattr(get_settings(), "data_dir", None) or str(PROJECT_ROOT / "data")


def source_files(source_paths: str | Path | Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """The JSON files named (a folder: its *.json, sorted), and the names that are neither."""
    if isinstance(source_paths, (str, Path)):
        source_paths = [source_paths]
    files, errors = [], []
    for name in source_paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.json") if p.is_file())
            files += found
            if not found:
                errors.append(f"{path} : aucun fichier .json dans ce dossier")
        elif path.is_file():
            files.append(path)
        else:
            errors.append(f"{path} : fichier ou dossier introuvable")
    return files, errors


class _Batches:
    """Pending writes and deletes, disjoint by id, flushed every ``size`` records."""

    def __init__(self, index: OfferIndex, existing: set[str], report: ImportReport, size: int):
        self.index, self.existing, self.report, self.size = index, existing, report, size
        self.upserts: dict[str, Offer] = {}
        self.deletes: dict[str, None] = {}

    def offer(self, offer: Offer) -> None:
        self.deletes.pop(offer.id, None)
        self.upserts[offer.id] = offer
        if len(self.upserts) >= self.size:
            self.flush()

    def withdraw(self, offer_id: str) -> None:
        self.upserts.pop(offer_id, None)
        self.deletes[offer_id] = None
        if len(self.deletes) >= self.size:
            self.flush()

    def flush(self) -> None:
        changed = []
        for offer in self.upserts.values():
            if offer.id not in self.existing:
                self.report.new += 1
                changed.append(offer)
            elif self.index.get(offer.id) == offer:
                self.report.unchanged += 1
            else:
                self.report.updated += 1
                changed.append(offer)
        if changed:
            self.index.upsert(changed)
            self.existing.update(o.id for o in changed)
        if self.deletes:
            self.report.withdrawn += self.index.delete(list(self.deletes))
            self.existing.difference_update(self.deletes)
        self.upserts, self.deletes = {}, {}


def import_offers(source_paths, index: OfferIndex, *, full: bool = False, progress: bool | None = None,
                  rome: Referential | None = None, places: Places | None = None,
                  batch_size: int = BATCH) -> ImportReport:
    """Validate and index every offer of ``source_paths``; see the module docstring.

    ``progress``: a bar on stderr (None: only when stderr is a terminal)."""
    if rome is None or places is None:
        default_rome, default_places = _referentials(_default_data_dir())
        rome, places = rome or default_rome, places or default_places
    files, errors = source_files(source_paths)
    report = ImportReport(files=[str(f) for f in files], errors=errors)
    batches = _Batches(index, set(index.ids()), report, batch_size)
    mentioned: set[str] = set()
    bar = _progress_bar(sum(f.stat().st_size for f in files), progress)
    try:
        for path in files:
            try:
                for position, record in enumerate(iter_records(path, bar.update if bar else None)):
                    report.read += 1
                    _one(record, position, str(path), rome, places, batches, mentioned, report)
            except (JsonStreamError, OSError) as error:
                report.errors.append(f"{path} : {error}")
        batches.flush()
    finally:
        if bar:
            bar.close()
    if full and report.errors:
        report.errors.append("import complet : les offres absentes n'ont pas été supprimées, "
                             "car la source n'a pas été lue en entier")
    elif full:
        absent = sorted(set(index.ids()) - mentioned)
        for start in range(0, len(absent), batch_size):
            report.removed += index.delete(absent[start:start + batch_size])
    return report


def _one(record, position: int, source: str, rome, places, batches: _Batches, mentioned: set[str],
         report: ImportReport) -> None:
    offer_id = record.get("id") if isinstance(record, dict) and isinstance(record.get("id"), str) else None
    try:
        gone = withdrawn_id(record)
        if gone:
            mentioned.discard(gone)
            batches.withdraw(gone)
            return
        offer = validate_offer(record, rome, places)
    except OfferError as error:
        report.rejected.append(Rejected(source, position, offer_id, str(error)))
        if offer_id:
            mentioned.add(offer_id)
        return
    if offer.id in mentioned:
        report.duplicates += 1
    mentioned.add(offer.id)
    batches.offer(offer)


def _progress_bar(total_bytes: int, wanted: bool | None):
    if wanted is None:
        wanted = sys.stderr.isatty()
    if not wanted:
        return None
    try:
        from tqdm import tqdm  # optional: the "import" extra
    except ImportError:
        return None
    return tqdm(total=total_bytes, unit="o", unit_scale=True, unit_divisor=1024, desc="Import des offres",
                file=sys.stderr, leave=False)


def main(argv: list[str] | None = None, index_factory: Callable[[str], OfferIndex] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m espace.offers.cli.importer",
                                     description="Importe des offres d'emploi (format France Travail v2) "
                                                 "dans l'index de recherche.")
    parser.add_argument("sources", nargs="+", metavar="FICHIER_OU_DOSSIER",
                        help="fichier JSON, ou dossier dont tous les .json sont importés")
    parser.add_argument("--full", action="store_true",
                        help="import complet : supprime de l'index les offres absentes de la source")
    parser.add_argument("--index", help="index de recherche (par défaut ESPACE_SEARCH_URL), "
                                        "ex. sqlite:///chemin/offres.db ou opensearch://hôte:9200/offres")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="barre de progression (par défaut : seulement dans un terminal)")
    args = parser.parse_args(argv)
    from espace.bootstrap import offers_from_url
    from espace.settings import get_settings

    settings = get_settings()
    url = args.index or settings.search_url
    index = index_factory(url) if index_factory else offers_from_url(url, settings.profile)
    report = import_offers(args.sources, index, full=args.full, progress=args.progress)
    for rejected in report.rejected:
        print(f"Refusé : {rejected}", file=sys.stderr)
    print(report.summary())
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
