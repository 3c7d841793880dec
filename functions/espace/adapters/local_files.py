"""The files port on a local folder: ``<root>/<key>`` holds the bytes and
``<root>/<key>.meta.json`` the content type, so the folder stays easy to browse.

Writes go to a temporary file in the same folder and are renamed into place
(os.replace is atomic on one file system): a reader sees the old file or the new
one, never half of one, even if the process dies mid-write.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from espace.adapters._checks import RESERVED_SUFFIXES, check_file_key, check_file_prefix
from espace.ports import FileMissingError, StoredFile, StoreError

_META = ".meta.json"
_TEMP = ".~tmp"
_DEFAULT_TYPE = "application/octet-stream"


class LocalFileStore:
    def __init__(self, root: str | Path):
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        check_file_key(key)
        path = self.root.joinpath(*key.split("/"))
        # The checks already exclude "..", absolute paths and backslashes; this catches a
        # symbolic link inside the root that points outside it.
        if not path.resolve().is_relative_to(self.root):
            raise ValueError(f"file key {key!r} leads outside the store")
        return path

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError("file data is bytes")
        if not isinstance(content_type, str) or not content_type or any(ord(c) < 0x20 for c in content_type):
            raise ValueError(f"bad content type {content_type!r}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path.with_name(path.name + _META),
                              json.dumps({"content_type": content_type}).encode("utf-8"))
            _write_atomically(path, bytes(data))
        except (FileExistsError, NotADirectoryError, IsADirectoryError) as error:
            # S3 lets "a" and "a/b" both be keys; a file system cannot.
            raise StoreError(f"file key {key!r} clashes with another key's folder") from error
        except OSError as error:
            raise StoreError(f"cannot write {key!r}: {error}") from error

    def get(self, key: str) -> StoredFile:
        path = self._path(key)
        try:
            data = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError) as error:
            raise FileMissingError(key) from error
        except OSError as error:
            raise StoreError(f"cannot read {key!r}: {error}") from error
        try:
            content_type = json.loads(path.with_name(path.name + _META).read_text("utf-8"))["content_type"]
        except (OSError, ValueError, KeyError):
            content_type = _DEFAULT_TYPE  # a file dropped in by hand has no sidecar
        return StoredFile(data=data, content_type=content_type)

    def delete(self, key: str) -> None:
        path = self._path(key)
        try:
            self._remove(path)
        except OSError as error:
            raise StoreError(f"cannot delete {key!r}: {error}") from error
        self._prune(path.parent)

    def list(self, prefix: str) -> list[str]:
        check_file_prefix(prefix, allow_empty=True)
        # Walk only the deepest folder the prefix fully names, then filter by string:
        # a prefix may stop inside a segment ("cv/2024-" matches "cv/2024-01.pdf").
        folder_part = prefix.rpartition("/")[0]
        start = self.root.joinpath(*folder_part.split("/")) if folder_part else self.root
        if not start.is_dir() or not start.resolve().is_relative_to(self.root):
            return []
        keys = []
        for folder, _dirs, names in os.walk(start):
            relative = Path(folder).relative_to(self.root).as_posix()
            for name in names:
                if name.endswith(RESERVED_SUFFIXES):  # sidecars and unfinished writes
                    continue
                key = name if relative == "." else f"{relative}/{name}"
                if key.startswith(prefix):
                    keys.append(key)
        return sorted(keys)

    def delete_prefix(self, prefix: str) -> int:
        check_file_prefix(prefix, allow_empty=False)
        keys = self.list(prefix)
        folders = set()
        try:
            for key in keys:
                path = self._path(key)
                self._remove(path)
                folders.add(path.parent)
        except OSError as error:
            raise StoreError(f"cannot delete under {prefix!r}: {error}") from error
        # Deepest first, so a parent is tried once its children are gone.
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            self._prune(folder)
        return len(keys)

    def upload_form(self, key: str, max_bytes: int, redirect: str, expires_in: int = 3600) -> dict[str, Any] | None:
        """None: a local store receives its files through the application (no direct upload)."""
        check_file_key(key)
        return None

    @staticmethod
    def _remove(path: Path) -> None:
        path.unlink(missing_ok=True)
        path.with_name(path.name + _META).unlink(missing_ok=True)

    def _prune(self, folder: Path) -> None:
        """Remove folders left empty, so a deleted account leaves no folder named after it."""
        while folder != self.root and folder.is_relative_to(self.root):
            try:
                folder.rmdir()
            except OSError:  # not empty (or already gone): stop here
                return
            folder = folder.parent


def _write_atomically(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMP)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
