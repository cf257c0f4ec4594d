"""Where the course's files live: the package sits in src/ of the repository, beside data/."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
STATIC_DIR = ROOT / "_static"
RESULTS_DIR = ROOT / "results"
