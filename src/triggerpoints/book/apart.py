"""How to tell two muscles, or parts of them, apart: the box under the explorer's comparison.

A page with an explorer gets one JSON block with, for every pair the compare menus can make, what
the knowledge base says tells them apart (data/differentiators.csv, criterion by criterion, each
criterion's statements under one heading) and the aggravating activities one muscle has and the
other lacks; `_static/tp-compare.js` shows the chosen pair's under the figure, with a link to
lesson 8. The table is written for whole muscles: a compared part gets its muscle's facts, and the
box says so. A muscle-test row that names neither muscle (it says only that tests exist) is left
out, so the box never shows a test line without a test in it.
"""

import html
import json

from ..knowledge import loaded
from ..maps.comparing import part_label

LESSON = "notebooks/08_telling_them_apart"
CRITERIA = (("location", "Where it hurts"), ("referral_pattern", "How the pain spreads"),
            ("aggravating_factors", "What makes it worse"), ("muscle_testing", "Muscle test"),
            ("palpation", "Palpation"))


def short(name):
    return name.split(" (")[0]


def names_a_test(row, names):
    """Whether a row says something of its own pair: any row but a muscle test naming neither muscle."""
    said = row.statement.lower()
    return row.criterion != "muscle_testing" or any(n.lower() in said for n in names)


def apart_data(kb=None):
    """Compact facts for the box: names (muscles and the parts the menus offer), each part's muscle,
    the differentiators as [a, b, label, statement] in criterion order, and each muscle's
    aggravating activities (labels)."""
    kb = loaded(kb)
    labels, order = dict(CRITERIA), {c: i for i, (c, _) in enumerate(CRITERIA)}
    names = {r.id: short(r.name) for r in kb.muscles.itertuples()}
    rows = sorted(kb.differentiators.itertuples(), key=lambda r: order.get(r.criterion, len(order)))
    facts = [[r.muscle, r.versus, labels.get(r.criterion, r.criterion.replace("_", " ").capitalize()), r.statement]
             for r in rows if names_a_test(r, (names[r.muscle], names[r.versus]))]
    worse_names = dict(zip(kb.aggravators["id"], kb.aggravators["label"]))
    links = kb.muscle_aggravators
    worse = {m: [worse_names[x] for x in dict.fromkeys(links.aggravator[links.muscle == m])] for m in kb.muscle_ids}
    parts = kb.parts.groupby("muscle", sort=False)
    of = {p.id: p.muscle for _, g in parts if len(g) > 1 for p in g.itertuples()}
    full = dict(zip(kb.muscles["id"], kb.muscles["name"]))
    names |= {p.id: part_label(full[p.muscle], p.name) for p in kb.parts.itertuples() if p.id in of}
    return {"names": names, "of": of, "facts": facts, "worse": worse}


def apart_script(kb, lesson_url):
    """The JSON block a page with an explorer carries (`<` escaped so it cannot close the tag):
    without the parts, which tp-compare.js reads from the explorer's own model (page weight)."""
    data = apart_data(kb)
    data = {**data, "names": {m: n for m, n in data["names"].items() if m not in data["of"]}, "of": {},
            "lesson": lesson_url}
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")
    return f'<script type="application/json" data-tp-apart="">{text}</script>'


def apart_html(kb, a, b, lesson_url):
    """The box as HTML; `_static/tp-compare.js` renders the same (a browser test compares them)."""
    return render(apart_data(kb), a, b, lesson_url)


def render(data, a, b, lesson_url):
    names, of, esc = data["names"], data["of"], html.escape
    ma, mb = of.get(a, a), of.get(b, b)
    groups = {}  # label -> statements, in criterion order
    for m, v, label, text in data["facts"]:
        if {m, v} == {ma, mb}:
            groups.setdefault(label, []).append(text)
    rows = "".join(f"<dt>{esc(label)}</dt>" + "".join(f"<dd>{esc(t)}</dd>" for t in texts)
                   for label, texts in groups.items())
    for m, other in ((ma, mb), (mb, ma)):
        only = [x for x in data["worse"].get(m, []) if x not in data["worse"].get(other, [])]
        if only:
            rows += f"<dt>Made worse, for {esc(names[m])} only, by</dt><dd>{esc(', '.join(only))}</dd>"
    whole = [names[x] for x in dict.fromkeys((ma, mb)) if x in (of.get(a), of.get(b))]
    if ma == mb:
        body = (f"<p>The course's differences are written for whole muscles, so none tells these two "
                f"apart: compare their maps above.</p>")
    else:
        body = (f"<p>The course's differences are written for whole muscles: below, those of "
                f"{esc(' and '.join(whole))}.</p>" if whole else "") + (
            f"<dl>{rows}</dl>" if rows else
            "<p>The course lists nothing yet that tells this pair apart: compare their maps above.</p>")
    return (f"<h4>How to tell {esc(names[a])} from {esc(names[b])}</h4>{body}"
            f'<p>More in <a href="{esc(lesson_url)}">Lesson 8: Telling them apart</a>.</p>')
