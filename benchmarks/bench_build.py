"""Cold `make book`, a cached rebuild after a one-line Markdown edit, and `make test`.

Each runs in a fresh copy of the tracked files (sharing this checkout's .venv), so the
measurement never disturbs the working tree's _build.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLD_BUDGET_S, CACHED_BUDGET_S, TEST_BUDGET_S = 120.0, 20.0, 900.0


def fresh_copy(dest):
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    (dest / ".venv").symlink_to(ROOT / ".venv")


def timed(cmd, cwd):
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, env=os.environ | {"MPLBACKEND": "Agg"})
    return time.perf_counter() - start


def run():
    with tempfile.TemporaryDirectory(prefix="tp-bench-") as tmp:
        copy = Path(tmp)
        fresh_copy(copy)
        build = [str(ROOT / ".venv/bin/jupyter-book"), "build", ".", "-W", "--keep-going"]
        cold = timed(build, copy)
        with open(copy / "book" / "intro.md", "a", encoding="utf-8") as page:
            page.write("\nOne more line, to measure a cached rebuild.\n")
        cached = timed(build, copy)
        test = timed(["make", "test"], copy)
    return [
        {"name": "cold book build", "value": cold, "unit": "s", "budget": COLD_BUDGET_S,
         "detail": "fresh _build, every notebook executed"},
        {"name": "cached rebuild after a one-line Markdown edit", "value": cached, "unit": "s",
         "budget": CACHED_BUDGET_S, "detail": "notebooks served from the execution cache"},
        {"name": "make test wall time", "value": test, "unit": "s", "budget": TEST_BUDGET_S,
         "detail": "set-up already done; book built, then every test"},
    ]
