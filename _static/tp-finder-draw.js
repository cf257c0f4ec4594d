/* Draw the pain on the finder's map (window.TPFinderDraw), with a mouse, a finger or a pen.
 *
 * A tap or click toggles one area, as before. A stroke (the pointer moves more than
 * TAP_PX while pressed) marks every area it runs inside for at least half the thickness
 * of the shape it crossed (the smaller side of that shape's box on screen), capped at COVER
 * of the map's width (3/200: about 5 px on a 320 px map). Grazing a corner marks nothing;
 * crossing a thin strip such as the back of the knee does. (The shape, not the area: an
 * area drawn on both sides of the body has a box far wider than either of its shapes.) Strokes stay drawn; Undo
 * takes back the last stroke and the marks it added, Clear drawing takes back all of them.
 * The hit test is the browser's own (document.elementsFromPoint over the regions' shapes),
 * so it follows the drawn outlines and the clip to the body. Plain script, no network.
 */
(function () {
  "use strict";
  if (typeof document === "undefined") return;

  var TAP_PX = 6, STEP_PX = 2, COVER = 0.015;

  // Regions a stroke (client coordinates) covers enough: [id, ...] in the order first met.
  function covered(svg, points) {
    var inside = {}, order = [], sides = {}, cap = COVER * svg.getBoundingClientRect().width;
    for (var i = 1; i < points.length; i++) {
      var a = points[i - 1], b = points[i], len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      var steps = Math.max(1, Math.ceil(len / STEP_PX));
      for (var s = 0; s < steps; s++) {
        var t = (s + 0.5) / steps, x = a[0] + (b[0] - a[0]) * t, y = a[1] + (b[1] - a[1]) * t, seen = {};
        document.elementsFromPoint(x, y).forEach(function (el) {
          var region = el.closest && el.closest(".tp-region");
          if (!region || !svg.contains(region)) return;
          var id = region.getAttribute("data-region");
          if (seen[id]) return;
          sides[id] = region.getAttribute("data-side") || "right";
          seen[id] = true;
          var box = el.getBoundingClientRect(), need = Math.min(cap, Math.min(box.width, box.height) / 2);
          if (!(id in inside)) { inside[id] = { length: 0, need: need }; order.push(id); }
          inside[id].length += len / steps;
          inside[id].need = Math.min(inside[id].need, need);
        });
      }
    }
    var out = order.filter(function (id) { return inside[id].length >= inside[id].need; });
    out.sides = out.map(function (id) { return sides[id]; });  // the half of the figure each lies on
    return out;
  }

  function toolbar(figure) {
    var bar = figure.querySelector("[data-tp-finder-draw]");
    return {
      bar: bar,
      mode: bar.querySelector("[data-tp-finder-draw-mode]"),
      undo: bar.querySelector("[data-tp-finder-undo]"),
      clear: bar.querySelector("[data-tp-finder-clear-strokes]"),
      status: bar.querySelector("[data-tp-finder-draw-status]")
    };
  }

  function attach(figure, hooks) {
    var svg = figure.querySelector("svg.tp-map"), tools = toolbar(figure);
    var layer = document.createElementNS(svg.namespaceURI, "g"), strokes = [], live = null, drewAt = -1;
    layer.setAttribute("class", "tp-finder-strokes");
    layer.setAttribute("aria-hidden", "true");
    svg.appendChild(layer);

    function on() { return tools.mode.getAttribute("aria-pressed") === "true"; }

    function refresh(message) {
      tools.undo.disabled = tools.clear.disabled = !strokes.length;
      figure.setAttribute("data-drawing", on() ? "on" : "off");
      if (message !== undefined) tools.status.textContent = message;
    }

    function say(ids) { return window.TPFinder.joinList(ids.map(hooks.label)); }

    function svgPoint(x, y) {
      var p = svg.createSVGPoint();
      p.x = x; p.y = y;
      return p.matrixTransform(svg.getScreenCTM().inverse());
    }

    function start(event) {
      if (!on() || live || (event.pointerType === "mouse" && event.button !== 0)) return;
      live = { id: event.pointerId, points: [[event.clientX, event.clientY]], line: null };
    }

    function move(event) {
      if (!live || event.pointerId !== live.id) return;
      live.points.push([event.clientX, event.clientY]);
      if (!live.line) {
        var first = live.points[0];
        if (Math.hypot(event.clientX - first[0], event.clientY - first[1]) < TAP_PX) return;
        live.line = document.createElementNS(svg.namespaceURI, "polyline");
        live.line.setAttribute("class", "tp-finder-stroke");
        layer.appendChild(live.line);
        // Keep the stroke if it leaves the map and comes back; a pointer already gone (or a
        // synthetic one) cannot be captured, and the stroke still works without it.
        try { svg.setPointerCapture(event.pointerId); } catch (e) { /* not capturable */ }
      }
      live.line.setAttribute("points", live.points.map(function (p) {
        var q = svgPoint(p[0], p[1]);
        return q.x.toFixed(1) + "," + q.y.toFixed(1);
      }).join(" "));
      event.preventDefault();
    }

    function end(event) {
      if (!live || event.pointerId !== live.id) return;
      var stroke = live;
      live = null;
      if (!stroke.line) return; // a tap: the click handler toggles the area
      drewAt = event.timeStamp;
      var hit = covered(svg, stroke.points);
      var added = hit.filter(function (id) { return !hooks.marked(id); });
      strokes.push({ line: stroke.line, added: added });
      hooks.mark(added, true, hit.sides);
      refresh(added.length ? "This stroke marked " + say(added) + "."
        : "This stroke added no area: it ran through none for long enough, or they were marked already.");
    }

    function cancel(event) {
      if (!live || event.pointerId !== live.id) return;
      if (live.line) layer.removeChild(live.line);
      live = null;
    }

    function undo(all) {
      var taken = [];
      while (strokes.length) {
        var last = strokes.pop();
        layer.removeChild(last.line);
        taken = taken.concat(last.added.filter(hooks.marked));
        if (!all) break;
      }
      hooks.mark(taken, false);
      refresh(taken.length ? "Unmarked " + say(taken) + "." : "Drawing taken back; no mark changed.");
    }

    svg.addEventListener("pointerdown", start);
    svg.addEventListener("pointermove", move);
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", cancel);
    figure.addEventListener("click", function (event) {
      if (event.timeStamp - drewAt < 400 && drewAt >= 0) return; // the click that ends a stroke
      var hit = event.target.closest ? event.target.closest("[data-region]") : null;
      if (hit && svg.contains(hit)) hooks.click(hit.getAttribute("data-region"), hit.getAttribute("data-side") || "right");
    });
    tools.undo.addEventListener("click", function () { undo(false); });
    tools.clear.addEventListener("click", function () { undo(true); });
    tools.mode.addEventListener("click", function () {
      tools.mode.setAttribute("aria-pressed", on() ? "false" : "true");
      refresh(on() ? "Drawing is on: drag across the map to mark areas." : "Drawing is off: the map scrolls and clicks.");
    });
    refresh();
    return {
      forget: function () {
        strokes.forEach(function (s) { layer.removeChild(s.line); });
        strokes = [];
        refresh("");
      }
    };
  }

  window.TPFinderDraw = { attach: attach, covered: covered, COVER: COVER };
})();
