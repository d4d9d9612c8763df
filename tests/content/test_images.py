"""images.py: an image is a real PNG or JPEG inside the publication, or a message saying why not."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from pamphleteer.content import images


def test_a_good_image_gives_its_real_path(tmp_path):
    Image.new("RGB", (20, 10), "white").save(tmp_path / "a.png")
    assert images.check(tmp_path, "a.png") == (tmp_path / "a.png").resolve()
    assert images.size(tmp_path / "a.png") == (20, 10)


def test_what_is_not_an_image_inside_the_folder(tmp_path):
    root = tmp_path / "pub"
    root.mkdir()
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "out.png").symlink_to(tmp_path / "outside.png")
    (root / "folder.png").mkdir()
    (root / "big.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * images.MAX_BYTES)
    assert [images.check(root, n) for n in ["out.png", "folder.png", "big.png", "../outside.png", "C:/x.png"]] == [
        "'out.png' links outside the publication folder",
        "'folder.png' is not a regular file",
        f"image 'big.png' is too large ({images.MAX_BYTES + 8:,} bytes; at most 20,000,000)",
        "'../outside.png' leaves the publication folder",
        "'C:/x.png' is an absolute path; give a path inside the publication folder",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_pipe_named_like_an_image_is_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.png")
    assert images.check(tmp_path, "pipe.png") == "'pipe.png' is not a regular file"
