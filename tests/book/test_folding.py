"""Which code cells the book folds away: those that only import."""

import pytest
from triggerpoints.book.folding import imports_only


@pytest.mark.parametrize("source", [
    "from triggerpoints import show_map, explore, quiz",
    "from triggerpoints import (show_map,\n    explore)\n",
    "import triggerpoints\n\nfrom triggerpoints.maps import show_map  # the maps",
])
def test_import_cells_are_folded(source):
    assert imports_only(source)


@pytest.mark.parametrize("source", [
    'show_map("piriformis")',
    "from triggerpoints import explore\n\nexplore(muscles=['quadratus_lumborum'])",
    "x = 1", "", "   \n",
])
def test_cells_that_do_something_are_not(source):
    assert not imports_only(source)
