"""Objects for files uploaded in a multipart request (``request.FILES``)."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from typing import IO, Any

__all__ = [
    "InMemoryUploadedFile",
    "TemporaryUploadedFile",
    "UploadedFile",
    "sanitize_filename",
]

_CHUNK = 64 * 1024
_MAX_NAME = 255


class UploadedFile:
    """An uploaded file: a binary file object plus the name and type the client sent.

    ``name`` is already sanitised: a base name with no folders and no control
    characters, so it is safe to show, though never safe to trust as a path.
    """

    def __init__(
        self,
        file: IO[bytes],
        name: str,
        content_type: str,
        size: int,
        charset: str | None = None,
        content_type_extra: dict[str, str] | None = None,
    ) -> None:
        self.file = file
        self.name = name
        self.content_type = content_type
        self.size = size
        self.charset = charset
        self.content_type_extra = content_type_extra or {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.name} ({self.content_type})>"

    def read(self, size: int = -1) -> bytes:
        return self.file.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.file.seek(offset, whence)

    def chunks(self, chunk_size: int = _CHUNK) -> Iterator[bytes]:
        """Yield the content in pieces, from the start, without loading it whole."""
        self.file.seek(0)
        while chunk := self.file.read(chunk_size):
            yield chunk

    def multiple_chunks(self, chunk_size: int = _CHUNK) -> bool:
        return self.size > chunk_size

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> UploadedFile:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class InMemoryUploadedFile(UploadedFile):
    """A small upload held in memory."""

    def __init__(
        self, data: bytes, name: str, content_type: str, **kwargs: Any
    ) -> None:
        super().__init__(io.BytesIO(data), name, content_type, len(data), **kwargs)


class TemporaryUploadedFile(UploadedFile):
    """A large upload spooled to a temporary file that is removed on close."""

    def __init__(
        self, name: str, content_type: str, temp_dir: str | None = None, **kwargs: Any
    ) -> None:
        file = tempfile.NamedTemporaryFile(suffix=".upload", dir=temp_dir)  # noqa: SIM115
        super().__init__(file, name, content_type, 0, **kwargs)

    def temporary_file_path(self) -> str:
        """Return the path of the spooled file on disk."""
        return str(self.file.name)


def sanitize_filename(name: str) -> str:
    """Reduce a client-sent file name to a harmless base name.

    Drops any folder part (``/`` or ``\\``), control and other unprintable
    characters, and leading dots and spaces, so ``../../etc/passwd`` becomes
    ``passwd`` and ``C:\\x\\a.txt`` becomes ``a.txt``. Names are cut to 255
    characters, keeping the extension. An empty result means "no usable name".
    """
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable())
    name = name.strip().lstrip(". ").rstrip()
    if len(name) > _MAX_NAME:
        stem, ext = os.path.splitext(name)
        ext = ext[: _MAX_NAME // 4]  # a huge "extension" is not one worth keeping
        name = stem[: _MAX_NAME - len(ext)] + ext
    return name
