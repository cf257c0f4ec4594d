"""Writes constraints.txt: every package the course installs, direct or pulled in, at one version.

`make constraints` asks pip to resolve requirements.txt afresh (a dry run, nothing installed)
and passes its JSON report here. The Makefile installs with `-c constraints.txt`, so the book
built today is the book built next month; regenerating is a deliberate change, to be followed by
a test run (`make test`) before it is committed.

    python tools/lock.py REPORT.json constraints.txt
"""

import json
import re
import sys
from pathlib import Path

HEADER = """\
# Every package the course installs, direct or transitive, pinned: `make install` uses it as
# pip constraints (-c). Written by `make constraints` (tools/lock.py) from a fresh resolution
# of requirements.txt; do not edit by hand. After regenerating, run `make test` before committing.
"""


def pins(report):
    """name==version lines from a `pip install --dry-run --report` JSON report, sorted."""
    found = {}
    for item in report.get("install", []):
        meta = item.get("metadata", {})
        name, version = meta.get("name"), meta.get("version")
        if not name or not version:
            raise ValueError(f"pip report item without name or version: {item.get('download_info')}")
        found[re.sub(r"[-_.]+", "-", name).lower()] = version
    if not found:
        raise ValueError("pip report lists nothing to install: was requirements.txt empty?")
    return [f"{name}=={found[name]}" for name in sorted(found)]


def main(report_path, out_path):
    lines = pins(json.loads(Path(report_path).read_text(encoding="utf-8")))
    Path(out_path).write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out_path}: {len(lines)} packages pinned")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
