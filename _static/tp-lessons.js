/* The lesson choice of the flashcards and of the progress page's review (review.pages.lesson_choice):
   an item marked data-tp-lessons="piriformis gluteals" belongs to the session while one of its
   lessons is ticked in the choice inside `root`. Loaded only on pages with a choice. */
(function () {
  "use strict";

  function boxes(root) { return Array.prototype.slice.call(root.querySelectorAll("input.tp-lesson")); }

  function ticked(root) {
    return boxes(root).filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  window.tpLessons = {
    /* Whether `item` is in the lessons ticked; with no choice in `root`, every item is. */
    chosen: function (root, item) {
      if (!boxes(root).length) { return true; }
      var on = ticked(root);
      return (item.getAttribute("data-tp-lessons") || "").split(" ").some(function (l) { return on.indexOf(l) >= 0; });
    },
    /* Whether any lesson is ticked. */
    any: function (root) { return ticked(root).length > 0; },
    onChange: function (root, fn) { boxes(root).forEach(function (b) { b.addEventListener("change", fn); }); }
  };
}());
