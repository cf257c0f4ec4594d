/* Pain finder: the map holds four figures in a row (back and front, then the side view of the
   right and of the left, finder.page.finder_map_svg); this shows one pair at a time, large,
   by cropping the SVG's viewBox to that half, with a choice of "Back and front" or "Side".
   Without this script all four show, smaller. */
(function () {
  "use strict";
  var CHOICES = [["front", "Back and front"], ["side", "Side (lateral)"]];

  function setup(figure, n) {
    var svg = figure.querySelector("svg.tp-map");
    if (!svg || svg.hasAttribute("data-tp-finder-view")) return;
    var box = svg.getAttribute("viewBox").split(/\s+/).map(Number);
    var width = parseFloat(svg.getAttribute("width")), unit = svg.getAttribute("width").replace(/[\d.]+/, "");
    var group = document.createElement("div");
    group.className = "tp-finder-views";
    group.setAttribute("role", "radiogroup");
    group.setAttribute("aria-label", "Body view");
    group.innerHTML = '<span class="tp-finder-views-label" aria-hidden="true">View: </span>' + CHOICES.map(function (c, i) {
      return '<label><input type="radio" name="tp-finder-view-' + n + '" value="' + c[0] + '"' +
        (i === 0 ? " checked" : "") + "> " + c[1] + "</label> ";
    }).join("");
    svg.parentNode.insertBefore(group, svg);

    function show(which) {
      var half = box[2] / 2;
      svg.setAttribute("viewBox", [which === "side" ? box[0] + half : box[0], box[1], half, box[3]].join(" "));
      svg.setAttribute("width", width / 2 + unit);
      svg.setAttribute("data-tp-finder-view", which);
    }
    group.addEventListener("change", function (e) { if (e.target.name) show(e.target.value); });
    show("front");
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-tp-finder] [data-tp-finder-map]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
}());
