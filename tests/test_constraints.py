"""The whole environment is pinned: constraints.txt holds every installed package at one version."""

import importlib.metadata
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("lock", ROOT / "tools" / "lock.py")
lock = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lock)


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(path):
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[_norm(name)] = version
    return pins


def test_every_direct_pin_is_in_the_lock_at_the_same_version():
    direct = _pins(ROOT / "requirements.txt")
    locked = _pins(ROOT / "constraints.txt")
    wrong = {n: (v, locked.get(n)) for n, v in direct.items() if locked.get(n) != v}
    assert not wrong, f"requirements.txt and constraints.txt disagree (run `make constraints`): {wrong}"


def test_the_themes_behind_the_menu_are_pinned():
    locked = _pins(ROOT / "constraints.txt")
    assert {"pydata-sphinx-theme", "sphinx-book-theme", "sphinx", "myst-nb"} <= set(locked)


def test_the_installed_environment_is_the_locked_one():
    locked = _pins(ROOT / "constraints.txt")
    off = {}
    for name, version in locked.items():
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            off[name] = (version, installed)
    assert not off, f"installed packages differ from constraints.txt (locked, installed): {off}"


def test_lock_writes_sorted_pins_from_a_pip_report(tmp_path):
    report = {"install": [{"metadata": {"name": "Sphinx_Book.Theme", "version": "1.3.0"}},
                          {"metadata": {"name": "alabaster", "version": "0.7.16"}}]}
    assert lock.pins(report) == ["alabaster==0.7.16", "sphinx-book-theme==1.3.0"]


@pytest.mark.parametrize("report, message", [
    ({"install": []}, "lists nothing to install"),
    ({"install": [{"metadata": {"name": "x"}, "download_info": {"url": "u"}}]}, "without name or version"),
])
def test_lock_refuses_a_report_it_cannot_trust(report, message):
    with pytest.raises(ValueError, match=message):
        lock.pins(report)
