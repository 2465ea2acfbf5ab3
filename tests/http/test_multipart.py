"""Tests for framework/http/multipart.py."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any

import pytest

from framework.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from framework.core.files.uploadedfile import (
    InMemoryUploadedFile,
    TemporaryUploadedFile,
)
from framework.http.datastructures import MultiValueDict, QueryDict
from framework.http.multipart import (
    MultiPartLimits,
    MultiPartParser,
    MultiPartParserError,
)

B = "----formBoundary7MA4YWxkTrZu0gW"


class Trickle(io.RawIOBase):
    """A stream that hands out a few bytes per read, as a slow socket might."""

    def __init__(self, data: bytes, sizes: tuple[int, int] = (1, 7), seed: int = 0):
        self.data = data
        self.pos = 0
        self.rng = random.Random(seed)
        self.sizes = sizes

    def read(self, size: int | None = -1) -> bytes:
        step = self.rng.randint(*self.sizes)
        if size is not None and size >= 0:
            step = min(step, size)
        chunk = self.data[self.pos : self.pos + step]
        self.pos += len(chunk)
        return chunk


def part(
    name: str, content: bytes | str, filename: str | None = None, **headers: str
) -> bytes:
    disposition = f'form-data; name="{name}"'
    if filename is not None:
        disposition += f'; filename="{filename}"'
    lines = [f"Content-Disposition: {disposition}"]
    lines += [f"{key.replace('_', '-')}: {value}" for key, value in headers.items()]
    data = content.encode() if isinstance(content, str) else content
    return (
        f"--{B}\r\n".encode()
        + "\r\n".join(lines).encode()
        + b"\r\n\r\n"
        + data
        + b"\r\n"
    )


def body(*parts: bytes, preamble: bytes = b"", epilogue: bytes = b"") -> bytes:
    return preamble + b"".join(parts) + f"--{B}--".encode() + epilogue


def parse(
    data: bytes | io.RawIOBase, boundary: str = B, **limits: Any
) -> tuple[QueryDict, MultiValueDict]:
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    return MultiPartParser(stream, boundary, MultiPartLimits(**limits)).parse()  # type: ignore[arg-type]


def close_all(files: MultiValueDict) -> None:
    for _, uploads in files.lists():
        for upload in uploads:
            upload.close()


FORM = body(
    part("title", "Hello world"),
    part("tags", "a"),
    part("tags", "b"),
    part(
        "doc",
        b"line1\r\nline2\r\n",
        "notes.txt",
        Content_Type="text/plain; charset=utf-8",
    ),
    part("pic", b"\x89PNG\r\n\x1a\n\x00\xff", "p.png", Content_Type="image/png"),
)


def check_form(post: QueryDict, files: MultiValueDict) -> None:
    assert post.dict() == {"title": "Hello world", "tags": "b"}
    assert post.getlist("tags") == ["a", "b"]
    doc, pic = files["doc"], files["pic"]
    assert isinstance(doc, InMemoryUploadedFile)
    assert (doc.name, doc.content_type, doc.charset, doc.size) == (
        "notes.txt",
        "text/plain",
        "utf-8",
        14,
    )
    assert doc.read() == b"line1\r\nline2\r\n"
    assert pic.read() == b"\x89PNG\r\n\x1a\n\x00\xff"
    assert pic.content_type == "image/png"


def test_form_with_fields_and_files() -> None:
    post, files = parse(FORM)
    check_form(post, files)
    with pytest.raises(AttributeError):
        post["title"] = "x"


@pytest.mark.parametrize("seed", range(20))
def test_tiny_chunks_give_the_same_result(seed: int) -> None:
    check_form(*parse(Trickle(FORM, seed=seed)))


def test_one_byte_reads() -> None:
    check_form(*parse(Trickle(FORM, sizes=(1, 1))))


def test_preamble_and_epilogue_are_ignored() -> None:
    data = body(
        part("a", "1"),
        preamble=b"This is a preamble.\r\n--not-the-boundary\r\n",
        epilogue=b"\r\nThis is the epilogue; --" + B.encode() + b"\r\nignored",
    )
    post, files = parse(data)
    assert post.dict() == {"a": "1"}
    assert not files


def test_boundary_like_text_inside_data() -> None:
    tricky = (
        b"--" + B.encode() + b" at start, "
        b"x--" + B.encode() + b" mid-line, \n--" + B.encode() + b" after bare LF, "
        b"\r\n--" + B[:-1].encode() + b" a shorter prefix"
    )
    post, files = parse(body(part("f", tricky), part("up", tricky, "t.bin")))
    assert post["f"].encode() == tricky
    assert files["up"].read() == tricky


def test_crlf_at_the_edges_of_data() -> None:
    data = b"\r\n\r\nmiddle\r\n\r\n"
    post, files = parse(body(part("f", data), part("u", data, "a.txt")))
    assert post["f"] == data.decode()
    assert files["u"].read() == data


def test_empty_values_and_files() -> None:
    post, files = parse(body(part("empty", ""), part("zero", b"", "zero.txt")))
    assert post["empty"] == ""
    assert files["zero"].size == 0
    assert files["zero"].read() == b""


def test_empty_filename_part_is_skipped() -> None:
    post, files = parse(body(part("up", b"", ""), part("a", "1")))
    assert "up" not in files
    assert "up" not in post
    assert post["a"] == "1"


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\\\x\\\\a.txt", "a.txt"),
        ("/abs/path/b.txt", "b.txt"),
        ("a\x01b\x7fc.txt", "abc.txt"),
        ("..", None),
        ("dir/", None),
    ],
)
def test_filename_sanitising(sent: str, kept: str | None) -> None:
    post, files = parse(body(part("up", b"data", sent)))
    if kept is None:
        assert "up" not in files
    else:
        assert files["up"].name == kept
    assert not post


def test_rfc2231_filename_and_name() -> None:
    data = (
        f"--{B}\r\nContent-Disposition: form-data; name*=UTF-8''na%C3%AFve; "
        f"filename*=UTF-8''%E2%82%AC%20rates.txt\r\n\r\nbody\r\n--{B}--"
    ).encode()
    post, files = parse(data)
    assert files["naïve"].name == "€ rates.txt"
    assert files["naïve"].read() == b"body"


def test_utf8_filename_and_field_name() -> None:
    post, files = parse(body(part("prénom", "Zoë"), part("f", b"x", "résumé.pdf")))
    assert post["prénom"] == "Zoë"
    assert files["f"].name == "résumé.pdf"


def test_content_type_extra_parameters() -> None:
    post, files = parse(
        body(part("f", b"x", "a.txt", Content_Type="text/plain; foo=bar"))
    )
    assert files["f"].content_type_extra == {"foo": "bar"}
    assert files["f"].charset is None


def test_file_without_content_type_is_octet_stream() -> None:
    post, files = parse(body(part("f", b"x", "a.bin")))
    assert files["f"].content_type == "application/octet-stream"


def test_large_file_is_spooled_to_disk(tmp_path: Path) -> None:
    big = bytes(range(256)) * 40  # 10 KiB
    post, files = parse(
        Trickle(
            body(part("big", big, "big.bin"), part("small", b"s", "s.txt")), (50, 900)
        ),
        file_memory_size=1000,
        temp_dir=str(tmp_path),
    )
    upload = files["big"]
    try:
        assert isinstance(upload, TemporaryUploadedFile)
        assert upload.size == len(big)
        assert Path(upload.temporary_file_path()).parent == tmp_path
        assert Path(upload.temporary_file_path()).read_bytes() == big
        assert b"".join(upload.chunks(1000)) == big
        assert isinstance(files["small"], InMemoryUploadedFile)
    finally:
        close_all(files)
    assert list(tmp_path.iterdir()) == []


def test_file_at_exactly_the_memory_limit_stays_in_memory() -> None:
    post, files = parse(body(part("f", b"x" * 100, "a.txt")), file_memory_size=100)
    assert isinstance(files["f"], InMemoryUploadedFile)


def test_multiple_files_under_one_name() -> None:
    post, files = parse(body(part("f", b"1", "a.txt"), part("f", b"2", "b.txt")))
    assert [u.read() for u in files.getlist("f")] == [b"1", b"2"]


# -- limits ------------------------------------------------------------------------


def test_field_count_limit_counts_repeated_names() -> None:
    data = body(*[part("same", str(i)) for i in range(4)])
    assert len(parse(data, max_fields=4)[0].getlist("same")) == 4
    with pytest.raises(TooManyFieldsSent, match="DATA_UPLOAD_MAX_NUMBER_FIELDS"):
        parse(data, max_fields=3)


def test_files_do_not_count_as_fields() -> None:
    data = body(part("a", "1"), part("f", b"x", "a.txt"), part("g", b"y", "b.txt"))
    post, files = parse(data, max_fields=1)
    assert len(files) == 2


def test_file_count_limit(tmp_path: Path) -> None:
    data = body(*[part("f", b"x" * 50, f"{i}.txt") for i in range(3)])
    with pytest.raises(TooManyFilesSent, match="DATA_UPLOAD_MAX_NUMBER_FILES"):
        parse(data, max_files=2, file_memory_size=10, temp_dir=str(tmp_path))
    assert list(tmp_path.iterdir()) == []  # spooled files were removed


def test_field_bytes_limit_excludes_files() -> None:
    data = body(part("a", "x" * 6), part("b", "y" * 4), part("f", b"z" * 100, "f.txt"))
    post, files = parse(data, max_memory_size=10)
    assert post["a"] == "xxxxxx"
    with pytest.raises(RequestDataTooBig, match="DATA_UPLOAD_MAX_MEMORY_SIZE"):
        parse(data, max_memory_size=9)


def test_no_limits() -> None:
    data = body(*[part("f", "v") for i in range(50)])
    post, _ = parse(data, max_fields=None, max_files=None, max_memory_size=None)
    assert len(post.getlist("f")) == 50


def test_limit_errors_are_4xx() -> None:
    for error in (TooManyFieldsSent, TooManyFilesSent, RequestDataTooBig):
        assert issubclass(error, SuspiciousOperation)
    assert RequestDataTooBig.status_code == 413
    assert issubclass(MultiPartParserError, BadRequest)


# -- malformed bodies ---------------------------------------------------------------


@pytest.mark.parametrize("boundary", ["", "x" * 201, "bøundary"])
def test_bad_boundary(boundary: str) -> None:
    with pytest.raises(MultiPartParserError, match="boundary"):
        parse(FORM, boundary=boundary)


def test_body_without_the_boundary() -> None:
    with pytest.raises(MultiPartParserError, match="no boundary"):
        parse(b"just some bytes with no delimiter at all")
    with pytest.raises(MultiPartParserError):
        parse(b"")


@pytest.mark.parametrize(
    "cut", [10, len(FORM) // 2, len(FORM) - len(B) - 3, len(FORM) - 3]
)
def test_truncated_body(cut: int) -> None:
    with pytest.raises(MultiPartParserError):
        parse(FORM[:cut])


def test_truncated_right_after_a_delimiter() -> None:
    with pytest.raises(MultiPartParserError):
        parse(part("a", "1") + f"--{B}".encode())


def test_huge_part_headers() -> None:
    data = f"--{B}\r\nContent-Disposition: form-data; name=a\r\nX-Pad: ".encode()
    data += b"p" * 100_000 + b"\r\n\r\nv\r\n" + f"--{B}--".encode()
    with pytest.raises(MultiPartParserError, match="headers"):
        parse(data)


def test_headers_never_end() -> None:
    with pytest.raises(MultiPartParserError, match="headers"):
        parse(
            f"--{B}\r\nContent-Disposition: form-data; name=a\r\n".encode() + b"x" * 10
        )


@pytest.mark.parametrize(
    "headers",
    [
        b"",
        b"Content-Disposition: attachment; name=a",
        b"Content-Disposition: form-data",
        b"Content-Disposition: form-data; name=",
        b"Content-Type: text/plain",
    ],
)
def test_part_needs_a_form_data_name(headers: bytes) -> None:
    data = f"--{B}\r\n".encode() + headers + b"\r\n\r\nv\r\n" + f"--{B}--".encode()
    with pytest.raises(MultiPartParserError, match="form-data name"):
        parse(data)


def test_invalid_utf8_field_value() -> None:
    with pytest.raises(MultiPartParserError, match="not valid utf-8"):
        parse(body(part("a", b"\xff\xfe")))


def test_invalid_utf8_file_content_is_fine() -> None:
    _, files = parse(body(part("a", b"\xff\xfe", "bin.dat")))
    assert files["a"].read() == b"\xff\xfe"


# -- fuzzing ------------------------------------------------------------------------

_ALLOWED = (BadRequest, SuspiciousOperation)


def _mutate(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        action = rng.randrange(6)
        at = rng.randrange(len(out) + 1)
        if action == 0 and out:  # flip a byte
            out[min(at, len(out) - 1)] = rng.randrange(256)
        elif action == 1:  # delete a run
            del out[at : at + rng.randint(1, 40)]
        elif action == 2:  # insert structural noise
            noise = rng.choice(
                [
                    b"\r\n",
                    b"--",
                    B.encode(),
                    b"\r\n--" + B.encode(),
                    b'"',
                    b";",
                    b"=",
                    b"\r\n\r\n",
                    b"filename*=UTF-8''%FF",
                    b"\xff",
                    b"\x00",
                    b":",
                ]
            )
            out[at:at] = noise
        elif action == 3:  # duplicate a slice
            start = rng.randrange(len(out) + 1)
            out[at:at] = out[start : start + rng.randint(1, 80)]
        elif action == 4:  # truncate
            del out[at:]
        else:  # reverse a short slice
            out[at : at + 8] = out[at : at + 8][::-1]
    return bytes(out)


def test_random_mutations_only_raise_client_errors(tmp_path: Path) -> None:
    rng = random.Random(20240607)
    seeds = [
        FORM,
        body(part("a", "1"), part("b", "x" * 200), part("f", b"y" * 300, "f.txt")),
        body(part("only", "v"), preamble=b"pre\r\n", epilogue=b"\r\npost"),
    ]
    outcomes = {"ok": 0, "error": 0}
    for i in range(300):
        data = _mutate(rng, rng.choice(seeds))
        stream: Any = Trickle(data, seed=i) if i % 2 else io.BytesIO(data)
        try:
            _, files = parse(
                stream,
                max_fields=5,
                max_files=2,
                max_memory_size=400,
                file_memory_size=64,
                temp_dir=str(tmp_path),
            )
        except _ALLOWED:
            outcomes["error"] += 1
        except Exception as exc:  # pragma: no cover - this is the failure
            pytest.fail(f"mutation {i} raised {exc!r} for body {data!r}")
        else:
            outcomes["ok"] += 1
            close_all(files)
    assert outcomes["ok"] > 10 and outcomes["error"] > 10
    assert list(tmp_path.iterdir()) == []
