// Progressive enhancement only: without this file the menu is simply always open.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("main-menu");
  if (!toggle || !menu || window.matchMedia("(min-width: 48em)").matches) return;
  toggle.hidden = false;
  menu.setAttribute("data-collapsed", "");
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    if (open) menu.setAttribute("data-collapsed", ""); else menu.removeAttribute("data-collapsed");
  });
})();
