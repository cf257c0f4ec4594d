/* Pain finder for the static book (triggerpoints.finder.pain_finder).
 *
 * Ranks muscles from the data the page embeds (one <script type="application/json"
 * data-tp-finder-data> per finder), with the same algorithm as the Python
 * rank_muscles(): score = 2 x essential areas + 1 x spillover areas + 1 x article-only
 * areas + 1 x matching aggravators - 1 x unexplained areas; ties go to more essential areas, then more
 * aggravators, then the course order. Plain browser script (no modules, no network);
 * under node it only exports the ranking, for the parity test.
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

  function reason(data, short, essential, spillover, article, provoking, unexplained) {
    var region = phrases(data.regions), aggravator = phrases(data.aggravators), clauses = [];
    function say(ids, table) { return joinList(ids.map(function (id) { return table[id]; })); }
    if (essential.length) clauses.push("essential zone covers " + say(essential, region));
    if (spillover.length) clauses.push("spillover zone reaches " + say(spillover, region));
    if (article.length) clauses.push("only the source article adds " + say(article, region));
    if (provoking.length) clauses.push("provoked by " + say(provoking, aggravator));
    if (unexplained.length) clauses.push("does not explain " + say(unexplained, region));
    return short + ": " + clauses.join("; ") + ".";
  }

  function score(data, muscle, regions, aggravators) {
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
    var explained = essential.concat(spillover, article);
    return {
      muscle: muscle.id,
      name: muscle.name,
      parts: muscle.parts.filter(function (p) {
        return explained.some(function (r) { return muscle.zone_parts[r].indexOf(p) >= 0; });
      }),
      score: w.essential * essential.length + w.spillover * spillover.length +
        w.article * article.length + w.aggravator * provoking.length +
        w.unexplained * unexplained.length,
      essential: essential,
      spillover: spillover,
      article: article,
      aggravators: provoking,
      unexplained: unexplained,
      reason: reason(data, muscle.short, essential, spillover, article, provoking, unexplained)
    };
  }

  // The ranking: {rows: [...], message: "..."}; the twin of finder.rank_muscles.
  function rank(data, regions, aggravators) {
    regions = checked(regions || [], data.regions, "region");
    aggravators = checked(aggravators || [], data.aggravators, "aggravator");
    if (!regions.length && !aggravators.length) return { rows: [], message: data.messages.empty };
    var order = positions(data.muscles), rows = [];
    data.muscles.forEach(function (m) {
      var row = score(data, m, regions, aggravators);
      if (row) rows.push(row);
    });
    rows.sort(function (a, b) {
      return (b.score - a.score) || (b.essential.length - a.essential.length) ||
        (b.aggravators.length - a.aggravators.length) || (order[a.muscle] - order[b.muscle]);
    });
    if (!rows.length) return { rows: [], message: data.messages.no_match };
    return { rows: rows, message: data.messages.found.replace("{n}", String(rows.length)) };
  }

  var api = { rank: rank, joinList: joinList };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof window !== "undefined") window.TPFinder = api;
  if (typeof document === "undefined") return;

  // ------------------------------------------------------------ the page

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  function rowHtml(data, row) {
    var muscle = data.muscles.filter(function (m) { return m.id === row.muscle; })[0];
    var names = {};
    data.parts.forEach(function (p) { names[p.id] = p.name; });
    var detail = "score " + row.score;
    if (muscle.parts.length > 1 && row.parts.length) {
      detail += "; parts: " + row.parts.map(function (p) { return names[p]; }).join(", ");
    }
    return '<li data-muscle="' + esc(row.muscle) + '" data-score="' + row.score + '">' +
      "<strong>" + esc(row.name) + "</strong> " +
      '<span class="tp-finder-score">(' + esc(detail) + ")</span> " +
      '<span class="tp-finder-reason">' + esc(row.reason) + "</span></li>";
  }

  function listHtml(data, result) {
    var items = result.rows.map(function (row) { return rowHtml(data, row); }).join("");
    return '<p class="tp-finder-status">' + esc(result.message) + "</p>" +
      (items ? '<ol class="tp-finder-ranking">' + items + "</ol>" : "");
  }

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  function describe(data, marked, top) {
    var region = phrases(data.regions), names = {};
    data.muscles.forEach(function (m) { names[m.id] = m.short; });
    var text = "Body map, posterior and anterior views. ";
    text += marked.length ? "Marked: " + joinList(marked.map(function (r) { return region[r]; })) + ". "
      : "No area is marked. ";
    if (top.length) {
      text += "Overlaid referral zones (solid essential, hatched spillover) and trigger points of " +
        joinList(top.map(function (m) { return names[m]; })) + ".";
    }
    return text.trim();
  }

  function overlay(figure, data, marked, top) {
    if (!figure) return;
    var svg = figure.querySelector("svg.tp-map"), keys = figure.querySelector("[data-tp-finder-keys]");
    each(svg, ".tp-zone, .tp-point", function (el) {
      el.classList.toggle("tp-finder-shown", top.indexOf(el.getAttribute("data-muscle")) >= 0);
    });
    each(svg, ".tp-region", function (el) {
      var on = marked.indexOf(el.getAttribute("data-region")) >= 0;
      el.classList.toggle("tp-finder-marked", on);
      if (on) el.parentNode.appendChild(el); // drawn above the zones
    });
    top.forEach(function (id) { keys.appendChild(keys.querySelector('li[data-muscle="' + id + '"]')); });
    each(keys, "li", function (li) { li.hidden = top.indexOf(li.getAttribute("data-muscle")) < 0; });
    var label = describe(data, marked, top), title = svg.querySelector("title");
    svg.setAttribute("aria-label", label);
    if (title) title.textContent = label;
  }

  function values(form, name) {
    return Array.prototype.filter.call(form.querySelectorAll('input[name="' + name + '"]'),
      function (box) { return box.checked; }).map(function (box) { return box.value; });
  }

  function wire(section) {
    var blob = section.querySelector("script[data-tp-finder-data]");
    var form = section.querySelector("[data-tp-finder-controls]");
    if (!blob || !form || section.getAttribute("data-tp-finder-ready")) return;
    section.setAttribute("data-tp-finder-ready", "1");
    var data = JSON.parse(blob.textContent);
    var list = section.querySelector("[data-tp-finder-list]");
    var figure = section.querySelector("[data-tp-finder-map]");

    function update() {
      var marked = values(form, "region"), result = rank(data, marked, values(form, "aggravator"));
      list.innerHTML = listHtml(data, result);
      var top = result.rows.slice(0, data.overlay_top).map(function (r) { return r.muscle; });
      overlay(figure, data, marked, top);
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    section.querySelector("[data-tp-finder-clear]").addEventListener("click", function () {
      each(form, "input[type=checkbox]", function (box) { box.checked = false; });
      update();
    });
    if (figure) {
      figure.addEventListener("click", function (event) {
        var hit = event.target.closest ? event.target.closest("[data-region]") : null;
        var box = hit && form.querySelector('input[name="region"][value="' + hit.getAttribute("data-region") + '"]');
        if (!box) return;
        box.checked = !box.checked;
        update();
      });
    }
    update();
  }

  function init() { each(document, "[data-tp-finder]", wire); }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
