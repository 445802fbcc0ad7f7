// The dashboard's world map: Natural Earth countries (world-atlas countries-110m, served by
// Accord) shaded by the number of partners, each shaded country a link to its partners.
// Data come from the page (a JSON script element); no inline code, nothing from the internet.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var topologies = {};

  function load(url) {
    if (!topologies[url]) {
      topologies[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("map geometry: HTTP " + r.status);
        return r.json();
      });
    }
    return topologies[url];
  }

  function shade(count, top) {
    // Five classes on a square-root scale, so a few large countries do not wash out the rest.
    if (!count) return "land";
    return "c" + Math.max(1, Math.min(5, Math.ceil(5 * Math.sqrt(count / top))));
  }

  function draw(box) {
    var source = document.getElementById(box.dataset.source);
    if (!source || box.dataset.drawn === "yes") return;
    var rows = JSON.parse(source.textContent);
    var byId = {};
    var top = 1;
    rows.forEach(function (row) { byId[row.id] = row; top = Math.max(top, row.count); });
    load(box.dataset.topology).then(function (world) {
      var land = topojson.feature(world, world.objects.countries);
      var width = 960, height = 480;
      var projection = d3.geoEqualEarth().fitSize([width, height], land);
      var path = d3.geoPath(projection);
      var svg = document.createElementNS(SVG, "svg");
      svg.setAttribute("viewBox", "0 0 " + width + " " + height);
      svg.setAttribute("role", "group");
      svg.setAttribute("aria-label", "World map of partners by country");
      land.features.forEach(function (feature) {
        var row = byId[feature.id];
        var shape = document.createElementNS(SVG, "path");
        shape.setAttribute("d", path(feature) || "");
        shape.setAttribute("class", row ? shade(row.count, top) : "land");
        if (!row) { svg.appendChild(shape); return; }
        shape.setAttribute("data-code", row.code);
        var link = document.createElementNS(SVG, "a");
        link.setAttribute("href", row.href);
        var label = row.name + ": " + row.count + (row.count === 1 ? " partner" : " partners");
        link.setAttribute("aria-label", label);
        var title = document.createElementNS(SVG, "title");
        title.textContent = label;
        link.appendChild(title);
        link.appendChild(shape);
        svg.appendChild(link);
      });
      box.textContent = "";
      box.appendChild(svg);
      box.dataset.drawn = "yes";
    }).catch(function (error) {
      box.querySelector(".map-fallback").textContent = "The map could not be drawn (" + error.message + "); the table below lists the same figures.";
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll(".world-map[data-topology]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  // The filters replace the figures through HTMX: draw the new map once it is in place.
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });
}());
