/* Pain finder on a book page: checkboxes, the clickable map, drawing, the next question.
 *
 * The rules come from tp-finder.js (window.TPFinder); this file only wires the markup of
 * triggerpoints.finder.page.static_html and renders what Python renders (list_html,
 * panel_html) so the two stay comparable. A yes is a ticked box; "no" and "not sure" answers
 * live in the page's state and are listed, each with a Forget button. Plain script, no network.
 */
(function () {
  "use strict";
  if (typeof document === "undefined") return;

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }

  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }

  // ------------------------------------------------------------ markup (twins of page.py, panel.py)

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
    // finder.page.list_html: muscles the marks count against are listed apart, as unlikely
    var html = function (rows) { return rows.map(function (row) { return rowHtml(data, row); }).join(""); };
    var likely = html(result.rows.filter(function (r) { return r.score > 0; }));
    var unlikely = html(result.rows.filter(function (r) { return r.score <= 0; }));
    return '<p class="tp-finder-status">' + esc(result.message) + "</p>" +
      (likely ? '<ol class="tp-finder-ranking">' + likely + "</ol>" : "") +
      (unlikely ? '<p class="tp-finder-unlikely-title">Unlikely: your marks count against these.</p>' +
        '<ul class="tp-finder-unlikely">' + unlikely + "</ul>" : "");
  }

  var SAID = { no: "no", unsure: "not sure" };
  var BUTTONS = [["yes", "Yes"], ["no", "No"], ["unsure", "Not sure"]];

  function nextHtml(next) {
    if (!next) return '<div class="tp-finder-next" data-tp-finder-next="" hidden=""></div>';
    var keys = BUTTONS.map(function (b) {
      return '<button type="button" data-tp-finder-answer="' + b[0] + '">' + b[1] + "</button>";
    }).join("");
    return '<div class="tp-finder-next" data-tp-finder-next="" role="group" aria-label="Next question">' +
      '<p><strong>Next question:</strong> <span data-tp-finder-question="" data-kind="' + next.kind + '" ' +
      'data-id="' + esc(next.id) + '">' + esc(next.question) + "</span></p>" +
      '<p class="tp-finder-why">' + esc(next.why) + "</p>" +
      '<details class="tp-finder-bits"><summary>How useful is this question?</summary>' +
      "<p>Expected information: " + next.bits.toFixed(3) + " bits (1 bit would split two equal leaders " +
      "perfectly).</p></details>" + '<p class="tp-finder-buttons">' + keys + "</p></div>";
  }

  function answersHtml(data, answers) {
    var items = [];
    ["regions", "aggravators"].forEach(function (kind) {
      data[kind].forEach(function (v) {
        var a = answers[kind][v.id];
        if (!(a in SAID)) return;
        var label = esc(v.label);
        items.push("<li>" + label + ": " + SAID[a] + ' <button type="button" data-tp-finder-forget="' +
          kind + ":" + esc(v.id) + '" aria-label="Forget the answer for ' + label + '">Forget</button></li>');
      });
    });
    if (!items.length) return '<div data-tp-finder-answers=""></div>';
    return '<div data-tp-finder-answers=""><p>Answered no or not sure (a yes is a ticked box):</p>' +
      '<ul class="tp-finder-answered">' + items.join("") + "</ul></div>";
  }

  function panelHtml(data, result, answers, note) {
    var text = note ? window.TPFinder.noteText(data, note) : "";
    return '<p class="tp-finder-lead" data-tp-finder-lead="">' + esc(result.lead.text) + "</p>" +
      nextHtml(result.next) + '<p class="tp-finder-answer-note" data-tp-finder-note="">' + esc(text) + "</p>" +
      answersHtml(data, answers);
  }

  // ------------------------------------------------------------ the map overlay

  // ------------------------------------------------------------ left and right (finder/sides.py)

  function withMark(choice, side) { return choice === side || choice === "both" ? choice : "both"; }

  function sidesOf(choice) { return choice === "both" ? ["right", "left"] : [choice]; }

  function sideNote(data, choice, top) {
    var names = {};
    data.muscles.forEach(function (m) { names[m.id] = m.short; });
    var both = top.filter(function (m) { return m in data.bilateral; });
    if (choice !== "both" || !both.length) {
      return choice === "both" ? "Patterns are drawn on both sides." :
        "Patterns are drawn on the " + (choice === "left" ? "left" : "right") + " side.";
    }
    var alone = both.every(function (m) { return data.bilateral[m]; });
    return "Pain on both sides: " + (alone ? "the course article alone says" : "the sources say") +
      " the pattern of " + both.map(function (m) { return names[m]; }).join(", ") + " is often on both sides.";
  }

  function describe(data, marked, absent, top, sides) {
    var region = window.TPFinder.phrases(data.regions), names = {}, join = window.TPFinder.joinList;
    data.muscles.forEach(function (m) { names[m.id] = m.short; });
    function say(ids) { return join(ids.map(function (r) { return region[r]; })); }
    var text = "Body map, posterior, anterior and lateral views, " +
      (sides.length > 1 ? "both sides" : sides[0] + " side") + ". ";
    text += marked.length ? "Marked: " + say(marked) + ". " : "No area is marked. ";
    if (absent.length) text += "Answered no: " + say(absent) + ". ";
    if (top.length) {
      text += "Overlaid referral zones (solid essential, hatched spillover) and trigger points of " +
        join(top.map(function (m) { return names[m]; })) + ".";
    }
    return text.trim();
  }

  /* The top candidates' patterns and the marked areas, on the side(s) of the pain. */
  function overlay(figure, data, marked, absent, top, sides) {
    if (!figure) return;
    sides = sides || ["right"];
    var svg = figure.querySelector("svg.tp-map"), keys = figure.querySelector("[data-tp-finder-keys]");
    function onSide(el) { return sides.indexOf(el.getAttribute("data-side") || "right") >= 0; }
    each(svg, ".tp-zone, .tp-point", function (el) {
      el.classList.toggle("tp-finder-shown", top.indexOf(el.getAttribute("data-muscle")) >= 0 && onSide(el));
    });
    each(svg, ".tp-region", function (el) {
      var id = el.getAttribute("data-region"), here = onSide(el);
      var on = here && marked.indexOf(id) >= 0, no = here && absent.indexOf(id) >= 0;
      el.classList.toggle("tp-finder-marked", on);
      el.classList.toggle("tp-finder-absent", no);
      if (on || no) { // drawn above the zones, below the strokes
        var strokes = svg.querySelector(".tp-finder-strokes");
        el.parentNode.insertBefore(el, strokes && strokes.parentNode === el.parentNode ? strokes : null);
      }
    });
    top.forEach(function (id) { keys.appendChild(keys.querySelector('li[data-muscle="' + id + '"]')); });
    each(keys, "li", function (li) { li.hidden = top.indexOf(li.getAttribute("data-muscle")) < 0; });
    var label = describe(data, marked, absent, top, sides), title = svg.querySelector("title");
    svg.setAttribute("aria-label", label);
    if (title) title.textContent = label;
  }

  // ------------------------------------------------------------ one finder

  function wire(section) {
    var blob = section.querySelector("script[data-tp-finder-data]");
    var form = section.querySelector("[data-tp-finder-controls]");
    if (!blob || !form || section.getAttribute("data-tp-finder-ready")) return;
    var data = JSON.parse(blob.textContent), api = window.TPFinder;
    var list = section.querySelector("[data-tp-finder-list]");
    var panel = section.querySelector("[data-tp-finder-advice]");
    var figure = section.querySelector("[data-tp-finder-map]");
    var extra = { regions: {}, aggravators: {} }, note = null;
    var NAMES = { regions: "region", aggravators: "aggravator" };

    function box(kind, id) {
      return form.querySelector('input[name="' + NAMES[kind] + '"][value="' + id + '"]');
    }

    function answers() {
      var out = { regions: {}, aggravators: {} };
      Object.keys(NAMES).forEach(function (kind) {
        each(form, 'input[name="' + NAMES[kind] + '"]', function (b) {
          if (b.checked) out[kind][b.value] = "yes";
          else if (b.value in extra[kind]) out[kind][b.value] = extra[kind][b.value];
        });
      });
      return out;
    }

    function ids(state, kind, value) {
      return data[kind].map(function (v) { return v.id; })
        .filter(function (id) { return state[kind][id] === value; });
    }

    function choice() {
      var radio = form.querySelector('input[name="side"]:checked');
      return radio ? radio.value : "right";
    }

    function markedOn(side) {  // an area marked on the map's other half: the pain is on both sides
      var radio = form.querySelector('input[name="side"][value="' + withMark(choice(), side || "right") + '"]');
      if (radio) radio.checked = true;
    }

    function update() {
      var state = answers(), result = api.advise(data, state);
      list.innerHTML = listHtml(data, result);
      var refocus = panel.contains(document.activeElement);
      panel.innerHTML = panelHtml(data, result, state, note);
      if (refocus) (panel.querySelector("button") || list).focus();
      // the likely candidates only: an unlikely muscle's pattern is not drawn (finder.widget: same)
      var top = result.rows.filter(function (r) { return r.score > 0; }).slice(0, data.overlay_top)
        .map(function (r) { return r.muscle; });
      overlay(figure, data, ids(state, "regions", "yes"), ids(state, "regions", "no"), top, sidesOf(choice()));
      var sideText = section.querySelector("[data-tp-finder-side-note]");
      if (sideText) sideText.textContent = sideNote(data, choice(), top);
      section.dispatchEvent(new CustomEvent("tp-finder-update", { detail: result }));
      if (restored && store) store.saveFinder(storeKey, { answers: state, side: choice() });
    }

    // The marks and answers are kept in this browser like the quizzes' (tp-store.js): put back on
    // load; storage this page cannot read is ignored with the store's notice; a mark for an area
    // or activity the course no longer has is dropped, and the page says which.
    var store = window.tpStore, storeKey = (window.location.pathname.split("/").pop() || "index") + "#finder";
    var restored = false;
    function restore() {
      restored = true;
      if (!store) return;
      var said = document.createElement("p");
      said.className = "tp-finder-kept";
      said.setAttribute("role", "status");
      var notice = store.notice();
      if (notice) section.insertBefore(notice, section.firstChild);
      var saved = store.finderState(storeKey);
      if (!saved) return;
      var dropped = [], back = 0;
      Object.keys(NAMES).forEach(function (kind) {
        var given = saved.answers[kind];
        Object.keys(given).forEach(function (id) {
          var b = box(kind, id), value = given[id];
          if (!b || ["yes", "no", "unsure"].indexOf(value) < 0) { dropped.push(id); return; }
          back += 1;
          if (value === "yes") b.checked = true;
          else extra[kind][id] = value;
        });
      });
      var radio = form.querySelector('input[name="side"][value="' + saved.side + '"]');
      if (radio) radio.checked = true;
      said.textContent = (back ? "Your marks and answers from last time are back (" + back + "); Clear all marks starts afresh." : "") +
        (dropped.length ? " Dropped, as the course no longer has them: " + dropped.join(", ") + "." : "");
      if (said.textContent) section.insertBefore(said, form);
    }

    // Every way of answering ends here: the last answer replaces any earlier one, and says so.
    function setAnswer(kind, id, value) {
      var b = box(kind, id), previous = b.checked ? "yes" : (id in extra[kind] ? extra[kind][id] : null);
      b.checked = value === "yes";
      if (value === "yes" || value === null) delete extra[kind][id];
      else extra[kind][id] = value;
      note = { kind: kind, id: id, answer: value, previous: previous };
      update();
    }

    form.addEventListener("change", function (event) {
      var b = event.target, kind = b.name === "region" ? "regions" : "aggravators";
      if (b.name === "side") { note = null; update(); return; }
      if (!b.value || !(b.name in { region: 1, aggravator: 1 })) return;
      var previous = b.checked ? (b.value in extra[kind] ? extra[kind][b.value] : null) : "yes";
      delete extra[kind][b.value];
      note = { kind: kind, id: b.value, answer: b.checked ? "yes" : null, previous: previous };
      update();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    panel.addEventListener("click", function (event) {
      var answer = event.target.closest("[data-tp-finder-answer]");
      var forget = event.target.closest("[data-tp-finder-forget]");
      if (answer) {
        var q = panel.querySelector("[data-tp-finder-question]");
        setAnswer(q.getAttribute("data-kind"), q.getAttribute("data-id"), answer.getAttribute("data-tp-finder-answer"));
      } else if (forget) {
        var key = forget.getAttribute("data-tp-finder-forget").split(":");
        setAnswer(key[0], key[1], null);
      }
    });
    section.querySelector("[data-tp-finder-clear]").addEventListener("click", function () {
      each(form, "input[type=checkbox]", function (b) { b.checked = false; });
      extra = { regions: {}, aggravators: {} };
      note = null;
      if (drawing) drawing.forget();
      update();
    });

    var drawing = null;
    if (figure) {
      var toggle = function (id, side) {
        var b = box("regions", id);
        if (!b) return;
        if (!b.checked) markedOn(side);
        setAnswer("regions", id, b.checked ? null : "yes");
      };
      drawing = window.TPFinderDraw ? window.TPFinderDraw.attach(figure, {
        marked: function (id) { var b = box("regions", id); return !!(b && b.checked); },
        mark: function (idsToMark, on, sides) {
          if (on) (sides || []).forEach(markedOn);
          idsToMark.forEach(function (id) {
            var b = box("regions", id);
            if (b) { b.checked = on; delete extra.regions[id]; }
          });
          note = null;
          update();
        },
        label: function (id) { return api.phrases(data.regions)[id]; },
        click: toggle
      }) : null;
      if (!drawing) {
        figure.addEventListener("click", function (event) {
          var hit = event.target.closest ? event.target.closest("[data-region]") : null;
          if (hit) toggle(hit.getAttribute("data-region"), hit.getAttribute("data-side"));
        });
      }
    }
    restore();
    section.setAttribute("data-tp-finder-ready", "1");
    update();
  }

  function init() { each(document, "[data-tp-finder]", wire); }

  // The JupyterLab map (finder/mapwidget.py) reuses the overlay; tests compare the markup.
  window.TPFinderPage = { overlay: overlay, listHtml: listHtml, panelHtml: panelHtml, withMark: withMark,
    sidesOf: sidesOf, sideNote: sideNote };

  // Both finder scripts sit in the page's head; by DOMContentLoaded both have run.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else setTimeout(init, 0);
})();
