// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Filter forms marked data-autosubmit submit when a select changes.
  document.querySelectorAll("form[data-autosubmit] select").forEach(function (el) {
    el.addEventListener("change", function () { el.form.requestSubmit(); });
  });
  // Rows marked data-href are links as a whole (the first cell keeps a real <a> for keyboards).
  document.querySelectorAll("tr[data-href]").forEach(function (row) {
    row.addEventListener("click", function (ev) {
      if (ev.target.closest("a, button, input, select, label")) { return; }
      var href = row.getAttribute("data-href");
      if (href && href.charAt(0) === "/") { window.location.assign(href); }
    });
  });
})();
