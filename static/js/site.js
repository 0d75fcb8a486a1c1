// Progressive enhancement only: without this file the menu is simply always open.
// Loaded in <head> without `defer`, so the "js" class is set before the first paint and a small
// screen draws the menu collapsed from the start (no layout shift when the page has loaded).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // Search boxes with data-suggest get a <datalist> of page titles beginning with what is
  // typed (home.search.suggestions); without this script the search itself works the same.
  function suggest(input) {
    var url = input.getAttribute("data-suggest");
    var list = document.createElement("datalist");
    var timer;
    var asked = "";
    list.id = input.id + "-suggestions";
    input.parentNode.insertBefore(list, input.nextSibling);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.addEventListener("input", function () {
      var typed = input.value.trim();
      window.clearTimeout(timer);
      if (typed.length < 2 || typed === asked) return;
      timer = window.setTimeout(function () {
        asked = typed;
        fetch(url + "?q=" + encodeURIComponent(typed), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.textContent = "";
            data.suggestions.forEach(function (suggestion) {
              var option = document.createElement("option");
              option.value = suggestion.title;
              list.appendChild(option);
            });
          })
          .catch(function () { /* no suggestions: the search still works */ });
      }, 200);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-suggest]"), suggest);
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
