"""Chapter quizzes: banks of questions, their checks, grading, the widget and the static twin.

- `bank`: load and validate data/quizzes/<chapter>.json (and the anonymous "whose map?" maps).
- `checks`: item-writing practice, and every question's facts backed by the knowledge base.
- `grading`: option order, verdict and feedback (mirrored by `_static/tp-quiz.js`).
- `static` and `widget`: the book's HTML twin and JupyterLab's live quiz.
- `answerkey`: the instructor's key, generated from the banks.

A quiz knows nothing of where answers are kept: it hands each checked answer to
`on_answer`; `classroom` records it in a lab session.
"""

from ..display import DualView
from .bank import CHAPTERS, QuizBankError, load_bank, load_banks, question_ids
from .grading import TITLES, grade, option_order, options
from .static import static_html


def quiz(chapter, student=None, on_answer=None, previous=None):
    """A chapter's quiz: the widget in JupyterLab, the static HTML twin in the book.

    `student` fixes the option order (and is named above the quiz while answers are recorded);
    `on_answer(chapter, question id, selected keys, correct)` is called for each checked answer
    (what it returns is shown to the student); `previous` {question id: {"selected": keys, "first": bool}} is shown as answered.
    """
    questions = load_bank(chapter)
    text = f"Quiz: {TITLES[chapter]} ({len(questions)} questions)"
    return DualView(_widget(chapter, questions, student, on_answer, previous), static_html(chapter, questions), text)


def locate(target, chapter, on_answer=None):
    """A lesson's 'locate it' exercise (`locate`); `on_answer` as a quiz's, in JupyterLab."""
    from .locateit import locate_model, static_html as plate_html, task
    model = locate_model(target)
    widget = None
    try:
        from .locateit_widget import LocateWidget
        widget = LocateWidget(model, chapter, on_answer)
    except ImportError:
        pass
    return DualView(widget, plate_html(model, chapter), task(target))


def _widget(chapter, questions, student, on_answer, previous):
    from .widget import QuizWidget  # ipywidgets only when a widget is wanted

    return QuizWidget(chapter, questions, student, on_answer, previous).box


__all__ = ["CHAPTERS", "TITLES", "QuizBankError", "grade", "load_bank", "load_banks", "locate", "option_order",
           "options", "question_ids", "quiz", "static_html"]
