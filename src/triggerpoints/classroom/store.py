"""Writing a student's answers where only that student can write, and never dropping one.

Layout, the same on a laptop and on a hub's exchange folder:

    <results>/<slug>-<hash>/answers.csv      one folder and one append-only file per student

The folder name is a readable slug of the name plus a hash of the exact name, so markup,
path separators or control characters never reach a path. The student's process creates the
folder (0750) and the file (0640); on an exchange (see `exchange`) the parent is setgid to the
instructors' group, so both belong to that group and instructors can read them, and other
students cannot. A folder or file owned by anyone else is refused (`NotYourFolder`), so
nothing is written into a place another user prepared.

`record_answer` writes or raises. `save_answer`, used by lab sessions, never loses a row: if
the results place is missing, unwritable, full or refused, the row is appended to a pending
file in the student's own settings folder, and pending rows are written first on the next
save (or when a session starts), in their original order.
"""

import csv
import fcntl
import hashlib
import io
import os
import pwd
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..paths import RESULTS_DIR
from .identity import settings_dir

FIELDS = ("student", "chapter", "question_id", "selected", "correct", "answered_at")
ANSWERS = "answers.csv"


class NotYourFolder(PermissionError):
    """The student's results folder or file exists but belongs to another user."""


def default_results_dir():
    """results/ at the top of the course, or $TRIGGERPOINTS_RESULTS (e.g. a hub's exchange)."""
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


# ------------------------------------------------------------------ never dropping an answer

@dataclass
class Saved:
    """What happened to a checked answer: written (with any earlier pending rows), or kept."""

    written: bool
    message: str = ""
    pending: int = 0


def pending_path(student, results_dir=None):
    """Rows waiting for this student's results place, in their own settings folder."""
    place = hashlib.sha256(str(Path(results_dir or default_results_dir()).resolve()).encode()).hexdigest()[:8]
    return settings_dir() / "pending" / f"{slug(student)}-to-{place}.csv"


def save_answer(student, chapter, question_id, selected, correct, results_dir=None, when=None):
    """Write the answer (after any pending ones); if that fails keep it locally and say so."""
    row = answer_row(student, chapter, question_id, selected, correct, when)
    return save_rows(student, [row], results_dir)


def flush_pending(student, results_dir=None):
    """Write rows kept earlier, if the results place now takes them."""
    return save_rows(student, [], results_dir)


def save_rows(student, rows, results_dir=None):
    target, waiting = results_path(student, results_dir), pending_path(student, results_dir)
    queued = _read_pending(waiting)
    if not rows and not queued:
        return Saved(True)
    try:
        append_rows(target, queued + rows)
    except OSError as err:
        return _keep(waiting, rows, len(queued), target, err)
    if queued:
        waiting.unlink(missing_ok=True)
        return Saved(True, f"{len(queued)} answer(s) kept on this computer were now saved to {target.parent}.")
    return Saved(True)


def _keep(waiting, rows, queued, target, err):
    reason = err if isinstance(err, NotYourFolder) else f"{err.strerror or err}"
    try:
        waiting.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if rows:
            with open(waiting, "a", encoding="utf-8") as f:
                f.write("".join(map(_csv_line, rows)))
                f.flush()
                os.fsync(f.fileno())
    except OSError as second:
        raise OSError(f"Could not save this answer to {target} ({reason}) nor keep it in {waiting} "
                      f"({second.strerror or second}). Note your answer and tell your instructor.") from err
    n = queued + len(rows)
    return Saved(False, f"Could not save to {target.parent}: {reason}. {n} answer(s) are kept on this "
                        f"computer in {waiting} and will be saved with your next answer.", n)


def _read_pending(path):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return [r for r in csv.reader(io.StringIO(text)) if len(r) == len(FIELDS)]


def own_answers(student, results_dir=None):
    """The student's own rows (saved, then pending), oldest first: what a restarted kernel shows."""
    rows = []
    try:
        text = results_path(student, results_dir).read_text(encoding="utf-8")
        rows = [r for r in csv.reader(io.StringIO(text))][1:]
    except (OSError, UnicodeDecodeError):
        pass
    rows += _read_pending(pending_path(student, results_dir))
    return [dict(zip(FIELDS, r)) for r in rows if len(r) == len(FIELDS)]
