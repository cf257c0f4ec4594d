/* The explorer's compare mode, told apart: under the compared figure, a box with what the course
   says separates the two muscles (a compared part gets its muscle's facts) (book.apart renders the same box in Python). The facts come in
   the page's one [data-tp-apart] block, which the book adds to pages with an explorer. */
(function () {
  "use strict";

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" }[c];
    });
  }

  function render(data, a, b, lesson) {  // book.apart.render, line for line
    var names = data.names, of = data.of, ma = of[a] || a, mb = of[b] || b, groups = {}, order = [], rows = "";
    data.facts.forEach(function (f) {
      if ((f[0] === ma && f[1] === mb) || (f[0] === mb && f[1] === ma)) {
        if (!groups[f[2]]) { groups[f[2]] = []; order.push(f[2]); }
        groups[f[2]].push(f[3]);
      }
    });
    order.forEach(function (label) {
      rows += "<dt>" + esc(label) + "</dt>" + groups[label].map(function (t) { return "<dd>" + esc(t) + "</dd>"; }).join("");
    });
    [[ma, mb], [mb, ma]].forEach(function (p) {
      var theirs = data.worse[p[1]] || [];
      var only = (data.worse[p[0]] || []).filter(function (x) { return theirs.indexOf(x) < 0; });
      if (only.length) rows += "<dt>Made worse, for " + esc(names[p[0]]) + " only, by</dt><dd>" + esc(only.join(", ")) + "</dd>";
    });
    var whole = (ma === mb ? [ma] : [ma, mb]).filter(function (x) { return x === of[a] || x === of[b]; })
      .map(function (x) { return names[x]; });
    var body;
    if (ma === mb) {
      body = "<p>The course's differences are written for whole muscles, so none tells these two apart: " +
        "compare their maps above.</p>";
    } else {
      body = (whole.length ? "<p>The course's differences are written for whole muscles: below, those of " +
        esc(whole.join(" and ")) + ".</p>" : "") + (rows ? "<dl>" + rows + "</dl>"
        : "<p>The course lists nothing yet that tells this pair apart: compare their maps above.</p>");
    }
    return "<h4>How to tell " + esc(names[a]) + " from " + esc(names[b]) + "</h4>" + body +
      '<p>More in <a href="' + esc(lesson) + '">Lesson 8: Telling them apart</a>.</p>';
  }

  /* book.apart_data's parts (names, muscle), from the explorer's model: the page carries them once. */
  function withParts(root, data) {
    var script = root.querySelector("script[data-tp-model]"), names = {}, of = {};
    Object.keys(data.names).forEach(function (m) { names[m] = data.names[m]; });
    (script ? JSON.parse(script.textContent).model.muscles : []).forEach(function (m) {
      m.parts.forEach(function (p) { if (p.label) { names[p.id] = p.label; of[p.id] = m.id; } });
    });
    return { names: names, of: of, facts: data.facts, worse: data.worse, lesson: data.lesson };
  }

  function setup(root, shared) {
    var data = withParts(root, shared), stage = root.querySelector(".tp-x-stage") || root;
    var box = document.createElement("section");
    box.className = "tp-x-apart";
    box.setAttribute("aria-label", "Telling the compared muscles or parts apart");
    box.hidden = true;
    stage.appendChild(box);
    function update() {
      var a = root.querySelector('[data-role="compare-0"]'), b = root.querySelector('[data-role="compare-1"]');
      var on = a && b && a.value && b.value && a.value !== b.value && data.names[a.value] && data.names[b.value];
      box.hidden = !on;
      box.innerHTML = on ? render(data, a.value, b.value, data.lesson) : "";
    }
    root.addEventListener("change", update);
    root.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest('[data-role="stop-compare"]')) setTimeout(update, 0);
    });
    update();
  }

  function init() {
    var blob = document.querySelector("script[data-tp-apart]");
    if (!blob) return;
    var data = JSON.parse(blob.textContent);
    document.querySelectorAll("[data-tp-explorer]").forEach(function (root) { setup(root, data); });
  }
  // After "load": the explorer has restored its saved settings (compare menus included) by then.
  if (document.readyState === "complete") init();
  else window.addEventListener("load", init);
}());
