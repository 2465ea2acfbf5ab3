"""Tests for framework/core/files/uploadedfile.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framework.core.files import (
    InMemoryUploadedFile,
    TemporaryUploadedFile,
    UploadedFile,
)
from framework.core.files.uploadedfile import sanitize_filename


def test_in_memory_file() -> None:
    upload = InMemoryUploadedFile(
        b"hello world", "a.txt", "text/plain", charset="utf-8"
    )
    assert isinstance(upload, UploadedFile)
    assert (upload.name, upload.content_type, upload.size) == (
        "a.txt",
        "text/plain",
        11,
    )
    assert upload.charset == "utf-8"
    assert upload.content_type_extra == {}
    assert upload.read(5) == b"hello"
    assert upload.read() == b" world"
    assert upload.seek(0) == 0
    assert upload.read() == b"hello world"
    assert repr(upload) == "<InMemoryUploadedFile: a.txt (text/plain)>"


def test_chunks_restart_from_the_beginning() -> None:
    upload = InMemoryUploadedFile(b"abcdefg", "a", "x/y")
    upload.read(3)
    assert list(upload.chunks(3)) == [b"abc", b"def", b"g"]
    assert list(upload.chunks()) == [b"abcdefg"]


def test_multiple_chunks() -> None:
    upload = InMemoryUploadedFile(b"x" * 10, "a", "x/y")
    assert upload.multiple_chunks(chunk_size=5)
    assert not upload.multiple_chunks(chunk_size=10)
    assert not upload.multiple_chunks()


def test_context_manager_closes() -> None:
    with InMemoryUploadedFile(b"x", "a", "x/y") as upload:
        assert not upload.file.closed
    assert upload.file.closed


def test_temporary_file_is_on_disk_and_removed_on_close(tmp_path: Path) -> None:
    upload = TemporaryUploadedFile(
        "big.bin",
        "application/octet-stream",
        temp_dir=str(tmp_path),
        content_type_extra={"a": "b"},
    )
    upload.file.write(b"data" * 100)
    upload.size = 400
    upload.file.seek(0)
    path = upload.temporary_file_path()
    assert os.path.dirname(path) == str(tmp_path)
    assert Path(path).stat().st_size == 400
    assert b"".join(upload.chunks(64)) == b"data" * 100
    assert upload.content_type_extra == {"a": "b"}
    upload.close()
    assert not Path(path).exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\x\\a.txt", "a.txt"),
        ("\\\\server\\share\\b.txt", "b.txt"),
        ("/abs/c.txt", "c.txt"),
        ("dir/", ""),
        ("..", ""),
        (".", ""),
        (". .", ""),
        (".bashrc", "bashrc"),
        ("  spaced name.txt  ", "spaced name.txt"),
        ("a\x00b.txt", "ab.txt"),
        ("new\nline\r.txt", "newline.txt"),
        ("tab\there.txt", "tabhere.txt"),
        ("del\x7f.txt", "del.txt"),
        ("zero\u200bwidth.txt", "zerowidth.txt"),
        ("résumé.pdf", "résumé.pdf"),
        ("x/..\x00/y.txt", "y.txt"),
    ],
)
def test_sanitize_filename(name: str, expected: str) -> None:
    assert sanitize_filename(name) == expected


def test_sanitize_filename_truncates_keeping_extension() -> None:
    result = sanitize_filename("a" * 400 + ".tar")
    assert len(result) == 255
    assert result.endswith("a.tar")


def test_sanitize_filename_truncates_huge_extension() -> None:
    result = sanitize_filename("name." + "e" * 400)
    assert len(result) <= 255
    assert result.startswith("name")
