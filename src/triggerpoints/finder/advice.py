"""The finder as a reasoning partner: what to ask next, and how clear the lead is.

The rule is meant to be read by students (book/pain_finder.ipynb explains it) and is
repeated line for line by `_static/tp-finder.js` (tests/finder/test_advice_parity.py):

- **Answers.** Every area and activity is unanswered, "yes" (marked or ticked), "no" (an
  explicit absence, which the ranking counts: `rank`) or "unsure" (not asked again). A new
  answer to the same question replaces the old one, and the page says so (`record`).
- **Leaders.** The candidates within `LEAD_GAP` - 1 points of the top score, at most
  `LEADERS` of them, and always the top two when there are two.
- **Next question.** Each leader has a weight that halves with each point it trails the
  top score (1, 1/2, 1/4 ...). For an unanswered area or
  activity, a leader predicts "yes" with the probability in `ANSWER_MODEL` (its essential
  zone 0.9, its spillover zone 0.5, one of its aggravators 0.8, anything else 0.1). The
  question asked is the one whose answer is expected to tell most about which leader fits:
  the mutual information, in bits, between the answer and the leader. Ties go to the
  question that splits the top two, then areas before activities, then knowledge-base order.
- **Examine.** Once the lead is clear (or one candidate is left) no question is asked: the
  lead says to examine the leader by palpation and quotes its muscle test, if the course has one.
- **Lead.** A clear lead when the top candidate is `LEAD_GAP` or more points ahead; else a
  close call between the top two, with a differentiator from data/differentiators.csv.

The constants (`LEADERS`, `LEAD_GAP`, `ANSWER_MODEL`, `CRITERIA`) sit in `rank.py` beside the
weights, since `finder_data` carries them to the page's script; every function here reads
them from that data, as the script does.
"""

from __future__ import annotations

import math

from .rank import FinderError, checked_ids, rank_rows

ANSWERS = ("yes", "no", "unsure")
KINDS = {"regions": "region", "aggravators": "aggravator"}


def empty_answers():
    return {"regions": {}, "aggravators": {}}


def checked_answers(data, answers):
    """Validate {"regions": {id: answer}, "aggravators": {...}}; a copy in knowledge-base order."""
    answers = answers or {}
    unknown = [k for k in answers if k not in KINDS]
    if unknown:
        raise FinderError(f"unknown answer group {unknown[0]!r}. Valid groups: regions, aggravators")
    out = empty_answers()
    for kind, noun in KINDS.items():
        given = dict(answers.get(kind) or {})
        for item, value in given.items():
            if value not in ANSWERS:
                raise FinderError(f"unknown answer {value!r} for {noun} {item!r}. "
                                  f"Valid answers: {', '.join(ANSWERS)}")
        for item in checked_ids(list(given), data[kind], noun):
            out[kind][item] = given[item]
    return out


def with_answer(answers, kind, item, value):
    """Answers with `item` set to `value` (None forgets it), and a note of what changed."""
    previous = answers[kind].get(item)
    new = {k: dict(v) for k, v in answers.items()}
    if value is None:
        new[kind].pop(item, None)
    else:
        new[kind][item] = value
    return new, {"kind": kind, "id": item, "answer": value, "previous": previous}


def note_text(data, note):
    """'Groin: no (replaces your earlier yes).' The last answer is the one kept."""
    label = {v["id"]: v["label"] for v in data[note["kind"]]}[note["id"]]
    said = {"yes": "yes", "no": "no", "unsure": "not sure", None: "no answer"}
    text = f"{label}: {said[note['answer']]}"
    if note["previous"] is not None and note["previous"] != note["answer"]:
        text += f" (replaces your earlier {said[note['previous']]})"
    return text + "."


def advise(data, answers):
    """Ranking, lead statement and next question from answers (ids already checked)."""
    by = {kind: {a: [i for i, v in answers[kind].items() if v == a] for a in ANSWERS} for kind in KINDS}
    rows, message = rank_rows(data, by["regions"]["yes"], by["aggravators"]["yes"],
                              by["regions"]["no"], by["aggravators"]["no"])
    said = lead(data, rows)
    settled = said["kind"] in ("clear", "single")  # then it says what to examine, not what to ask
    return {"rows": rows, "message": message, "lead": said,
            "next": None if settled else next_question(data, _leaders(data, rows), answers)}


def _leaders(data, rows):
    top = rows[0]["score"] if rows else 0
    close = [r for r in rows[:data["leaders"]] if top - r["score"] < data["lead_gap"]]
    return rows[:2] if len(close) < 2 else close


def _muscles(data):
    return {m["id"]: m for m in data["muscles"]}


