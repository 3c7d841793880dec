/* Optional enhancements; every page works without this file. */
(function () {
  "use strict";
  // A form answered with errors: move focus to the summary so it is read first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
  // "Imprimer cette page" needs JavaScript, so it is only added when JavaScript runs;
  // the print stylesheet applies to the browser's own print command either way.
  var tools = document.querySelector("[data-print-tools]");
  if (tools && window.print) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.textContent = "Imprimer cette page";
    button.addEventListener("click", function () { window.print(); });
    tools.appendChild(document.createTextNode(" "));
    tools.appendChild(button);
  }
}());
