/* Pain finder: names the area under the pointer, under a tap, or behind the focused checkbox, in
   a line under the map (the map's areas have no text of their own), and outlines it on the map.
   Also keeps the summary of the likely muscles (shown on narrow screens) up to date. */
(function () {
  "use strict";

  function setup(section) {
    var blob = section.querySelector("script[data-tp-finder-data]");
    var figure = section.querySelector("[data-tp-finder-map]");
    if (!blob || !figure || figure.querySelector(".tp-finder-area-name")) return;
    var labels = {};
    JSON.parse(blob.textContent).regions.forEach(function (r) { labels[r.id] = r.label; });
    var line = document.createElement("p");
    line.className = "tp-finder-area-name";
    line.textContent = "Point at, tap or tab to an area to see its name.";
    var svg = figure.querySelector("svg");
    svg.parentNode.insertBefore(line, svg.nextSibling);

    function show(region) {
      figure.querySelectorAll(".tp-finder-named").forEach(function (g) { g.classList.remove("tp-finder-named"); });
      if (!region || !labels[region]) return;
      figure.querySelectorAll('.tp-region[data-region="' + region + '"]').forEach(function (g) {
        g.classList.add("tp-finder-named");
      });
      line.textContent = "Area: " + labels[region];
    }

    function regionOf(event) {
      var g = event.target.closest && event.target.closest("[data-region]");
      return g ? g.getAttribute("data-region") : null;
    }
    svg.addEventListener("pointerover", function (e) { show(regionOf(e)); });
    svg.addEventListener("pointerdown", function (e) { show(regionOf(e)); });
    section.addEventListener("focusin", function (e) {
      if (e.target.name === "region") show(e.target.value);
    });

    var summary = section.querySelector("[data-tp-finder-summary]");
    function fill() {  // from the list itself, so it is right whichever script ran first
      var names = Array.prototype.map.call(section.querySelectorAll(".tp-finder-ranking li > strong"),
        function (s) { return s.textContent; }).slice(0, 3);
      summary.textContent = names.length
        ? "Likely muscles: " + names.join(", ") + " (details below)."
        : "No area marked yet: the likely muscles will show here.";
    }
    if (summary) {
      section.addEventListener("tp-finder-update", fill);
      fill();
    }
  }

  function init() { document.querySelectorAll("[data-tp-finder]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}());
