"""What the printable handouts add to a cold book build: every PDF of the student edition, both
paper sizes, built the way `make book` builds them, in a fresh interpreter (imports and the
knowledge base load included)."""

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUDGET_S = 20.0
MAX_KB = 500
SCRIPT = """
import json, sys
from triggerpoints.handouts import build_handouts
paths = build_handouts(sys.argv[1], "student")
print(json.dumps({p.name: p.stat().st_size for p in paths}))
"""


def run():
    with tempfile.TemporaryDirectory(prefix="tp-handouts-") as tmp:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", SCRIPT, tmp], cwd=ROOT, check=True, capture_output=True,
                             text=True, env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"}).stdout
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    sizes = json.loads(out.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    largest = max(sizes, key=sizes.get)
    return [
        {"name": "handouts: all PDFs, cold", "value": wall, "unit": "s", "budget": BUDGET_S,
         "detail": f"{len(sizes)} PDFs (A4 and US Letter, a process each), {cpu:.1f} s CPU in all"},
        {"name": "handouts: largest PDF", "value": sizes[largest] / 1024, "unit": "KB", "budget": MAX_KB,
         "detail": f"{largest}; all together {sum(sizes.values()) / 1024:.0f} KB"},
    ]
