"""The pain finder: from marked pain areas and aggravating activities to candidate muscles.

- `rank`: the finder's view of the knowledge base (`finder_data`) and the ranking
  (`rank_muscles`, `rank_rows`), which the book's `_static/tp-finder.js` repeats.
- `advice`: the reasoning partner (`advise`): how clear the lead is and which question would
  best separate the leaders; "no" answers count. Also repeated by tp-finder.js.
- `panel`: the lead, the next question and the answers as HTML (tp-finder-page.js twins it).
- `page`: `pain_finder()`, the live widget and its static twin with the clickable map.
- `widget`, `mapwidget`: the JupyterLab finder and its clickable, drawable map (anywidget).

It ranks candidates for study and says why; it never says "you have".
"""

from .advice import advise, checked_answers
from .page import pain_finder
from .rank import FinderError, Ranking, finder_data, rank_muscles, rank_rows

__all__ = ["FinderError", "Ranking", "advise", "checked_answers", "finder_data", "pain_finder",
           "rank_muscles", "rank_rows"]
