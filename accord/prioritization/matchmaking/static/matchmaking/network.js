/* Draws the partnership network graphs ([data-network-url] boxes) with cytoscape, offline:
   the box names the JSON of nodes and edges and the cytoscape file to load; each node's size
   follows its betweenness, its colour its community; selecting a node opens the partner. The
   table beside each graph is the accessible alternative. Loaded again by HTMX swaps: runs once. */
(function () {
  "use strict";
  if (window.accordNetwork) { return; }
  window.accordNetwork = true;

  var PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939"];

  function loadCytoscape(src, done) {
    if (window.cytoscape) { done(); return; }
    var existing = document.querySelector("script[data-accord-cytoscape]");
    if (existing) { existing.addEventListener("load", done); return; }
    var script = document.createElement("script");
    script.src = src;
    script.setAttribute("data-accord-cytoscape", "");
    script.addEventListener("load", done);
    document.head.appendChild(script);
  }

  function statusOf(box) {
    var figure = box.closest("figure");
    return figure ? figure.querySelector(".network-status") : null;
  }

  function say(box, text) {
    var status = statusOf(box);
    if (status) { status.textContent = text; }
  }

  function elements(data, centre) {
    var top = 0;
    data.nodes.forEach(function (n) { top = Math.max(top, n.betweenness); });
    var nodes = data.nodes.map(function (n) {
      var share = top > 0 ? Math.sqrt(n.betweenness / top) : 0;
      return { data: {
        id: String(n.id), label: n.label, url: n.url,
        size: 14 + Math.round(share * 36),
        colour: PALETTE[(n.community - 1) % PALETTE.length] || "#999",
        centre: String(n.id) === centre ? "yes" : "no"
      } };
    });
    var edges = data.edges.map(function (e, i) {
      return { data: { id: "e" + i, source: String(e.source), target: String(e.target),
        width: Math.min(8, 1 + Math.log(e.weight)) } };
    });
    return nodes.concat(edges);
  }

  function draw(box, data) {
    var centre = box.getAttribute("data-centre") || "";
    var cy = window.cytoscape({
      container: box,
      elements: elements(data, centre),
      layout: { name: "cose", animate: false, nodeRepulsion: 8000, randomize: true },
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
          "label": "data(label)", "font-size": 9, "color": "#222",
          "text-valign": "bottom", "text-margin-y": 2 } },
        { selector: "node[centre = 'yes']", style: {
          "border-width": 3, "border-color": "#000", "font-weight": "bold" } },
        { selector: "edge", style: {
          "width": "data(width)", "line-color": "#b8c2cc", "curve-style": "haystack" } }
      ],
      minZoom: 0.2, maxZoom: 3
    });
    cy.on("tap", "node", function (event) {
      window.location.href = event.target.data("url");
    });
    box.setAttribute("data-drawn-nodes", String(data.nodes.length));
    var shown = data.nodes.length + " partner" + (data.nodes.length === 1 ? "" : "s");
    if (data.total && data.total > data.shown) {
      shown += " drawn: the " + data.shown + " most central of " + data.total;
    }
    say(box, shown + ", " + data.edges.length + (data.edges.length === 1 ? " tie." : " ties."));
  }

  function init(root) {
    var boxes = (root || document).querySelectorAll("[data-network-url]:not([data-drawn])");
    Array.prototype.forEach.call(boxes, function (box) {
      box.setAttribute("data-drawn", "");
      say(box, "Loading the graph…");
      fetch(box.getAttribute("data-network-url"), {
        credentials: "same-origin", headers: { "Accept": "application/json" }
      })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        })
        .then(function (data) {
          if (!data.nodes.length) { say(box, "No partner to draw."); return; }
          loadCytoscape(box.getAttribute("data-cytoscape"), function () { draw(box, data); });
        })
        .catch(function () {
          say(box, "The graph could not be loaded; the table lists the same partners.");
        });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
  document.addEventListener("htmx:load", function (event) { init(event.target); });
}());
