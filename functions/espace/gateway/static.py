"""The Pelican output folder, served the way CloudFront + S3 serve it when deployed.

Only files inside the folder are ever read: the path is checked before it touches the
disk (dot segments, backslashes, NUL) and again after symlinks are resolved.
"""

from __future__ import annotations

import mimetypes
from email.utils import formatdate
from pathlib import Path
from urllib.parse import quote

from . import pages

Response = pages.Response

# Explicit types for what the site contains, so the answer does not depend on the host's
# /etc/mime.types (which differs between machines and misses some of these).
_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".mjs": "text/javascript",
    ".json": "application/json", ".xml": "application/xml", ".atom": "application/atom+xml",
    ".rss": "application/rss+xml", ".txt": "text/plain", ".csv": "text/csv", ".md": "text/markdown",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
    ".woff": "font/woff", ".woff2": "font/woff2", ".pdf": "application/pdf",
    ".webmanifest": "application/manifest+json", ".odt": "application/vnd.oasis.opendocument.text",
    ".rtf": "application/rtf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# Textual types that are not text/*: they need a charset too, or browsers guess one.
_TEXTUAL = {
    "application/json", "application/xml", "application/atom+xml", "application/rss+xml",
    "image/svg+xml", "application/manifest+json", "application/javascript",
}
ALLOWED = ["GET", "HEAD"]


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    media_type = _TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if media_type.startswith("text/") or media_type in _TEXTUAL:
        return f"{media_type}; charset=utf-8"
    return media_type


def _etag(stat) -> str:
    # Size and modification time in nanoseconds change whenever Pelican rewrites the file.
    return f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'


def _etag_matches(header: str, etag: str) -> bool:
    # If-None-Match uses the weak comparison: W/"x" matches "x"; "*" matches anything.
    candidates = [tag.strip() for tag in header.split(",")]
    return "*" in candidates or any(tag.removeprefix("W/") == etag for tag in candidates)


class StaticSite:
    def __init__(self, root: str | Path):
        self.root = Path(root).resolve()

    def locate(self, path: str) -> Path | str | None:
        """The file for a decoded URL path; a redirect target (str) for a directory without its
        slash; None when there is nothing to serve. Raises ValueError for a hostile path."""
        if "\x00" in path or "\\" in path:
            raise ValueError("NUL or backslash in path")
        segments = path.split("/")
        if any(segment in (".", "..") for segment in segments):
            raise ValueError("dot segment in path")
        parts = [segment for segment in segments if segment]
        # Hidden files (.git, .DS_Store…) are never part of the site, except .well-known.
        if any(part.startswith(".") and part != ".well-known" for part in parts):
            return None
        candidate = self.root.joinpath(*parts)
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):  # missing file, symlink loop
            return None
        if real != self.root and self.root not in real.parents:
            return None  # a symlink that leads out of the site
        if real.is_dir():
            if not path.endswith("/"):
                return quote(path, safe="/") + "/"
            index = real / "index.html"
            return index if index.is_file() else None
        if path.endswith("/") or not real.is_file():
            return None
        return real

    def not_found(self) -> Response:
        # Read at every miss: the site may have been rebuilt since the gateway started.
        custom = self.root / "404.html"
        try:
            body = custom.read_bytes()
        except OSError:
            return pages.not_found()
        return "404 Not Found", [("Content-Type", pages.HTML), ("Cache-Control", "no-store")], body

    def respond(self, environ: dict, path: str) -> Response:
        method = environ.get("REQUEST_METHOD", "GET").upper()
        try:
            found = self.locate(path)
        except ValueError:
            return pages.bad_request()
        if found is None:
            return self.not_found()
        if method not in ALLOWED:
            return pages.method_not_allowed(ALLOWED)
        if isinstance(found, str):
            query = environ.get("QUERY_STRING", "")
            location = f"{found}?{query}" if query else found
            return "301 Moved Permanently", [("Location", location), ("Cache-Control", "no-store")], b""
        try:
            stat = found.stat()
            body = found.read_bytes()
        except OSError:
            return self.not_found()  # removed between the check and the read (a rebuild)
        etag = _etag(stat)
        # no-cache: the browser keeps the file but asks again each time, so a rebuilt page
        # shows at once; the ETag makes the question cheap (304).
        headers = [
            ("ETag", etag),
            ("Last-Modified", formatdate(stat.st_mtime, usegmt=True)),
            ("Cache-Control", "no-cache"),
        ]
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match and _etag_matches(if_none_match, etag):
            return "304 Not Modified", headers, b""
        return "200 OK", [("Content-Type", content_type(found)), *headers], body
