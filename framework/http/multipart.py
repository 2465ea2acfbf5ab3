"""A streaming ``multipart/form-data`` parser with the request limits applied.

The body is read in chunks from a file-like stream; file parts go to memory up
to ``FILE_UPLOAD_MAX_MEMORY_SIZE`` and to a temporary file past it, so a large
upload never sits in memory whole. Every malformation raises a 4xx exception
(``MultiPartParserError`` is a ``BadRequest``; the limits raise the
``SuspiciousOperation`` subclasses named in their messages), and temporary
files made before an error are closed, which deletes them.

Not supported: ``Content-Transfer-Encoding`` (browsers never send it) and
nested ``multipart/mixed`` parts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from email.utils import collapse_rfc2231_value
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

    def __init__(
        self, name: str, filename: str | None, headers: Message, limits: MultiPartLimits
    ) -> None:
        self.name, self.filename, self.limits = name, filename, limits
        has_type = "content-type" in headers
        self.content_type = headers.get_content_type() if has_type else ""
        self.charset = headers.get_content_charset() if has_type else None
        self.extra = {
            key: value
            for key, value in (headers.get_params() or [])[1:]
            if key != "charset" and isinstance(value, str)
        }
        self.buffer = bytearray()
        self.spooled: TemporaryUploadedFile | None = None
        self.size = 0
        # A file input left empty still sends a part (filename=""); drop its data.
        self.discard = filename == ""

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.discard:
            return
        if self.spooled is not None:
            self.spooled.file.write(data)
            return
        self.buffer += data
        if self.filename and len(self.buffer) > self.limits.file_memory_size:
            self.spooled = TemporaryUploadedFile(
                self.filename,
                self._type(),
                temp_dir=self.limits.temp_dir,
                charset=self.charset,
                content_type_extra=self.extra,
            )
            self.spooled.file.write(bytes(self.buffer))
            self.buffer.clear()

    def _type(self) -> str:
        return self.content_type or "application/octet-stream"

    def upload(self) -> UploadedFile:
        if self.spooled is not None:
            self.spooled.size = self.size
            self.spooled.file.flush()
            self.spooled.file.seek(0)
            return self.spooled
        return InMemoryUploadedFile(
            bytes(self.buffer),
            self.filename or "",
            self._type(),
            charset=self.charset,
            content_type_extra=self.extra,
        )

    def close(self) -> None:
        if self.spooled is not None:
            self.spooled.close()


class MultiPartParser:
    """Parse a multipart body from ``stream`` into ``(POST, FILES)``."""

    def __init__(
        self,
        stream: IO[bytes],
        boundary: str,
        limits: MultiPartLimits,
        encoding: str = "utf-8",
    ) -> None:
        if not boundary or len(boundary) > _MAX_BOUNDARY or not boundary.isascii():
            raise MultiPartParserError("Invalid or missing multipart boundary.")
        self.read: Callable[[int], bytes] = stream.read
        self.delimiter = b"--" + boundary.encode("ascii")
        self.limits = limits
        self.encoding = encoding
        self.buf = b""
        self.eof = False
        self.field_bytes = 0
        self.field_count = 0
        self.file_count = 0

    def parse(self) -> tuple[QueryDict, MultiValueDict]:
        """Read the whole body; on any error, close the files made so far."""
        post, files = QueryDict(mutable=True, encoding=self.encoding), MultiValueDict()
        part: _Part | None = None
        try:
            self._skip_preamble()
            while (headers := self._read_headers()) is not None:
                part = self._new_part(headers)
                done = self._read_body(part)
                self._store(part, post, files)
                part = None
                if done:
                    break
        except BaseException:
            if part is not None:
                part.close()
            for _, uploads in files.lists():
                for upload in uploads:
                    upload.close()
            raise
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
        keep = len(self.delimiter) - 1
        while (at := self.buf.find(self.delimiter)) < 0:
            self.buf = self.buf[-keep:]
            if not self._fill():
                raise MultiPartParserError("The multipart body has no boundary line.")
        self.buf = self.buf[at + len(self.delimiter) :]

    def _read_headers(self) -> Message | None:
        """Read after a delimiter: ``--`` ends the body, else CRLF and headers."""
        while len(self.buf) < 2 and self._fill():
            pass
        if self.buf.startswith(b"--"):
            return None
        while (end := self.buf.find(b"\r\n\r\n")) < 0:
            if len(self.buf) > _MAX_HEADER_BYTES or not self._fill():
                raise MultiPartParserError(
                    "A multipart part has malformed or huge headers."
                )
        raw, self.buf = self.buf[:end], self.buf[end + 4 :]
        if len(raw) > _MAX_HEADER_BYTES:
            raise MultiPartParserError("A multipart part has huge headers.")
        message = Message()
        for line in raw.split(b"\r\n"):
            name, sep, value = line.partition(b":")
            if sep and name.strip():
                text = value.strip().decode(self.encoding, errors="replace")
                message[name.strip().decode("latin-1")] = text
        return message

    def _new_part(self, headers: Message) -> _Part:
        """Check the part's name and the count limits before reading its body."""
        raw_name = headers.get_param("name", header="content-disposition")
        if headers.get_content_disposition() != "form-data" or not raw_name:
            raise MultiPartParserError("A multipart part lacks a form-data name.")
        name = collapse_rfc2231_value(raw_name)
        filename = headers.get_filename()
        if filename is None:
            self.field_count += 1
            self._check(
                self.field_count,
                self.limits.max_fields,
                TooManyFieldsSent,
                "fields",
                "DATA_UPLOAD_MAX_NUMBER_FIELDS",
            )
            return _Part(name, None, headers, self.limits)
        self.file_count += 1
        self._check(
            self.file_count,
            self.limits.max_files,
            TooManyFilesSent,
            "files",
            "DATA_UPLOAD_MAX_NUMBER_FILES",
        )
        return _Part(name, sanitize_filename(filename), headers, self.limits)

    @staticmethod
    def _check(
        count: int, limit: int | None, error: type[Exception], what: str, setting: str
    ) -> None:
        if limit is not None and count > limit:
            raise error(
                f"The request has more than {limit} {what}; raise {setting} if this "
                "is expected."
            )

    def _read_body(self, part: _Part) -> bool:
        """Copy the body to ``part``; return True when the closing delimiter follows."""
        marker = b"\r\n" + self.delimiter
        keep = len(marker) - 1
        while True:
            at = self.buf.find(marker)
            if at >= 0:
                self._feed(part, self.buf[:at])
                self.buf = self.buf[at + len(marker) :]
                while len(self.buf) < 2 and self._fill():
                    pass
                return self.buf.startswith(b"--")
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
        elif part.filename:
            files.appendlist(part.name, part.upload())
        # else: no file chosen, or a name that sanitised to nothing: skip it.
