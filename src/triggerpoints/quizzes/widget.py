"""The live quiz in JupyterLab: ipywidgets, immediate feedback, score, retry.

A checked answer is handed to `on_answer`, if given; the classroom records it (a quiz knows
nothing of where answers are kept) and returns a message for the student, shown under the
quiz (e.g. that the results folder was unreachable and the answer is kept locally). While
answers are recorded a banner names the student; `previous` {question id: {"selected": keys,
"first": right at the first try}} shows answers given before a kernel restart, checked and locked,
without recording them again. The score says what the book's quizzes and progress page say
(`static.score_text`).
"""

import html

import ipywidgets as widgets

from .bank import map_markup
from .grading import TITLES, feedback_html, grade, option_order, options
from .static import score_text


class QuestionView:
    """One question: stem (and map), options, Check / Try again, feedback."""

    def __init__(self, question, number, total, student, on_checked):
        self.question, self.on_checked = question, on_checked
        self.order = option_order(question, student)
        self.correct = False
        self.first = None  # right at the first try: unknown until the first check (a retry keeps it)
        stem = f"<p><strong>Question {number} of {total}.</strong> {html.escape(question['question'])}</p>"
        if question["kind"] == "whose_map":
            stem += f'<div class="tp-quiz-map">{map_markup(question)}</div>'
        self.inputs = self._inputs()
        self.check = widgets.Button(description="Check answer", button_style="primary")
        self.retry = widgets.Button(description="Try again", layout=widgets.Layout(display="none"))
        self.feedback = widgets.HTML()
        self.check.on_click(lambda _: self.submit())
        self.retry.on_click(lambda _: self.reset())
        self.box = widgets.VBox([widgets.HTML(stem), self.inputs, widgets.HBox([self.check, self.retry]), self.feedback])

    def _inputs(self):
        opts = options(self.question)
        if self.question["type"] == "many_choice":
            self.boxes = [widgets.Checkbox(description=opts[k]["answer"], indent=False, layout=widgets.Layout(width="auto")) for k in self.order]
            return widgets.VBox(self.boxes)
        self.radio = widgets.RadioButtons(options=[(opts[k]["answer"], k) for k in self.order], value=None,
                                          layout=widgets.Layout(width="auto"))
        return self.radio

    def selected(self):
        if self.question["type"] == "many_choice":
            return [k for k, box in zip(self.order, self.boxes) if box.value]
        return [self.radio.value] if self.radio.value else []

    def submit(self):
        chosen = self.selected()
        if not chosen:
            self.feedback.value = "<p>Choose an answer first.</p>"
            return None
        result = self.show(chosen)
        if self.first is None:
            self.first = result["correct"]
        self.on_checked(self, chosen, result["correct"])
        return result

    def show(self, chosen, earlier=False):
        """Select `chosen`, grade it, show the feedback and lock the question."""
        chosen = [k for k in chosen if k in self.order]
        if self.question["type"] == "many_choice":
            for k, box in zip(self.order, self.boxes):
                box.value = k in chosen
        else:
            self.radio.value = chosen[0] if chosen else None
        result = grade(self.question, chosen, self.order)
        self.correct = result["correct"]
        note = "<p><em>Your answer from an earlier session.</em></p>" if earlier else ""
        self.feedback.value = note + feedback_html(result)
        self._lock(True)
        return result

    def reset(self):
        self.correct = False
        self.feedback.value = ""
        if self.question["type"] == "many_choice":
            for box in self.boxes:
                box.value = False
        else:
            self.radio.value = None
        self._lock(False)
        self.on_checked(self, None, False)

    def _lock(self, locked):
        for w in getattr(self, "boxes", None) or [self.radio]:
            w.disabled = locked
        self.check.disabled = locked
        self.retry.layout.display = None if locked else "none"


class QuizWidget:
    """A chapter's questions with a running score; `on_answer(chapter, question id, selected,
    correct)` is called for every checked answer."""

    def __init__(self, chapter, questions, student=None, on_answer=None, previous=None):
        self.chapter, self.on_answer = chapter, on_answer
        self.views = [QuestionView(q, i + 1, len(questions), student, self._checked) for i, q in enumerate(questions)]
        self.score = widgets.HTML()
        self.notice = widgets.HTML()
        self.restart = widgets.Button(description="Start this quiz again")
        self.restart.on_click(lambda _: [v.reset() for v in self.views])
        title = widgets.HTML(f"<p><strong>Quiz: {html.escape(TITLES[chapter])}</strong> ({len(questions)} questions).</p>")
        self.banner = widgets.HTML(banner_html(student) if student and on_answer else "")
        self.box = widgets.VBox([title, self.banner, *[v.box for v in self.views], self.score, self.notice, self.restart])
        for view in self.views:
            if view.question["id"] in (previous or {}):
                earlier = previous[view.question["id"]]
                view.show(earlier["selected"], earlier=True)
                view.first = earlier["first"]
        self._update_score()

    def _checked(self, view, chosen, correct):
        if chosen and self.on_answer:
            message = self.on_answer(self.chapter, view.question["id"], chosen, correct)
            self.notice.value = f'<p role="alert"><strong>{html.escape(message)}</strong></p>' if message else ""
        self._update_score()

    def _update_score(self):
        first, end = sum(bool(v.first) for v in self.views), sum(v.correct for v in self.views)
        self.score.value = f"<p>{score_text(first, end, len(self.views))}</p>"


def banner_html(student):
    """The line that says whose answers these are (the name escaped: it may hold markup)."""
    return f'<p class="tp-quiz-banner" role="status">Recording answers as <strong>{html.escape(student)}</strong></p>'
