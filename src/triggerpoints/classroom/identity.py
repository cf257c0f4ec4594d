"""Who is answering, as this kernel can tell: a name the student typed and we remember.

- On a hub with the answers service, the service decides (it asks the hub who holds the
  server's token; see `session.hub_student`), and nothing here is trusted for it.
- On a hub without the service, `JUPYTERHUB_USER` names the student for the local file,
  and naming anyone else is refused; a student can change that variable, which is why
  hubs use the service.
- Off a hub, the typed name is kept in the student's own settings folder
  (`$TRIGGERPOINTS_CONFIG`, else `$XDG_CONFIG_HOME/triggerpoints`, else
  `~/.config/triggerpoints`), so a restarted kernel remembers it; it can be changed.

Names are checked here once: control characters are refused, so a name can be written into
a CSV row and, escaped, into a page. Paths never use the name itself (see `store.slug`).
"""

import json
import os
import unicodedata
from pathlib import Path

MAX_NAME = 80


class IdentityError(PermissionError):
    """An attempt to record under a name that is not the signed-in hub user."""


def hub_user():
    """The JupyterHub user this kernel runs for, or None off a hub."""
    return os.environ.get("JUPYTERHUB_USER") or None


def settings_dir():
    """The student's own settings folder (created 0700 when first written)."""
    if os.environ.get("TRIGGERPOINTS_CONFIG"):
        return Path(os.environ["TRIGGERPOINTS_CONFIG"])
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "triggerpoints"


def clean_name(name):
    """The name stripped; ValueError when empty, too long or holding control characters."""
    name = (name or "").strip()
    if not name:
        raise ValueError("expected a student name, found an empty string")
    if len(name) > MAX_NAME:
        raise ValueError(f"expected a student name of at most {MAX_NAME} characters, found {len(name)}")
    bad = [c for c in name if unicodedata.category(c).startswith("C")]
    if bad:
        raise ValueError(f"a student name cannot hold control characters (found {bad[0]!r})")
    return name


def resolve_student(student=None):
    """The name to record under: the hub user (no one else), else the given or remembered name."""
    user = hub_user()
    if user is None:
        return clean_name(student) if student is not None else remembered_name()
    if student is not None and student.strip() != user:
        raise IdentityError(f"On this JupyterHub you are signed in as {user!r}: answers are recorded "
                            f"under that name only, not as {student.strip()!r}.")
    return clean_name(user)


def remembered_name():
    """The name typed in an earlier session, or None (a damaged settings file counts as none)."""
    try:
        name = json.loads((settings_dir() / "student.json").read_text(encoding="utf-8"))["name"]
        return clean_name(name)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember_name(name):
    """Keep the name for later kernels: written atomically, readable only by the student."""
    name = clean_name(name)
    folder = settings_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    tmp = folder / f".student.json.{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"name": name}, f)
    os.replace(tmp, folder / "student.json")
    return name
