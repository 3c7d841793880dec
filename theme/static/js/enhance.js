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

  // « Autour de moi »: fill a place field with the commune nearest to the browser's position.
  // The site finds the commune itself (/offres/lieu-proche); the position goes nowhere else.
  // Without geolocation or fetch the button is not added and the field works as typed.
  var GEO_ERRORS = {
    1: "Vous n'avez pas autorisé l'accès à votre position : saisissez le lieu de travail.",
    2: "Votre position n'est pas disponible : saisissez le lieu de travail.",
    3: "Votre position n'a pas pu être trouvée à temps : réessayez ou saisissez le lieu de travail."
  };
  function addAroundMe(input) {
    var status = document.createElement("p");
    status.className = "field__status";
    status.id = input.id + "-position";
    status.setAttribute("role", "status");  // polite live region: each message is announced
    var around = document.createElement("button");
    around.type = "button";
    around.className = "button button--secondary around-me";
    around.textContent = "Autour de moi";
    around.setAttribute("aria-describedby", status.id);
    function say(message) { status.textContent = message; }
    function done(place) {
      input.value = place.libelle;
      say("Lieu de travail rempli avec la commune la plus proche de vous : " + place.libelle + ".");
      around.disabled = false;
    }
    function fail(message) { say(message); around.disabled = false; }
    around.addEventListener("click", function () {
      around.disabled = true;
      say("Recherche de votre position…");
      navigator.geolocation.getCurrentPosition(function (position) {
        var url = "/offres/lieu-proche?lat=" + encodeURIComponent(position.coords.latitude.toFixed(5)) +
          "&lon=" + encodeURIComponent(position.coords.longitude.toFixed(5));
        fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
          .then(function (response) {
            return response.json().then(function (body) { return { ok: response.ok, body: body }; });
          })
          .then(function (answer) {
            if (answer.ok) { done(answer.body); } else { fail(answer.body.message); }
          })
          .catch(function () { fail("La commune la plus proche n'a pas pu être trouvée : saisissez le lieu de travail."); });
      }, function (error) {
        fail(GEO_ERRORS[error.code] || GEO_ERRORS[2]);
      }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
    });
    input.parentNode.appendChild(around);
    input.parentNode.appendChild(status);
  }
  if (navigator.geolocation && window.fetch) {
    var places = document.querySelectorAll("input[data-autour-de-moi]");
    for (var i = 0; i < places.length; i += 1) { addAroundMe(places[i]); }
  }
}());
