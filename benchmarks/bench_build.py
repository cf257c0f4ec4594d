"""Cold `make book`, a cached rebuild after a one-line Markdown edit, and `make test`.

Each runs in a fresh copy of the tracked files (sharing this checkout's .venv, with the copy's
own `src/` first on the path), so the measurement never disturbs the working tree's _build.
The cold build goes through `make book`, as a newcomer's does, so the Anki deck the site links
(`html_extra_path`) is made first. The same run also builds BASELINE, the book as it stood before
the third wave's figures, so the cold build is judged against a baseline taken on the same
machine at the same moment. Budget: at most 20 % over it (the figures' issue), plus the 60 s the
whole-course PDF and the fuller deck may add (the study issue; bench_study times those two steps).
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "1d5a596"  # main before the third wave (issues 23-28)
COLD_OVER_BASELINE, STUDY_STEPS_S, CACHED_BUDGET_S, TEST_BUDGET_S = 1.20, 60.0, 20.0, 900.0


def fresh_copy(dest, ref=None):
    """The tracked files of the working tree, or of commit `ref`, in `dest`, with the .venv linked."""
    if ref:
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    else:
        files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        for name in filter(None, files.decode().split("\0")):
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target)
    (dest / ".venv").symlink_to(ROOT / ".venv")
    (dest / ".venv" / ".installed").touch()  # the linked venv is installed: make must not reinstall it


def timed(cmd, cwd):
    """Seconds `cmd` takes in `cwd`, its kernels and Sphinx importing the copy's own package."""
    env = os.environ | {"MPLBACKEND": "Agg", "PYTHONPATH": str(cwd / "src")}
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def cold_build(ref=None):
    with tempfile.TemporaryDirectory(prefix="tp-bench-") as tmp:
        copy = Path(tmp)
        fresh_copy(copy, ref)
        return timed(["make", "book"], copy)


def run():
    baseline = cold_build(BASELINE)
    with tempfile.TemporaryDirectory(prefix="tp-bench-") as tmp:
        copy = Path(tmp)
        fresh_copy(copy)
        cold = timed(["make", "book"], copy)
        with open(copy / "book" / "intro.md", "a", encoding="utf-8") as page:
            page.write("\nOne more line, to measure a cached rebuild.\n")
        cached = timed(["make", "book"], copy)
        test = timed(["make", "test"], copy)
    return [
        {"name": "cold book build", "value": cold, "unit": "s",
         "budget": round(baseline * COLD_OVER_BASELINE + STUDY_STEPS_S, 1),
         "detail": f"`make book` on a fresh copy: deck, every notebook executed, whole-course PDF; budget "
                   f"120 % of the baseline ({BASELINE}, built in the same run: {baseline:.0f} s) plus "
                   f"{STUDY_STEPS_S:.0f} s for the deck and the PDF"},
        {"name": "cached rebuild after a one-line Markdown edit", "value": cached, "unit": "s",
         "budget": CACHED_BUDGET_S, "detail": "notebooks served from the execution cache"},
        {"name": "make test wall time", "value": test, "unit": "s", "budget": TEST_BUDGET_S,
         "detail": "set-up already done; book built, then every test"},
    ]
