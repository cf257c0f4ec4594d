"""Poppler's command-line tools (Debian's poppler-utils, installed by `make pdftools`)."""

import shutil
import subprocess

import numpy as np
import pytest


def _tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is missing: `make pdftools` installs Debian's poppler-utils.")
    return path


def pdftext(path):
    out = subprocess.run([_tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return out.stdout


def words(path, page=None):
    """The PDF's text (or one page's), whitespace collapsed to single spaces."""
    pick = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run([_tool("pdftotext"), *pick, str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def info(path):
    return subprocess.run([_tool("pdfinfo"), str(path)], capture_output=True, text=True, check=True).stdout


def pages(path):
    return int(next(line.split()[-1] for line in info(path).splitlines() if line.startswith("Pages:")))


def fonts(path):
    """[(name, type, embedded, unicode map)] from pdffonts."""
    out = subprocess.run([_tool("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        cells = line.split()
        emb, _sub, uni = cells[-5:-2]
        rows.append((cells[0], " ".join(cells[1:-6]), emb == "yes", uni == "yes"))
    return rows


def grey_page(path, dpi, page=1):
    """One page rendered in greyscale by pdftoppm: a 2-D uint8 array (0 black, 255 white)."""
    out = subprocess.run([_tool("pdftoppm"), "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page),
                          str(path)], capture_output=True, check=True).stdout
    return _read_pgm(out)


def _read_pgm(data):
    """A binary PGM ("P5 width height maxval" then one byte per pixel)."""
    magic, width, height, rest = data.split(maxsplit=3)
    assert magic == b"P5", magic
    maxval, pixels = rest.split(b"\n", 1) if rest[:3] == b"255" else (None, None)
    assert maxval == b"255", rest[:10]
    width, height = int(width), int(height)
    return np.frombuffer(pixels[: width * height], dtype=np.uint8).reshape(height, width)