def _p_yes(data, muscle, kind, item):
    model = data["answer_model"]
    if kind == "regions":
        return model[muscle["zones"].get(item, "none")]
    return model["aggravator" if item in muscle["aggravators"] else "none"]


def _entropy(p):
    return 0.0 if p <= 0 or p >= 1 else -(p * math.log2(p) + (1 - p) * math.log2(1 - p))


def _milli(x):
    """Thousandths, rounded half up (as JS Math.round), so both rankers tie alike."""
    return math.floor(x * 1000 + 0.5)


def next_question(data, leaders, answers):
    """The unanswered area or activity whose answer tells most about which leader fits."""
    if len(leaders) < 2:
        return None
    muscles, best = _muscles(data), None
    weights = [2.0 ** (r["score"] - leaders[0]["score"]) for r in leaders]
    total = sum(weights)
    for rank_kind, kind in enumerate(KINDS):
        for order, item in enumerate(data[kind]):
            if item["id"] in answers[kind]:
                continue
            ps = [_p_yes(data, muscles[r["muscle"]], kind, item["id"]) for r in leaders]
            mean = sum(w * p for w, p in zip(weights, ps)) / total
            gain = _entropy(mean) - sum(w * _entropy(p) for w, p in zip(weights, ps)) / total
            key = (_milli(gain), ps[0] != ps[1], -rank_kind, -order)
            if key[0] > 0 and (best is None or key > best[0]):
                best = (key, kind, item, ps)
    if best is None:
        return None
    _, kind, item, ps = best
    return _question(data, kind, item, leaders, ps, best[0][0] / 1000)


def _question(data, kind, item, leaders, ps, bits):
    names = [_short(data, r["muscle"]) for r in leaders]
    high = [n for n, p in zip(names, ps) if p == max(ps)]
    low = [n for n, p in zip(names, ps) if p == min(ps)]
    if kind == "regions":
        ask, pain = f"Is there pain in {item['phrase']}?", f"Pain in {item['phrase']}"
    else:
        ask, pain = f"Does {item['phrase']} make the pain worse?", f"Pain made worse by {item['phrase']}"
    return {"kind": kind, "id": item["id"], "question": ask, "bits": bits,
            "why": f"{pain} would point to {_join(high)} rather than {_join(low)}."}


def _short(data, muscle):
    short = _muscles(data)[muscle]["short"]
    return short[:1].lower() + short[1:]


def _join(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def lead(data, rows):
    """How clear the lead is, in one plain statement (and the differentiator it quotes)."""
    if not rows:
        return {"kind": "none", "text": "", "differentiator": None}
    first = _short(data, rows[0]["muscle"])
    if len(rows) == 1:
        return {"kind": "single", "differentiator": None,
                "text": f"One candidate only: {first}. " + examine(data, rows[0]["muscle"])}
    gap, second = rows[0]["score"] - rows[1]["score"], _short(data, rows[1]["muscle"])
    points = "point" if gap == 1 else "points"
    if gap >= data["lead_gap"]:
        return {"kind": "clear", "differentiator": None,
                "text": f"Clear lead: {first}, {gap} {points} ahead of {second}. " + examine(data, rows[0]["muscle"])}
    apart = "level on score" if gap == 0 else f"{gap} {points} apart"
    found = differentiator(data, rows[0]["muscle"], rows[1]["muscle"])
    text = f"Close call between {first} and {second} ({apart}): "
    if found:
        text += f"tell them apart by {found['criterion'].replace('_', ' ')}. {found['statement']}"
    else:
        text += "the course lists no differentiator for this pair; compare their maps."
    return {"kind": "close", "text": text, "differentiator": found}


def examine(data, muscle):
    """What to do once the lead is clear: palpate the leader, and its muscle test if one is given."""
    text = (f"Enough questions: examine {_short(data, muscle)} next. Palpate it for a tender, taut band "
            "whose pressure brings on the familiar pain (one clue among several: examiners often disagree).")
    test = next((d for d in data["differentiators"]
                 if d["muscle"] == muscle and d["criterion"] == "muscle_testing"), None)
    return text + (f" Muscle test: {test['statement']}" if test else "")


def differentiator(data, a, b):
    """The first differentiator for the pair, by criterion order, A-versus-B before B-versus-A."""
    pairs = [(a, b), (b, a)]
    hits = [(data["criteria"].index(d["criterion"]) if d["criterion"] in data["criteria"]
             else len(data["criteria"]), pairs.index((d["muscle"], d["versus"])), i, d)
            for i, d in enumerate(data["differentiators"]) if (d["muscle"], d["versus"]) in pairs]
    return min(hits)[3] if hits else None
