"""Every notebook is stored as one clean, in-order run in a fresh python3 kernel."""

import json
from pathlib import Path

import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "book").glob("*.ipynb"))
ALLOWED_NOTEBOOK_METADATA = {"kernelspec", "language_info"}
ALLOWED_CELL_METADATA = {"tags"}


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def notebook(request):
    return request.param, load(request.param)


def test_there_are_lessons():
    assert (ROOT / "notebooks" / "00_welcome.ipynb") in NOTEBOOKS


def test_executed_top_to_bottom_once(notebook):
    path, nb = notebook
    counts = [c["execution_count"] for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: execution counts {counts}"


def test_no_error_outputs(notebook):
    path, nb = notebook
    for i, cell in enumerate(nb["cells"]):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name} cell {i}: {out.get('ename')}"
            assert out.get("name") != "stderr", f"{path.name} cell {i} wrote to stderr: {out.get('text')}"


def test_kernel_is_python3(notebook):
    path, nb = notebook
    assert nb["metadata"]["kernelspec"]["name"] == "python3", path.name


def test_no_stray_metadata(notebook):
    path, nb = notebook
    extra = set(nb["metadata"]) - ALLOWED_NOTEBOOK_METADATA
    assert not extra, f"{path.name}: notebook metadata {sorted(extra)}"
    for i, cell in enumerate(nb["cells"]):
        extra = set(cell.get("metadata", {})) - ALLOWED_CELL_METADATA
        assert not extra, f"{path.name} cell {i}: metadata {sorted(extra)}"
