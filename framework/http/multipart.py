"""A streaming ``multipart/form-data`` parser with the request limits applied.

The body is read in chunks from a file-like stream; file parts go to memory up
to ``FILE_UPLOAD_MAX_MEMORY_SIZE`` and to a temporary file past it, so a large
upload never sits in memory whole. Every malformation raises a 4xx exception.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from typing import IO

from framework.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from framework.core.files.uploadedfile import (
    InMemoryUploadedFile,
    TemporaryUploadedFile,
    UploadedFile,
    sanitize_filename,
)
from framework.http.datastructures import MultiValueDict, QueryDict

__all__ = ["MultiPartLimits", "MultiPartParser", "MultiPartParserError"]

_CHUNK = 64 * 1024
_MAX_HEADER_BYTES = 16 * 1024
_MAX_BOUNDARY = 200


class MultiPartParserError(BadRequest):
    """The multipart body is malformed."""


@dataclass(frozen=True, slots=True)
class MultiPartLimits:
    """Limits read once from settings by the handler."""

    max_memory_size: int | None = 2621440
    max_fields: int | None = 1000
    max_files: int | None = 100
    file_memory_size: int = 2621440
    temp_dir: str | None = None


class _Part:
    """Collects one part's body into a field value or an uploaded file."""

    def __init__(self, name: str, filename: str | None, content_type: str,
                 limits: MultiPartLimits) -> None:
        self.name, self.filename, self.content_type = name, filename, content_type
        self.limits = limits
        self.buffer = bytearray()
        self.spooled: TemporaryUploadedFile | None = None
        self.size = 0

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.spooled is not None:
            self.spooled.file.write(data)
            return
        self.buffer += data
        if self.filename is not None and len(self.buffer) > self.limits.file_memory_size:
            self.spooled = TemporaryUploadedFile(
                self.filename, self.content_type, temp_dir=self.limits.temp_dir
            )
            self.spooled.file.write(bytes(self.buffer))
            self.buffer.clear()

    def upload(self) -> UploadedFile:
        if self.spooled is not None:
            self.spooled.size = self.size
            self.spooled.file.flush()
            self.spooled.file.seek(0)
            return self.spooled
        return InMemoryUploadedFile(bytes(self.buffer), self.filename or "", self.content_type)


class MultiPartParser:
    """Parse a multipart body from ``stream`` into ``(POST, FILES)``."""

    def __init__(self, stream: IO[bytes], boundary: str, limits: MultiPartLimits,
                 encoding: str = "utf-8") -> None:
        if not boundary or len(boundary) > _MAX_BOUNDARY or not boundary.isascii():
            raise MultiPartParserError("Invalid or missing multipart boundary.")
        self.read: Callable[[int], bytes] = stream.read
        self.delimiter = b"--" + boundary.encode("ascii")
        self.limits = limits
        self.encoding = encoding
        self.buf = b""
        self.eof = False
        self.field_bytes = 0

    def parse(self) -> tuple[QueryDict, MultiValueDict]:
        post, files = QueryDict(mutable=True), MultiValueDict()
        self._skip_preamble()
        while True:
            headers = self._read_headers()
            if headers is None:
                break
            part = self._new_part(headers, len(post) + len(files))
            done = self._read_body(part)
            self._store(part, post, files)
            if done:
                break
        post._mutable = False
        return post, files

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.read(_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.buf += chunk
        return True

    def _skip_preamble(self) -> None:
        while (at := self.buf.find(self.delimiter)) < 0:
            self.buf = self.buf[-len(self.delimiter):]
            if not self._fill():
                raise MultiPartParserError("The multipart body has no boundary line.")
        self.buf = self.buf[at + len(self.delimiter):]

    def _read_headers(self) -> Message | None:
        """Read after a delimiter: ``--`` ends the body, else CRLF and headers."""
        while len(self.buf) < 2 and self._fill():
            pass
        if self.buf.startswith(b"--"):
            return None
        while (end := self.buf.find(b"\r\n\r\n")) < 0:
            if len(self.buf) > _MAX_HEADER_BYTES or not self._fill():
                raise MultiPartParserError("A multipart part has malformed or huge headers.")
        raw, self.buf = self.buf[:end], self.buf[end + 4:]
        if len(raw) > _MAX_HEADER_BYTES:
            raise MultiPartParserError("A multipart part has huge headers.")
        message = Message()
        for line in raw.split(b"\r\n"):
            name, sep, value = line.partition(b":")
            if sep:
                text = value.strip().decode(self.encoding, errors="replace")
                message[name.strip().decode("latin-1")] = text
        return message

    def _new_part(self, headers: Message, count: int) -> _Part:
        name = headers.get_param("name", header="content-disposition")
        if not isinstance(name, str) or headers.get_content_disposition() != "form-data":
            raise MultiPartParserError("A multipart part lacks a form-data name.")
        filename = headers.get_filename()
        limit = self.limits.max_fields
        if limit is not None and count >= limit:
            raise TooManyFieldsSent(
                f"The request has more than {limit} fields; raise "
                "DATA_UPLOAD_MAX_NUMBER_FIELDS if this is expected."
            )
        content_type = headers.get_content_type() if "content-type" in headers else ""
        clean = sanitize_filename(filename) if filename is not None else None
        return _Part(name, clean, content_type or "application/octet-stream", self.limits)

    def _read_body(self, part: _Part) -> bool:
        """Copy the body to ``part``; return True when the closing delimiter follows."""
        marker = b"\r\n" + self.delimiter
        while True:
            at = self.buf.find(marker)
            if at >= 0:
                self._feed(part, self.buf[:at])
                self.buf = self.buf[at + len(marker):]
                while len(self.buf) < 2 and self._fill():
                    pass
                return self.buf.startswith(b"--")
            keep = len(marker) - 1
            if len(self.buf) > keep:
                self._feed(part, self.buf[:-keep])
                self.buf = self.buf[-keep:]
            if not self._fill():
                raise MultiPartParserError("The multipart body ended inside a part.")

    def _feed(self, part: _Part, data: bytes) -> None:
        if part.filename is None:
            self.field_bytes += len(data)
            limit = self.limits.max_memory_size
            if limit is not None and self.field_bytes > limit:
                raise RequestDataTooBig(
                    "The form fields exceed DATA_UPLOAD_MAX_MEMORY_SIZE; raise it if "
                    "this is expected."
                )
        part.write(data)

    def _store(self, part: _Part, post: QueryDict, files: MultiValueDict) -> None:
        if part.filename is None:
            try:
                post.appendlist(part.name, bytes(part.buffer).decode(self.encoding))
            except UnicodeDecodeError:
                raise MultiPartParserError(
                    f"The form field {part.name!r} is not valid {self.encoding}."
                ) from None
            return
        if not part.filename:
            return  # an empty file input: browsers send a part with filename=""
        limit = self.limits.max_files
        if limit is not None and sum(len(v) for _, v in files.lists()) >= limit:
            raise TooManyFilesSent(
                f"The request has more than {limit} files; raise "
                "DATA_UPLOAD_MAX_NUMBER_FILES if this is expected."
            )
        files.appendlist(part.name, part.upload())
