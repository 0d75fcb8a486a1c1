// The pledge page's copy and print buttons: hidden without JS (the details are plain text to
// select, and the browser prints them), shown and working with it.
(function () {
  "use strict";
  var status = document.querySelector(".copy-status");
  document.querySelectorAll(".copy-button").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
        if (status) status.textContent = status.getAttribute("data-copied");
        button.classList.add("is-copied");
      });
    });
  });
  var print = document.querySelector(".print-button");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
})();
