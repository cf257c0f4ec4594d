/* "Locate it" in the static book: no kernel, no network. Mirrors triggerpoints.quizzes.locateit.grade.
   Click (or move the cross with the arrow keys and press Enter) where the muscle lies, then where
   its trigger point sits; the answer is drawn after each step, and the finished exercise is kept
   by tp-store.js like a quiz answer. Does nothing on pages without a [data-tp-locate] element. */
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function inside(p, poly) {
    var c = false;
    for (var i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      var a = poly[i], b = poly[j];
      if ((a[1] > p[1]) !== (b[1] > p[1]) && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]) { c = !c; }
    }
    return c;
  }

  function toSegment(p, a, b) {
    var dx = b[0] - a[0], dy = b[1] - a[1], len = dx * dx + dy * dy;
    var t = len ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len)) : 0;
    return Math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy);
  }

  function toShape(p, poly) {
    if (inside(p, poly)) { return 0; }
    var d = Infinity;
    for (var i = 0; i < poly.length; i++) { d = Math.min(d, toSegment(p, poly[i], poly[(i + 1) % poly.length])); }
    return d;
  }

  function grade(model, step, p) {
    var gap = step === "muscle"
      ? Math.min.apply(null, model.muscle.map(function (s) { return toShape(p, s); }))
      : Math.min.apply(null, model.points.map(function (q) { return Math.hypot(p[0] - q[0], p[1] - q[1]); }));
    var right = gap <= model.near[step], cm = Math.round(gap * model.cm);
    var what = step === "muscle" ? model.name : "the trigger point of " + model.name;
    var text = gap === 0 ? "Right: that is on " + what + "."
      : right ? "Right: about " + cm + " cm from " + what + ", close enough."
      : "Not quite: about " + cm + " cm from " + what + ". The answer is drawn now.";
    return { right: right, cm: cm, text: text };
  }

  function setup(root) {
    var model = JSON.parse(root.querySelector("script[data-tp-locate-data]").textContent);
    var svg = root.querySelector("svg"), plate = root.querySelector(".tp-locate-plate");
    var stepLine = root.querySelector(".tp-locate-step"), feedback = root.querySelector(".tp-locate-feedback");
    var retry = root.querySelector(".tp-locate-retry");
    var m = model.to_svg, steps = ["muscle", "point"], step = 0, results = [], layer, cursor;
    var chapter = root.getAttribute("data-tp-locate"), qid = root.getAttribute("data-tp-qid");
    function toSvg(p) { return [m[0] * p[0] + m[1], m[2] * p[1] + m[3]]; }
    function toCanvas(s) { return [(s[0] - m[1]) / m[0], (s[1] - m[3]) / m[2]]; }
    function add(tag, attrs) {
      var el = document.createElementNS(NS, tag);
      Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
      layer.appendChild(el);
      return el;
    }
    function cross(p, cls, r) {
      var s = toSvg(p);
      add("path", { d: "M" + (s[0] - r) + " " + (s[1] - r) + "L" + (s[0] + r) + " " + (s[1] + r) + "M" + (s[0] - r) + " " + (s[1] + r) + "L" + (s[0] + r) + " " + (s[1] - r), "class": cls });
    }
    function reveal(kind) {
      if (kind === "muscle") {
        model.muscle.forEach(function (s) { add("path", { d: "M" + s.map(function (p) { return toSvg(p).join(" "); }).join("L") + "Z", "class": "tp-locate-answer" }); });
      } else {
        model.points.forEach(function (p) { cross(p, "tp-locate-answer-x", 5); });
      }
    }
    function start() {
      if (layer) { layer.remove(); }
      layer = document.createElementNS(NS, "g");
      layer.setAttribute("class", "tp-locate-layer");
      svg.appendChild(layer);
      step = 0; results = [];
      cursor = add("circle", { r: 4, "class": "tp-locate-cursor" });
      var mid = toCanvas([svg.viewBox.baseVal.width / 2, svg.viewBox.baseVal.height / 2]);
      place(cursor, mid);
      feedback.textContent = "";
      retry.hidden = true;
      stepLine.textContent = "Step 1 of 2: where does " + model.name + " lie?";
    }
    function place(el, p) { var s = toSvg(p); el.setAttribute("cx", s[0]); el.setAttribute("cy", s[1]); el.dataset.x = p[0]; el.dataset.y = p[1]; }
    function answer(p) {
      if (step >= steps.length) { return; }
      var kind = steps[step], r = grade(model, kind, p);
      cross(p, "tp-locate-mine", 3.5);
      reveal(kind);
      results.push(kind + ":" + (r.right ? "right" : "wrong"));
      feedback.textContent = r.text;
      step += 1;
      if (step < steps.length) {
        stepLine.textContent = "Step 2 of 2: where does its trigger point sit?";
        return;
      }
      var correct = results.every(function (x) { return /right$/.test(x); });
      stepLine.textContent = correct ? "Done: both right." : "Done. Look at the drawn answer, then try again.";
      retry.hidden = false;
      var store = window.tpStore;
      if (store) { feedback.textContent += " " + (store.recordAnswer(qid, chapter, results, correct) || ""); }
    }
    svg.addEventListener("click", function (e) {
      var pt = svg.createSVGPoint();
      pt.x = e.clientX; pt.y = e.clientY;
      var s = pt.matrixTransform(svg.getScreenCTM().inverse());
      answer(toCanvas([s.x, s.y]));
    });
    plate.addEventListener("keydown", function (e) {
      var moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
      var p = [Number(cursor.dataset.x), Number(cursor.dataset.y)];
      if (moves[e.key]) {
        var k = e.shiftKey ? 4 : 1;
        place(cursor, [p[0] + k * moves[e.key][0], p[1] + k * moves[e.key][1]]);
        e.preventDefault();
      } else if (e.key === "Enter" || e.key === " ") {
        answer(p);
        e.preventDefault();
      }
    });
    retry.addEventListener("click", function () { start(); plate.focus(); });
    start();
  }

  function init() { document.querySelectorAll("[data-tp-locate]").forEach(setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
  window.tpLocate = { grade: grade };
}());
