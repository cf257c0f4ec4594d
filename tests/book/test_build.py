"""The build fails loudly on a broken notebook, naming the notebook and the cell."""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from conftest import ROOT

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def test_a_failing_cell_fails_the_build_and_names_notebook_and_cell(tmp_path):
    config = (ROOT / "_config.yml").read_text()
    config = config.replace("  - book/references.bib", "  - refs.bib")
    (tmp_path / "_config.yml").write_text(config)
    (tmp_path / "refs.bib").write_text("")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: broken\n")
    (tmp_path / "index.md").write_text("# A tiny book\n")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Broken"),
        nbformat.v4.new_code_cell("fine = 1"),
        nbformat.v4.new_code_cell("raise ValueError('the zone table is empty')"),
    ]
    nbformat.write(nb, tmp_path / "broken.ipynb")
    build = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(tmp_path), "-W", "--keep-going"],
        capture_output=True, text=True,
    )
    log = build.stdout + build.stderr
    assert build.returncode != 0, log
    assert "broken" in log and "Executing notebook failed" in log, log
    assert "raise ValueError('the zone table is empty')" in log, log
    shutil.rmtree(tmp_path / "_build", ignore_errors=True)
