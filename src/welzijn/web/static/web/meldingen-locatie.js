// Progressive enhancement of the melding form: where the device can tell its location,
// a button fills the (hidden) coordinates; without it the address fields do the work.
(function () {
  "use strict";
  var button = document.getElementById("use-location");
  if (!button || !("geolocation" in navigator)) { return; }
  var status = document.getElementById("location-status");
  var lat = document.querySelector("input[name=latitude]");
  var lon = document.querySelector("input[name=longitude]");
  button.parentElement.hidden = false;
  if (lat.value && lon.value) { status.textContent = "Locatie: " + lat.value + ", " + lon.value; }
  button.addEventListener("click", function () {
    status.textContent = "Locatie opvragen…";
    navigator.geolocation.getCurrentPosition(function (pos) {
      lat.value = pos.coords.latitude.toFixed(6);
      lon.value = pos.coords.longitude.toFixed(6);
      status.textContent = "Locatie: " + lat.value + ", " + lon.value +
        " (± " + Math.round(pos.coords.accuracy) + " m). De straat mag leeg blijven.";
    }, function () {
      status.textContent = "Geen locatie beschikbaar: vul de straat in.";
    }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
  });
}());
