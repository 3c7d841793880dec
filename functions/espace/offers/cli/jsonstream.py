"""Read the offers of a v2 JSON file one at a time, without loading the file.

Accepts ``{"resultats": [...], ...}`` (a search response; other keys such as
``filtresPossibles`` are read and dropped, in any order) and a bare ``[...]``.
The 200,000-offer file of the generator is ~550 MB: ``json.load`` would build
about 3 GB of Python objects, this reader holds one chunk and one record.

How: the file is decoded in 1 MB chunks and each array element is handed to the
C decoder (``JSONDecoder.raw_decode``) as soon as it is complete in the buffer.
No dependency (ijson) is needed for these two shapes, and the C decoder is
faster than ijson's pure-Python path.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20
MAX_RECORD_CHARS = 16 << 20  # a record this big is not an offer: stop instead of buffering the file
_DECODER = json.JSONDecoder()
_WHITESPACE = " \t\n\r"


class JsonStreamError(ValueError):
    """The file is not JSON of an accepted shape; the message says where."""


class _Buffer:
    def __init__(self, handle: BinaryIO, on_bytes: Callable[[int], None] | None):
        self.handle, self.on_bytes = handle, on_bytes
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()  # a BOM is tolerated
        self.text, self.pos, self.eof = "", 0, False
        self.offset = 0  # characters dropped before self.text, for error positions

    def fill(self) -> bool:
        if self.eof:
            return False
        data = self.handle.read(CHUNK)
        if self.on_bytes and data:
            self.on_bytes(len(data))
        self.offset += self.pos
        try:
            self.text = self.text[self.pos:] + self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            raise JsonStreamError(f"le fichier n'est pas en UTF-8 (octet {error.start} d'un bloc)") from None
        self.pos = 0
        self.eof = not data
        return True

    def peek(self) -> str:
        """The next non-blank character ("" at the end of the file)."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _WHITESPACE:
                self.pos += 1
            if self.pos < len(self.text) or not self.fill():
                return self.text[self.pos:self.pos + 1]

    def expect(self, chars: str) -> str:
        found = self.peek()
        if not found or found not in chars:
            raise self.error(f"« {' ou '.join(chars)} » attendu, « {found or 'fin du fichier'} » trouvé")
        self.pos += 1
        return found

    def value(self):
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as error:
                # Incomplete in the buffer, or invalid: read on, up to a record's worth.
                if len(self.text) - self.pos > MAX_RECORD_CHARS or not self.fill():
                    raise self.error(error.msg, error.pos) from None
                continue
            if end == len(self.text) and self.fill():
                continue  # "12" may go on as "1234" in the next chunk
            self.pos = end
            return value

    def error(self, message: str, at: int | None = None) -> JsonStreamError:
        return JsonStreamError(f"JSON invalide au caractère {self.offset + (self.pos if at is None else at)} : "
                               f"{message}")


def iter_records(path: str | Path, on_bytes: Callable[[int], None] | None = None) -> Iterator[object]:
    """Each element of the file's offer list, in order. ``on_bytes(n)`` is told of each read."""
    with open(path, "rb") as handle:
        buffer = _Buffer(handle, on_bytes)
        first = buffer.expect("[{")
        if first == "[":
            yield from _array(buffer)
        else:
            found = False
            if buffer.peek() != "}":
                while True:
                    key = buffer.value()
                    if not isinstance(key, str):
                        raise buffer.error("une clé d'objet doit être une chaîne")
                    buffer.expect(":")
                    if key == "resultats":
                        found = True
                        buffer.expect("[")
                        yield from _array(buffer)
                    else:
                        buffer.value()  # filtresPossibles and the like: not offers
                    if buffer.expect(",}") == "}":
                        break
            else:
                buffer.expect("}")
            if not found:
                raise JsonStreamError("l'objet n'a pas de liste « resultats »")
        if buffer.peek():
            raise buffer.error("données après la fin du JSON")


def _array(buffer: _Buffer) -> Iterator[object]:
    if buffer.peek() == "]":
        buffer.pos += 1
        return
    while True:
        yield buffer.value()
        if buffer.expect(",]") == "]":
            return
