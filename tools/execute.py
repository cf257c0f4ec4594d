"""Re-run notebooks in place, top to bottom, each in a fresh python3 kernel.

Stores only what the hygiene test allows: no timing or widget-state metadata, so a
re-run changes a notebook's file only when its outputs change.
Usage: python tools/execute.py notebooks/*.ipynb book/*.ipynb
"""

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

KEEP_NOTEBOOK = {"kernelspec", "language_info"}
KEEP_CELL = {"tags"}


def clean(nb):
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in KEEP_NOTEBOOK}
    for cell in nb.cells:
        cell.metadata = {k: v for k, v in cell.metadata.items() if k in KEEP_CELL}
    return nb


def execute(path):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, kernel_name="python3", timeout=300, record_timing=False,
        store_widget_state=False, resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    nbformat.write(clean(nb), path)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"executing {name}", flush=True)
        execute(Path(name))
