"""The pain finder: from marked pain areas and aggravating activities to candidate muscles.

- `rank`: the finder's view of the knowledge base (`finder_data`) and the ranking
  (`rank_muscles`, `rank_rows`), which the book's `_static/tp-finder.js` repeats.
- `page`: `pain_finder()`, the live widget and its static twin with the clickable map.

It ranks candidates for study and says why; it never says "you have".
"""

from .page import pain_finder
from .rank import FinderError, Ranking, finder_data, rank_muscles, rank_rows

__all__ = ["FinderError", "Ranking", "finder_data", "pain_finder", "rank_muscles", "rank_rows"]
