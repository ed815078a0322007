// The maps of the places app: Leaflet over the tile server of the settings, or over a plain
// background when there is none. Points come from the page's JSON endpoint (data-points-url);
// the same points are listed under the map for people who cannot use it.
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") return;
  var map = L.map(el, { attributionControl: true }).setView([16.0, 106.0], 5);
  el.classList.add("ready");
  var tiles = el.dataset.tilesUrl;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 19, attribution: el.dataset.attribution || "" }).addTo(map);
  }
  var colours = { di_tich: "#b91c1c", dia_chi_do: "#dc2626", cong_trinh: "#1d4ed8" };

  function fromList() {
    var items = document.querySelectorAll("#map-list li[data-lat]");
    return Array.prototype.map.call(items, function (li) {
      var a = li.querySelector("a");
      return { lat: parseFloat(li.dataset.lat), lon: parseFloat(li.dataset.lon), kind: li.dataset.kind,
               title: a ? a.textContent : "", url: a ? a.getAttribute("href") : "" };
    });
  }

  function show(points) {
    var bounds = [];
    points.forEach(function (p) {
      if (!isFinite(p.lat) || !isFinite(p.lon)) return;
      var m = L.circleMarker([p.lat, p.lon], {
        radius: 8, weight: 2, color: "#fff", fillColor: colours[p.kind] || "#7c3aed", fillOpacity: 0.9,
        className: "map-marker"
      }).addTo(map);
      var link = document.createElement("a");
      link.href = p.url;
      link.textContent = p.title;
      m.bindPopup(link);
      m.bindTooltip(p.title);
      bounds.push([p.lat, p.lon]);
    });
    if (bounds.length === 1) map.setView(bounds[0], 15);
    else if (bounds.length > 1) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 15 });
    el.dataset.markers = String(bounds.length);
  }

  if (el.dataset.only) { show(fromList()); return; }
  fetch(el.dataset.pointsUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
    .then(function (data) { show(data.items || []); })
    .catch(function () { show(fromList()); });
})();
