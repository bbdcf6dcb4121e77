// civcas: a little progressive enhancement; every page works without it.
(function () {
  // Filters: changing a select submits the form (the Filter button still works without JS).
  document.querySelectorAll("form.filters select").forEach(function (el) {
    el.addEventListener("change", function () { el.form.requestSubmit(); });
  });
  // Review forms that change several claims ask first.
  document.querySelectorAll("form[action$='/merge'], form[action$='/split']").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (!window.confirm("This changes which claims belong to which incident. Go on?")) ev.preventDefault();
    });
  });
  // With a tile URL set, the map page draws tiles under the governorate outlines and the incidents.
  var tileMap = document.getElementById("tile-map");
  if (tileMap && window.L) {
    var map = L.map(tileMap).fitBounds([[32.3, 35.6], [37.35, 42.4]]);
    L.tileLayer(tileMap.dataset.tiles, { maxZoom: 18 }).addTo(map);
    fetch(tileMap.dataset.outlines).then(function (r) { return r.json(); }).then(function (outlines) {
      L.geoJSON(outlines, { style: { color: "#556", weight: 1, fillOpacity: 0.04 } }).addTo(map);
    });
    JSON.parse(document.getElementById("map-points").textContent).forEach(function (p) {
      var link = document.createElement("a");  // built with textContent: incident ids are not markup
      link.href = "/incidents/" + encodeURIComponent(p.id);
      link.textContent = p.id + " (" + p.grade + ")";
      L.circleMarker([p.lat, p.lon], { radius: 5, className: "dot g-" + p.grade }).bindPopup(link).addTo(map);
    });
  }
  // Jumping to a claim's evidence opens its article text.
  window.addEventListener("hashchange", function () {
    var target = document.querySelector(location.hash + " details");
    if (target) target.open = true;
  });
})();
