"""The reasoning panel beside the ranking: the lead, the next question, the answers given.

`panel_html` is rendered by Python (the page's first state, the JupyterLab widget) and, line
for line, by `_static/tp-finder-page.js` in the book (a browser test compares the two).
"""

import html

from .advice import note_text

SAID = {"no": "no", "unsure": "not sure"}
BUTTONS = (("yes", "Yes"), ("no", "No"), ("unsure", "Not sure"))


def panel_html(data, result, answers, note=None, buttons=True):
    """Lead statement, next question (with Yes / No / Not sure when `buttons`), answers so far."""
    return (f'<p class="tp-finder-lead" data-tp-finder-lead="">{html.escape(result["lead"]["text"])}</p>'
            + _next_html(result["next"], buttons) + _note_html(data, note)
            + _answers_html(data, answers, buttons))


def _next_html(nxt, buttons):
    if nxt is None:
        return '<div class="tp-finder-next" data-tp-finder-next="" hidden=""></div>'
    keys = "".join(f'<button type="button" data-tp-finder-answer="{value}">{label}</button>'
                   for value, label in BUTTONS)
    return ('<div class="tp-finder-next" data-tp-finder-next="" role="group" aria-label="Next question">'
            f'<p><strong>Next question:</strong> <span data-tp-finder-question="" data-kind="{nxt["kind"]}" '
            f'data-id="{html.escape(nxt["id"])}">{html.escape(nxt["question"])}</span></p>'
            f'<p class="tp-finder-why">{html.escape(nxt["why"])}</p>'
            '<details class="tp-finder-bits"><summary>How useful is this question?</summary>'
            f'<p>Expected information: {nxt["bits"]:.3f} bits (1 bit would split two equal leaders '
            'perfectly).</p></details>' + (f'<p class="tp-finder-buttons">{keys}</p>' if buttons else "")
            + "</div>")


def _note_html(data, note):
    text = note_text(data, note) if note else ""
    return f'<p class="tp-finder-answer-note" data-tp-finder-note="">{html.escape(text)}</p>'


def _answers_html(data, answers, buttons):
    items = [_answer_item(kind, v, answers[kind][v["id"]], buttons)
             for kind in ("regions", "aggravators") for v in data[kind]
             if answers[kind].get(v["id"]) in SAID]
    if not items:
        return '<div data-tp-finder-answers=""></div>'
    return ('<div data-tp-finder-answers=""><p>Answered no or not sure (a yes is a ticked box):</p>'
            f'<ul class="tp-finder-answered">{"".join(items)}</ul></div>')


def _answer_item(kind, item, answer, buttons):
    label = html.escape(item["label"])
    forget = (f' <button type="button" data-tp-finder-forget="{kind}:{html.escape(item["id"])}" '
              f'aria-label="Forget the answer for {label}">Forget</button>') if buttons else ""
    return f"<li>{label}: {SAID[answer]}{forget}</li>"
