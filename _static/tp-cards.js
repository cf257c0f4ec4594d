/* Flashcards on a Leitner schedule (five boxes; a known card moves up a box and waits longer,
   a missed one goes back to box 1 and comes again this session). Boxes are kept by
   tp-store.js. Does nothing on pages without [data-tp-cards]. */
(function () {
  "use strict";

  function $(sel, root) { return (root || document).querySelector(sel); }

  function today() {  // a local day number, so a card "due tomorrow" turns due at midnight
    var d = new Date();
    return Math.floor((d.getTime() - d.getTimezoneOffset() * 60000) / 86400000);
  }

  function shuffled(list) {  // Fisher-Yates: the order of the cards never hints at the answer
    var out = list.slice();
    for (var i = out.length - 1; i > 0; i -= 1) {
      var j = Math.floor(Math.random() * (i + 1)), t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  function dayText(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }

  function setup(root) {
    var store = window.tpStore;
    var lessons = window.tpLessons;  // tp-lessons.js (absent from a page built before the lesson choice)
    if (!store) { return; }
    var days = JSON.parse($("script[data-tp-cards-days]", root).textContent);
    var cards = Array.prototype.slice.call(root.querySelectorAll(".tp-card-item"));
    var show = $(".tp-cards-show", root), knew = $(".tp-cards-knew", root);
    var again = $(".tp-cards-again", root), all = $(".tp-cards-all", root);
    var status = $(".tp-cards-status", root), message = $(".tp-cards-message", root);
    var queue = [], current = null, seen = 0;

    function chosen(card) { return !lessons || lessons.chosen(root, card); }
    var notice = store.notice();
    if (notice) { $(".tp-cards-notices", root).appendChild(notice); }

    function state(card) { return store.load().data.cards[card.getAttribute("data-tp-card")] || { box: 1, due: 0 }; }

    function boxes() {
      var list = $(".tp-cards-boxes", root);
      list.textContent = "";
      [1, 2, 3, 4, 5].forEach(function (box) {
        var n = cards.filter(function (c) { return state(c).box === box; }).length;
        var li = document.createElement("li");
        li.textContent = "Box " + box + " (" + (days[box] ? "again after " + days[box] + (days[box] === 1 ? " day" : " days") : "every session") + "): " + n + (n === 1 ? " card" : " cards");
        list.appendChild(li);
      });
    }

    function next(quiet) {
      if (current) { current.hidden = true; }
      current = queue.shift() || null;
      knew.hidden = again.hidden = true;
      if (!current) {
        if (!cards.some(chosen)) {
          status.textContent = "No lesson is ticked: tick the lessons whose cards you want to practise.";
          show.hidden = all.hidden = true;
          boxes();
          return;
        }
        var later = cards.filter(chosen).map(function (c) { return state(c).due; }).filter(function (d) { return d > today(); });
        status.textContent = "No cards are due now." + (later.length ? " The next is due on " + dayText(Math.min.apply(null, later)) + "." : "");
        show.hidden = true;
        all.hidden = false;
        if (!quiet) { all.focus(); }
        boxes();
        return;
      }
      seen += 1;
      current.hidden = false;
      $(".tp-card-back", current).hidden = true;
      status.textContent = "Card " + seen + "; " + (queue.length + 1) + " still to go in this session (box " + state(current).box + ").";
      show.hidden = false;
      all.hidden = true;
      boxes();
    }

    function start(everything, quiet) {  // quiet: on page load, focus stays where it is
      var now = today();
      queue = shuffled(cards.filter(function (c) { return chosen(c) && (everything || state(c).due <= now); }));
      queue.sort(function (a, b) { return state(a).box - state(b).box; });  // stable: shuffled within a box
      seen = 0;
      next(quiet);
      if (current && !quiet) { show.focus(); }
    }

    function grade(known) {
      var s = state(current), box = known ? Math.min(5, s.box + 1) : 1;
      store.load().data.cards[current.getAttribute("data-tp-card")] = { box: box, due: today() + days[box] };
      message.textContent = store.save();
      if (!known) { queue.push(current); }
      next();
      if (current) { show.focus(); }
    }

    show.addEventListener("click", function () {
      $(".tp-card-back", current).hidden = false;
      show.hidden = true;
      knew.hidden = again.hidden = false;
      knew.focus();
    });
    knew.addEventListener("click", function () { grade(true); });
    again.addEventListener("click", function () { grade(false); });
    all.addEventListener("click", function () { start(true); });
    if (lessons) { lessons.onChange(root, function () { start(false, true); }); }
    start(false, true);
  }

  function init() { document.querySelectorAll("[data-tp-cards]").forEach(setup); }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
