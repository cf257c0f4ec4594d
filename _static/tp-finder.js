/* Pain finder for the static book (triggerpoints.finder): the rules, as window.TPFinder.
 *
 * Ranks muscles from the data the page embeds (one <script type="application/json"
 * data-tp-finder-data> per finder), with the same algorithm as the Python
 * rank_muscles(): score = 2 x essential areas + 1 x spillover areas + 1 x article-only
 * areas + 1 x matching aggravators - 1 x unexplained areas - 1 x essential areas answered
 * "no" - 1 x its aggravators answered "no"; ties go to more essential areas, then more
 * aggravators, then the course order. advise() adds the lead statement and the next question
 * (finder/advice.py explains the rule). Plain script (no modules, no network); under node it
 * exports the rules for the parity tests. The page itself is wired by tp-finder-page.js.
 */
(function () {
  "use strict";

  function joinList(items) {
    if (items.length < 2) return items.join("");
    return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  function positions(list) {
    var out = {};
    list.forEach(function (item, i) { out[item.id] = i; });
    return out;
  }

  // Validate ids; return them de-duplicated, in knowledge-base order.
  function checked(ids, vocabulary, kind) {
    var pos = positions(vocabulary), seen = {};
    ids.forEach(function (id) {
      if (!(id in pos)) {
        throw new Error("unknown " + kind + " id '" + id + "'. Valid " + kind + " ids: " +
          vocabulary.map(function (v) { return v.id; }).join(", "));
      }
      seen[id] = true;
    });
    return vocabulary.map(function (v) { return v.id; }).filter(function (id) { return seen[id]; });
  }

  function phrases(vocabulary) {
    var out = {};
    vocabulary.forEach(function (v) { out[v.id] = v.phrase; });
    return out;
  }

  var REASONS = [["essential zone covers ", "regions"], ["spillover zone reaches ", "regions"],
    ["unconfirmed zones add ", "regions"], ["provoked by ", "aggravators"],
    ["does not explain ", "regions"], ["no pain reported in its essential zone: ", "regions"],
    ["not made worse by ", "aggravators"]];

  function reason(data, short, groups) {
    var table = { regions: phrases(data.regions), aggravators: phrases(data.aggravators) }, clauses = [];
    REASONS.forEach(function (r, i) {
      if (groups[i].length) {
        clauses.push(r[0] + joinList(groups[i].map(function (id) { return table[r[1]][id]; })));
      }
    });
    return short + ": " + clauses.join("; ") + ".";
  }

  function score(data, muscle, regions, aggravators, absent) {
    var zones = muscle.zones, w = data.weights;
    var essential = regions.filter(function (r) { return zones[r] === "essential"; });
    var spillover = regions.filter(function (r) { return zones[r] === "spillover"; });
    // An area only the source article supports counts like spillover, whatever its zone.
    var article = regions.filter(function (r) { return muscle.article_only.indexOf(r) >= 0; });
    var unexplained = regions.filter(function (r) {
      return !(r in zones) && muscle.article_only.indexOf(r) < 0;
    });
    var provoking = aggravators.filter(function (a) { return muscle.aggravators.indexOf(a) >= 0; });
    if (!essential.length && !spillover.length && !article.length && !provoking.length) return null;
    var absentRegions = absent[0].filter(function (r) { return zones[r] === "essential"; });
    var absentAggravators = absent[1].filter(function (a) { return muscle.aggravators.indexOf(a) >= 0; });
    var explained = essential.concat(spillover, article);
    return {
      muscle: muscle.id,
      name: muscle.name,
      parts: muscle.parts.filter(function (p) {
        return explained.some(function (r) { return muscle.zone_parts[r].indexOf(p) >= 0; });
      }),
      score: w.essential * essential.length + w.spillover * spillover.length +
        w.article * article.length + w.aggravator * provoking.length +
        w.unexplained * unexplained.length +
        w.absent_essential * absentRegions.length + w.absent_aggravator * absentAggravators.length,
      essential: essential,
      spillover: spillover,
      article: article,
      aggravators: provoking,
      unexplained: unexplained,
      absent_regions: absentRegions,
      absent_aggravators: absentAggravators,
      reason: reason(data, muscle.short, [essential, spillover, article, provoking, unexplained,
        absentRegions, absentAggravators])
    };
  }

  function without(ids, present) {
    return ids.filter(function (id) { return present.indexOf(id) < 0; });
  }

  // The ranking: {rows: [...], message: "..."}; the twin of finder.rank_muscles. Areas and
  // activities answered "no" count against the muscles that predicted them.
  function rank(data, regions, aggravators, absentRegions, absentAggravators) {
    regions = checked(regions || [], data.regions, "region");
    aggravators = checked(aggravators || [], data.aggravators, "aggravator");
    var absent = [without(checked(absentRegions || [], data.regions, "region"), regions),
      without(checked(absentAggravators || [], data.aggravators, "aggravator"), aggravators)];
    if (!regions.length && !aggravators.length) return { rows: [], message: data.messages.empty };
    var order = positions(data.muscles), rows = [];
    data.muscles.forEach(function (m) {
      var row = score(data, m, regions, aggravators, absent);
      if (row) rows.push(row);
    });
    rows.sort(function (a, b) {
      return (b.score - a.score) || (b.essential.length - a.essential.length) ||
        (b.aggravators.length - a.aggravators.length) || (order[a.muscle] - order[b.muscle]);
    });
    if (!rows.length) return { rows: [], message: data.messages.no_match };
    return { rows: rows, message: data.messages.found.replace("{n}", String(rows.length)) };
  }

  // ------------------------------------------------------------ advice (finder/advice.py)

  var KINDS = { regions: "region", aggravators: "aggravator" }, ANSWERS = ["yes", "no", "unsure"];

  // Validate {regions: {id: answer}, aggravators: {...}}; a copy in knowledge-base order.
  function checkedAnswers(data, answers) {
    answers = answers || {};
    Object.keys(answers).forEach(function (k) {
      if (!(k in KINDS)) throw new Error("unknown answer group '" + k + "'. Valid groups: regions, aggravators");
    });
    var out = { regions: {}, aggravators: {} };
    Object.keys(KINDS).forEach(function (kind) {
      var given = answers[kind] || {};
      Object.keys(given).forEach(function (id) {
        if (ANSWERS.indexOf(given[id]) < 0) {
          throw new Error("unknown answer '" + given[id] + "' for " + KINDS[kind] + " '" + id +
            "'. Valid answers: " + ANSWERS.join(", "));
        }
      });
      checked(Object.keys(given), data[kind], KINDS[kind]).forEach(function (id) { out[kind][id] = given[id]; });
    });
    return out;
  }

  function withAnswer(answers, kind, id, value) {
    var previous = id in answers[kind] ? answers[kind][id] : null, copy = {};
    Object.keys(answers).forEach(function (k) {
      copy[k] = {};
      Object.keys(answers[k]).forEach(function (i) { copy[k][i] = answers[k][i]; });
    });
    if (value === null) delete copy[kind][id];
    else copy[kind][id] = value;
    return { answers: copy, note: { kind: kind, id: id, answer: value, previous: previous } };
  }

  var SAID = { yes: "yes", no: "no", unsure: "not sure" };
  function said(answer) { return answer === null ? "no answer" : SAID[answer]; }

  function noteText(data, note) {
    var label = data[note.kind].filter(function (v) { return v.id === note.id; })[0].label;
    var text = label + ": " + said(note.answer);
    if (note.previous !== null && note.previous !== note.answer) {
      text += " (replaces your earlier " + said(note.previous) + ")";
    }
    return text + ".";
  }

  function byAnswer(data, answers, kind, value) {
    return data[kind].map(function (v) { return v.id; })
      .filter(function (id) { return answers[kind][id] === value; });
  }

  function leaders(data, rows) {
    var top = rows.length ? rows[0].score : 0;
    var close = rows.slice(0, data.leaders).filter(function (r) { return top - r.score < data.lead_gap; });
    return close.length < 2 ? rows.slice(0, 2) : close;
  }

  function musclesById(data) {
    var out = {};
    data.muscles.forEach(function (m) { out[m.id] = m; });
    return out;
  }

  function pYes(data, muscle, kind, id) {
    var model = data.answer_model;
    if (kind === "regions") return model[muscle.zones[id] || "none"];
    return model[muscle.aggravators.indexOf(id) >= 0 ? "aggravator" : "none"];
  }

  function entropy(p) {
    return p <= 0 || p >= 1 ? 0 : -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p));
  }

  function shortName(data, id) {
    var s = musclesById(data)[id].short;
    return s.charAt(0).toLowerCase() + s.slice(1);
  }

  function joinNames(items) {
    return items.length === 1 ? items[0] : items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  // Lexicographic comparison of [millibits, splits top two, -kind, -order].
  function better(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
    return false;
  }

  function nextQuestion(data, lead, answers) {
    if (lead.length < 2) return null;
    var muscles = musclesById(data), best = null;
    // a leader's weight halves with each point it trails the top score
    var weights = lead.map(function (r) { return Math.pow(2, r.score - lead[0].score); });
    var total = weights.reduce(function (s, w) { return s + w; }, 0);
    Object.keys(KINDS).forEach(function (kind, rankKind) {
      data[kind].forEach(function (item, order) {
        if (item.id in answers[kind]) return;
        var ps = lead.map(function (r) { return pYes(data, muscles[r.muscle], kind, item.id); });
        var mean = ps.reduce(function (s, p, i) { return s + weights[i] * p; }, 0) / total;
        var noise = ps.reduce(function (s, p, i) { return s + weights[i] * entropy(p); }, 0) / total;
        var key = [Math.floor((entropy(mean) - noise) * 1000 + 0.5), ps[0] !== ps[1] ? 1 : 0, -rankKind, -order];
        if (key[0] > 0 && (best === null || better(key, best.key))) {
          best = { key: key, kind: kind, item: item, ps: ps };
        }
      });
    });
    if (best === null) return null;
    var names = lead.map(function (r) { return shortName(data, r.muscle); });
    var hi = Math.max.apply(null, best.ps), lo = Math.min.apply(null, best.ps);
    var high = names.filter(function (n, i) { return best.ps[i] === hi; });
    var low = names.filter(function (n, i) { return best.ps[i] === lo; });
    var phrase = best.item.phrase, ask, pain;
    if (best.kind === "regions") { ask = "Is there pain in " + phrase + "?"; pain = "Pain in " + phrase; }
    else { ask = "Does " + phrase + " make the pain worse?"; pain = "Pain made worse by " + phrase; }
    return { kind: best.kind, id: best.item.id, question: ask, bits: best.key[0] / 1000,
      why: pain + " would point to " + joinNames(high) + " rather than " + joinNames(low) + "." };
  }

  function differentiator(data, a, b) {
    var best = null, bestKey = null;
    data.differentiators.forEach(function (d, i) {
      var dir = d.muscle === a && d.versus === b ? 0 : (d.muscle === b && d.versus === a ? 1 : -1);
      if (dir < 0) return;
      var c = data.criteria.indexOf(d.criterion);
      var key = [c < 0 ? data.criteria.length : c, dir, i];
      if (bestKey === null || better(bestKey, key)) { best = d; bestKey = key; }
    });
    return best;
  }

  // finder.advice.examine: once the lead is clear, what to examine instead of more questions.
  function examine(data, muscle) {
    var text = "Enough questions: examine " + shortName(data, muscle) + " next. Palpate it for a tender, " +
      "taut band whose pressure brings on the familiar pain (one clue among several: examiners often disagree).";
    var test = data.differentiators.filter(function (d) {
      return d.muscle === muscle && d.criterion === "muscle_testing";
    })[0];
    return text + (test ? " Muscle test: " + test.statement : "");
  }

  function leadStatement(data, rows) {
    if (!rows.length) return { kind: "none", text: "", differentiator: null };
    var first = shortName(data, rows[0].muscle);
    if (rows.length === 1) {
      return { kind: "single", differentiator: null,
        text: "One candidate only: " + first + ". " + examine(data, rows[0].muscle) };
    }
    var gap = rows[0].score - rows[1].score, second = shortName(data, rows[1].muscle);
    var points = gap === 1 ? "point" : "points";
    if (gap >= data.lead_gap) {
      return { kind: "clear", differentiator: null,
        text: "Clear lead: " + first + ", " + gap + " " + points + " ahead of " + second + ". " +
          examine(data, rows[0].muscle) };
    }
    var apart = gap === 0 ? "level on score" : gap + " " + points + " apart";
    var found = differentiator(data, rows[0].muscle, rows[1].muscle);
    var text = "Close call between " + first + " and " + second + " (" + apart + "): ";
    if (found) text += "tell them apart by " + found.criterion.replace(/_/g, " ") + ". " + found.statement;
    else text += "the course lists no differentiator for this pair; compare their maps.";
    return { kind: "close", text: text, differentiator: found };
  }

  // Ranking, lead statement and next question: the twin of finder.advice.advise.
  function advise(data, answers) {
    answers = checkedAnswers(data, answers);
    var result = rank(data, byAnswer(data, answers, "regions", "yes"), byAnswer(data, answers, "aggravators", "yes"),
      byAnswer(data, answers, "regions", "no"), byAnswer(data, answers, "aggravators", "no"));
    var said = leadStatement(data, result.rows);
    var settled = said.kind === "clear" || said.kind === "single";  // examine, do not ask
    return { rows: result.rows, message: result.message, lead: said,
      next: settled ? null : nextQuestion(data, leaders(data, result.rows), answers) };
  }

  var api = { rank: rank, advise: advise, withAnswer: withAnswer, noteText: noteText, joinList: joinList,
    phrases: phrases };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof window !== "undefined") window.TPFinder = api;
})();
