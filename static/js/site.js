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

// The donation form, enhanced: the chosen frequency's amounts only (CSS :has() does the same
// without JS), "give monthly instead", the card-fee addition and the total above the button, and
// the focus on the error summary. Without this the form works as it is (see donations/forms.py).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
    var form = document.querySelector("[data-donation-form]");
    if (!form) return;
    var lang = document.documentElement.lang || "bg";
    var money = function (value) {
      var whole = Math.round(value * 100) % 100 === 0;
      return new Intl.NumberFormat(lang, {style: "currency", currency: "EUR",
        minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2}).format(value);
    };
    var frequency = function () {
      var checked = form.querySelector("input[name=frequency]:checked");
      return checked ? checked.value : "once";
    };
    var amount = function () {
      var checked = form.querySelector("input[name=amount_" + frequency() + "]:checked");
      if (!checked) return null;
      var raw = checked.value === "other" ? form.querySelector("input[name=other_amount]").value : checked.value;
      var value = parseFloat(String(raw).replace(/[\s\u00a0€]/g, "").replace(",", "."));
      return isFinite(value) && value > 0 ? value : null;
    };
    var feeBox = form.querySelector(".fee-cover");
    var feeFor = function (value) {
      var percent = parseFloat(feeBox.dataset.feePercent.replace(",", "."));
      var fixed = parseFloat(feeBox.dataset.feeFixed.replace(",", "."));
      // As donations/fees.py: the charge that leaves the whole gift after the fee, up to the cent.
      return Math.ceil(((value + fixed) / (1 - percent / 100)) * 100 - 1e-6) / 100 - value;
    };
    var fee = function (value) {
      var box = feeBox && feeBox.querySelector("input[type=checkbox]");
      // A bank transfer has no card fee (the server adds none either).
      if (form.querySelector("input[name=payment_method][value=bank_transfer]:checked")) return 0;
      return box && box.checked && value !== null ? feeFor(value) : 0;
    };
    var paymentMethod = function () {
      var checked = form.querySelector("input[name=payment_method]:checked");
      return checked ? checked.value : "";
    };
    // A bank transfer is a one-off gift (the server refuses a monthly one): the choice made last
    // wins, the other is switched, and a note in a live region next to the choice says what changed.
    var notes = form.querySelectorAll(".steer-note-region");
    var say = function (region) {
      notes.forEach(function (each) { each.textContent = ""; });
      if (!region) return;
      var note = document.createElement("p");
      note.className = "steer-note";
      note.textContent = region.dataset.note;
      region.appendChild(note);
    };
    var steer = function (changed) {
      if (changed !== "frequency" && changed !== "payment_method") return;
      if (paymentMethod() !== "bank_transfer" || frequency() !== "monthly") { say(null); return; }
      if (changed === "payment_method") {
        form.querySelector("input[name=frequency][value=once]").checked = true;
        say(document.getElementById("payment-method-note"));
      } else {
        form.querySelector("input[name=payment_method][value=card]").checked = true;
        say(document.getElementById("frequency-note"));
      }
    };
    var summaryLine = document.getElementById("donation-summary");
    var update = function () {
      var chosen = frequency();
      // The button and the trust line for the chosen method (CSS :has() does the same without JS).
      form.setAttribute("data-payment-method", paymentMethod());
      form.querySelectorAll(".amount-group").forEach(function (group) {
        group.hidden = group.dataset.frequency !== chosen;
      });
      var other = form.querySelector("input[name=amount_" + chosen + "]:checked");
      var otherBox = form.querySelector(".other-amount");
      if (otherBox) otherBox.hidden = !(other && other.value === "other") && !otherBox.classList.contains("other-amount--error");
      // "Give monthly instead" only after a one-off gift by card: a monthly gift is by card only.
      var invitation = form.querySelector(".monthly-invitation");
      if (invitation) invitation.hidden = chosen !== "once" || paymentMethod() === "bank_transfer";
      var value = amount();
      var added = fee(value);
      if (feeBox) {
        var out = feeBox.querySelector("[data-fee-output]");
        if (!out) {
          out = document.createElement("span");
          out.setAttribute("data-fee-output", "");
          out.className = "fee-cover__amount";
          feeBox.querySelector("label").appendChild(out);
        }
        out.textContent = value === null ? "" : " (+ " + money(feeFor(value)) + ")";
      }
      if (summaryLine) {
        if (value === null) { summaryLine.hidden = true; return; }
        var text = summaryLine.dataset[chosen === "monthly" ? "monthly" : "once"];
        summaryLine.textContent = text.replace("{amount}", money(value + added));
        summaryLine.hidden = false;
      }
    };
    form.addEventListener("change", function (event) {
      steer(event.target.name);
      update();
    });
    form.addEventListener("input", update);
    form.querySelectorAll("[data-switch-frequency]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var radio = form.querySelector("input[name=frequency][value=" + link.dataset.switchFrequency + "]");
        if (!radio) return;
        event.preventDefault();
        radio.checked = true;
        radio.focus();
        steer("frequency");
        update();
      });
    });
    update();
  });
})();
