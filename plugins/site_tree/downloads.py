"""Parse the ``Downloads`` metadata of a page into links that tell format and size."""

from __future__ import annotations

import os

FORMATS = {
    ".txt": "texte",
    ".pdf": "PDF",
    ".odt": "OpenDocument texte",
    ".ods": "OpenDocument tableur",
    ".csv": "CSV",
}


class DownloadError(ValueError):
    """A Downloads line is malformed or names a file that does not exist."""


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} octets"
    return f"{max(1, round(size / 1000))} Ko"


def parse_downloads(value, content_path: str) -> list[dict]:
    if not value:
        return []
    lines = value if isinstance(value, list) else str(value).splitlines()
    downloads = []
    for line in (line.strip() for line in lines):
        if not line:
            continue
        path, sep, label = (part.strip() for part in line.partition("|"))
        if not sep or not path or not label:
            raise DownloadError(f"Downloads line must read 'path | label': {line!r}")
        full = os.path.join(content_path, path)
        if not os.path.isfile(full):
            raise DownloadError(f"Downloads: {path} does not exist under {content_path}")
        extension = os.path.splitext(path)[1].lower()
        downloads.append({
            "url": path,
            "label": label,
            "format": FORMATS.get(extension, extension.lstrip(".").upper()),
            "size": human_size(os.path.getsize(full)),
        })
    return downloads
