"""Folds away, in the book, the code cells that only import (`from triggerpoints import ...`).

The reader is a student of physiotherapy: the one-line calls that draw a map or start a quiz
stay visible (they show how to do the same in JupyterLab), the import line above them does
not teach anything. No notebook is tagged by hand: a cell whose every line is an import and
which has no output is given myst-nb's own "hide-input" mode, so myst-nb folds it into a
<details> ("Show the import"), and the print stylesheet leaves it out of print.
"""

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

IMPORT_LINE = re.compile(r"^\s*(?:from\s+[\w.]+\s+import\s+[\w\s,()*]+|import\s+[\w.,\s]+)\s*(?:#.*)?$")


def imports_only(source):
    """True if every non-blank line is an import (no call, no assignment)."""
    lines = [line for line in source.splitlines() if line.strip()]
    return bool(lines) and all(IMPORT_LINE.match(line) for line in lines)


class FoldImportCells(SphinxPostTransform):
    """Runs before myst-nb's HideInputCells (priority 199), which does the folding."""

    default_priority = 150
    formats = ("html",)

    def run(self, **kwargs):
        for cell in self.document.findall(nodes.container):
            if cell.get("nb_element") != "cell_code" or cell.get("hide_mode") or len(cell.children) != 1:
                continue
            source = cell.children[0]
            if source.get("nb_element") == "cell_code_source" and imports_only(source.astext()):
                cell["hide_mode"] = "input"
                cell["prompt_show"], cell["prompt_hide"] = "Show the import", "Hide the import"
                cell["classes"].append("tp-import-cell")


def setup_folding(app):
    app.add_post_transform(FoldImportCells)
