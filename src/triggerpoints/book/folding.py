"""Folds away, in the book, the code cells that only import (`from triggerpoints import ...`).

The reader is a student of physiotherapy: the one-line calls that draw a map or start a quiz
stay visible (they show how to do the same in JupyterLab), the import line above them does
not teach anything. No notebook is tagged by hand: a cell whose every line is an import and
which has no output is given myst-nb's own "hide-input" mode, so myst-nb folds it into a
<details> ("Show the import"), and the print stylesheet leaves it out of print.
"""

import ast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

def imports_only(source):
    """True if the cell holds statements and every one is an import (no call, no assignment)."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    return bool(body) and all(isinstance(node, (ast.Import, ast.ImportFrom)) for node in body)


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
