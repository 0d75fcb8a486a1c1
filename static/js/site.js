// Progressive enhancement only: without this file the menu is simply always open.
// Loaded in <head> without `defer`, so the "js" class is set before the first paint and a small
// screen draws the menu collapsed from the start (no layout shift when the page has loaded).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".menu-toggle");
    var menu = document.getElementById("main-menu");
    if (!toggle || !menu) return;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    });
  });
})();
