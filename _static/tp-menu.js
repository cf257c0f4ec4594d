// The site menu button. sphinx-book-theme puts a second ☰ button (the visible one) in the
// article header, but both it and pydata-sphinx-theme 0.17 wire only the first `.primary-toggle`
// on the page, the one in the hidden top navbar: so the visible button did nothing. This wires
// every other one the way the theme meant: a drawer (the theme's <dialog>) on narrow screens,
// hiding the sidebar on wide ones, with aria-expanded kept true and focus brought back on close.
(function () {
  "use strict";
  var WIDE = "(min-width: 992px)";

  function move(from, to) {
    Array.from(from.childNodes).forEach(function (node) { to.appendChild(node); });
    Array.from(from.classList).forEach(function (cls) {
      from.classList.remove(cls);
      to.classList.add(cls);
    });
  }

  function wire(button, sidebar, dialog) {
    button.setAttribute("aria-label", "Site menu");
    button.setAttribute("aria-controls", sidebar.id);
    var expanded = function () {
      var open = window.matchMedia(WIDE).matches
        ? !sidebar.classList.contains("pst-sidebar-hidden") : dialog.open;
      button.setAttribute("aria-expanded", String(open));
    };
    expanded();
    window.matchMedia(WIDE).addEventListener("change", expanded);
    button.addEventListener("click", function (event) {
      event.preventDefault();
      event.stopImmediatePropagation();
      if (window.matchMedia(WIDE).matches) {
        sidebar.classList.toggle("pst-sidebar-hidden");
        expanded();
        return;
      }
      if (dialog.open) return;
      move(sidebar, dialog);
      dialog.addEventListener("close", function () {
        // the theme moves the menu back when its own handlers are wired; if not, do it here
        if (dialog.childNodes.length) move(dialog, sidebar);
        expanded();
        button.focus();
      }, { once: true });
      dialog.showModal();
      expanded();
      var first = dialog.querySelector("a, button, input");
      if (first) first.focus();
    }, true);
  }

  function setup() {
    var sidebar = document.getElementById("pst-primary-sidebar");
    var dialog = document.getElementById("pst-primary-sidebar-modal");
    var toggles = document.querySelectorAll(".primary-toggle");
    if (!sidebar || !dialog) return;
    // The theme's own Escape and backdrop handlers are on the dialog only if it wired a button.
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && dialog.open) { event.preventDefault(); dialog.close(); }
    });
    dialog.addEventListener("click", function (event) {
      var box = dialog.getBoundingClientRect();  // a tap on the backdrop is outside the box
      var outside = event.clientX < box.left || event.clientX > box.right ||
        event.clientY < box.top || event.clientY > box.bottom;
      if (outside && (event.clientX || event.clientY)) dialog.close();
    });
    Array.from(toggles).slice(1).forEach(function (button) { wire(button, sidebar, dialog); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
