"""Classroom lab sessions: who answers, where answers are kept, and what the class did.

- `identity`: the hub's signed-in user (`JUPYTERHUB_USER`, nobody else), or a typed name
  remembered in the student's own settings folder.
- `session`: `start_session()` and the lab-aware `quiz()`: a banner naming the student,
  every checked answer saved, earlier answers shown again after a kernel restart.
- `store`: one folder and append-only file per student that only that student writes;
  answers that cannot be written are kept locally and written later, never dropped.
- `exchange`: the hub's shared answers folder (root-owned, setgid to the instructors' group,
  sticky, not listable), made once by an administrator.
- `results`: `gather()` for the instructor; damaged files and rows, and rows naming anyone
  but their folder's owner on an exchange, are reported and skipped, never fatal.
- `liveview`: the instructor's live view of the class during a lab.
- `itemanalysis` (with `labels` for its scatter plot) and `scores` (the gradebook CSV).

The classroom sits above the quizzes: it imports them, they never import it.
"""

from . import itemanalysis, results
from .results import gather, record_answer
from .session import locate, quiz, start_session

__all__ = ["gather", "itemanalysis", "locate", "quiz", "record_answer", "results", "start_session"]
