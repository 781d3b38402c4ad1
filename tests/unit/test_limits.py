"""The one reader of a person's files: regular files only, the limit applied before reading."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from site_builder.limits import FileRefused, FileTooLarge, read_regular_file


def test_a_regular_file_within_the_limit_is_read(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    assert read_regular_file(path, 100, "a digest") == b"x" * 100


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 101)
    with pytest.raises(FileTooLarge) as caught:
        read_regular_file(path, 100, "a digest")
    assert caught.value.size == 101


@pytest.mark.parametrize("make, kind", [
    (lambda p: os.mkfifo(p), "a named pipe (FIFO)"),
    (lambda p: p.mkdir(), "a folder"),
    (lambda p: p.symlink_to("/dev/zero"), "a device"),
])
def test_what_is_not_a_regular_file_is_refused_unread(tmp_path: Path, make, kind: str):
    path = tmp_path / "x.txt"
    make(path)
    with pytest.raises(FileRefused, match=re.escape(f"is {kind}, not a file: a digest must be a regular file")) as caught:
        read_regular_file(path, 100, "a digest")
    assert not isinstance(caught.value, FileTooLarge)


def test_a_missing_file_is_an_os_error_for_the_caller_to_word(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        read_regular_file(tmp_path / "gone.txt", 100, "a digest")
