"""Classroom lab sessions: who answers, where answers are kept, and what the class did.

- `identity`: off a hub, a typed name remembered in the student's own settings folder.
- `session`: `start_session()` and the lab-aware `quiz()`: a banner naming the student,
  every checked answer recorded, earlier answers shown again after a kernel restart.
- `client`: the kernel's outbox (answers wait in the student's settings folder, each with
  its own id, until recorded) and its two routes: the hub's answers service, or a local file.
- `service`: the hub-managed answers service; the hub says who is calling.
- `db`: the answers store (SQLAlchemy: SQLite or PostgreSQL), schema version and migrations.
- `store`: the results folder and the per-student CSV layout of older and simulated classes.
- `results`: `gather()` for the instructor, from the service, a database or a folder;
  damaged rows are reported and skipped, never fatal.
- `liveview`: the instructor's live view of the class during a lab.
- `itemanalysis` (with `labels` for its scatter plot) and `scores` (the gradebook CSV).

The classroom sits above the quizzes: it imports them, they never import it.
"""

from . import itemanalysis, results
from .results import gather, record_answer
from .session import locate, quiz, start_session

__all__ = ["gather", "itemanalysis", "locate", "quiz", "record_answer", "results", "start_session"]
