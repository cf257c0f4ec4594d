"""The results folder, and the per-student CSV layout of earlier sessions and simulated classes.

Lab sessions now record through the answers store (`db`, via `client`); this layout stays
because `gather` still reads classes kept this way and `itemanalysis.simulate_class` writes it:

    <results>/<slug>-<hash>/answers.csv      one folder and one append-only file per student

The folder name is a readable slug of the name plus a hash of the exact name, so markup,
path separators or control characters never reach a path. A folder or file owned by anyone
else is refused (`NotYourFolder`), so nothing is written into a place another user prepared.
`record_answer` writes or raises.
"""

import csv
import fcntl
import hashlib
import io
import os
import pwd
import re
from datetime import datetime, timezone
from pathlib import Path

from ..paths import RESULTS_DIR

FIELDS = ("student", "chapter", "question_id", "selected", "correct", "answered_at")
ANSWERS = "answers.csv"


class NotYourFolder(PermissionError):
    """The student's results folder or file exists but belongs to another user."""


def default_results_dir():
    """results/ at the top of the course, or $TRIGGERPOINTS_RESULTS."""
    return Path(os.environ.get("TRIGGERPOINTS_RESULTS") or RESULTS_DIR)


def slug(student):
    """A safe folder name: a readable slug plus a short hash of the exact name (no collisions)."""
    text = re.sub(r"[^a-z0-9]+", "_", student.strip().lower()).strip("_")[:40] or "student"
    return f"{text}-{hashlib.sha256(student.strip().encode()).hexdigest()[:8]}"


def student_dir(student, results_dir=None):
    return Path(results_dir or default_results_dir()) / slug(student)


def results_path(student, results_dir=None):
    """The student's own answers file."""
    return student_dir(student, results_dir) / ANSWERS


def answer_row(student, chapter, question_id, selected, correct, when=None):
    stamp = (when or datetime.now(timezone.utc)).isoformat(timespec="seconds")
    return [student.strip(), chapter, question_id, "|".join(sorted(selected)), int(bool(correct)), stamp]


def record_answer(student, chapter, question_id, selected, correct, results_dir=None, when=None):
    """Append one answer to the student's own file; raises OSError when it cannot."""
    path = results_path(student, results_dir)
    append_rows(path, [answer_row(student, chapter, question_id, selected, correct, when)])
    return path


def append_rows(path, rows):
    """Append rows under an exclusive lock with one write and fsync (header on a new file)."""
    _own_folder(path.parent)
    old = os.umask(0o027)  # group read for the instructors, nothing for other users
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o640)
    finally:
        os.umask(old)
    try:
        _check_owner(fd, path)
        fcntl.flock(fd, fcntl.LOCK_EX)
        data = (_csv_line(FIELDS) if os.fstat(fd).st_size == 0 else "") + "".join(map(_csv_line, rows))
        os.write(fd, data.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def _own_folder(folder):
    """Create the student's folder (0750), or check that the one there is theirs."""
    if folder.parent == RESULTS_DIR:
        RESULTS_DIR.mkdir(exist_ok=True)  # the course's own results/ on a laptop
    if not folder.parent.is_dir():
        raise FileNotFoundError(f"the results folder {folder.parent} does not exist")
    old = os.umask(0o027)
    try:
        folder.mkdir(mode=0o750, exist_ok=True)
    finally:
        os.umask(old)
    info = os.lstat(folder)
    if not os.path.isdir(folder) or os.path.islink(folder) or info.st_uid != os.geteuid():
        raise NotYourFolder(f"{folder} belongs to {owner_name(info.st_uid)}, not to you "
                            f"({owner_name(os.geteuid())}): nothing was written there. Ask your instructor.")


def _check_owner(fd, path):
    uid = os.fstat(fd).st_uid
    if uid != os.geteuid():
        raise NotYourFolder(f"{path} belongs to {owner_name(uid)}, not to you: nothing was written there.")


def owner_name(uid):
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"user {uid}"


def _csv_line(values):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()
