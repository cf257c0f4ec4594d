"""Classroom lab sessions: who answers, where answers are kept, and what the class did.

- `session`: `start_session()` and the lab-aware `quiz()`, which saves each checked answer.
- `results`: one append-only CSV per student (`record_answer`), gathered by `gather()`;
  damaged files and rows are reported and skipped, never fatal.
- `itemanalysis`: difficulty, discrimination, tempting wrong answers, scores, and a
  simulated class for demonstrations.

The classroom sits above the quizzes: it imports them, they never import it.
"""

from . import itemanalysis, results
from .results import gather, record_answer
from .session import quiz, start_session

__all__ = ["gather", "itemanalysis", "quiz", "record_answer", "results", "start_session"]
