"""The hub's exchange folder: every student writes only their own answers, instructors read all.

    sudo python -m triggerpoints.classroom.exchange /srv/triggerpoints/exchange --group instructors

makes the folder owned by root and the instructors' group with mode 3773:
- sticky (1000): nobody can delete or rename another user's entry;
- setgid (2000): every student folder and file created inside belongs to the instructors'
  group, so instructors read them without owning them;
- rwx for root and the group, -wx for others: a student can create their own folder but
  cannot list the exchange to see who else is in it.
Each student's process then creates `<slug>-<hash>/` (0750) and `answers.csv` (0640): only the
student writes there, the group reads, other students get nothing. A marker file makes
`gather` check that each folder's Unix owner is the student its rows name; it records the
prefix a hub puts before hub names to make Unix names (The Littlest JupyterHub: `jupyter-`).
"""

import argparse
import grp
import json
import os
import stat
import sys
from pathlib import Path

from .results import MARKER

MODE = stat.S_ISVTX | stat.S_ISGID | 0o773


def setup_exchange(path, group, user_prefix=""):
    """Create (or fix) the exchange folder; must run as root. Returns its path."""
    if os.geteuid() != 0:
        raise PermissionError("setting up the exchange needs root (it is owned by root)")
    gid = grp.getgrnam(group).gr_gid
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    os.chown(folder, 0, gid)
    os.chmod(folder, MODE)
    marker = folder / MARKER
    marker.write_text(json.dumps({"course": "Low Back Trigger Points", "user_prefix": user_prefix}) + "\n")
    os.chown(marker, 0, gid)
    os.chmod(marker, 0o644)
    return folder


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path")
    parser.add_argument("--group", required=True, help="the instructors' Unix group")
    parser.add_argument("--user-prefix", default="", help="Unix name = prefix + hub name (TLJH: jupyter-)")
    args = parser.parse_args(argv)
    print(f"exchange ready: {setup_exchange(args.path, args.group, args.user_prefix)} (mode {oct(MODE)})")


if __name__ == "__main__":
    sys.exit(main())
