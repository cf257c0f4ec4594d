"""How to tell two muscles apart: the box under the explorer's comparison in the book.

A page with an explorer gets one JSON block with, for every pair the compare menus can make, what
the knowledge base says tells them apart (data/differentiators.csv, criterion by criterion) and
the aggravating activities one muscle has and the other lacks; `_static/tp-compare.js` shows the
chosen pair's under the figure, with a link to lesson 8.
"""

import html
import json

from ..knowledge import loaded

LESSON = "notebooks/08_telling_them_apart"
CRITERIA = (("location", "Where it hurts"), ("referral_pattern", "How the pain spreads"),
            ("aggravating_factors", "What makes it worse"), ("muscle_testing", "Muscle test"),
            ("palpation", "Palpation"))


def short(name):
    return name.split(" (")[0]


def apart_data(kb=None):
    """Compact facts for the box: names, the differentiators as [a, b, label, statement] in
    criterion order, and each muscle's aggravating activities (labels)."""
    kb = loaded(kb)
    labels, order = dict(CRITERIA), {c: i for i, (c, _) in enumerate(CRITERIA)}
    rows = sorted(kb.differentiators.itertuples(), key=lambda r: order.get(r.criterion, len(order)))
    facts = [[r.muscle, r.versus, labels.get(r.criterion, r.criterion.replace("_", " ").capitalize()), r.statement]
             for r in rows]
    names = dict(zip(kb.aggravators["id"], kb.aggravators["label"]))
    links = kb.muscle_aggravators
    worse = {m: [names[x] for x in dict.fromkeys(links.aggravator[links.muscle == m])] for m in kb.muscle_ids}
    return {"names": {r.id: short(r.name) for r in kb.muscles.itertuples()}, "facts": facts, "worse": worse}


def apart_script(kb, lesson_url):
    """The JSON block a page with an explorer carries (`<` escaped so it cannot close the tag)."""
    data = {**apart_data(kb), "lesson": lesson_url}
    text = json.dumps(data, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" data-tp-apart="">{text}</script>'


def apart_html(kb, a, b, lesson_url):
    """The box as HTML; `_static/tp-compare.js` renders the same (a browser test compares them)."""
    return render(apart_data(kb), a, b, lesson_url)


def render(data, a, b, lesson_url):
    names, esc = data["names"], html.escape
    rows = "".join(f"<dt>{esc(label)}</dt><dd>{esc(text)}</dd>"
                   for m, v, label, text in data["facts"] if {m, v} == {a, b})
    for m, other in ((a, b), (b, a)):
        only = [x for x in data["worse"].get(m, []) if x not in data["worse"].get(other, [])]
        if only:
            rows += f"<dt>Made worse, for {esc(names[m])} only, by</dt><dd>{esc(', '.join(only))}</dd>"
    body = (f"<dl>{rows}</dl>" if rows else
            "<p>The course lists nothing yet that tells this pair apart: compare their maps above.</p>")
    return (f"<h4>How to tell {esc(names[a])} from {esc(names[b])}</h4>{body}"
            f'<p>More in <a href="{esc(lesson_url)}">Lesson 8: Telling them apart</a>.</p>')
