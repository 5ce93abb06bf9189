// Draws the partnership map from the embedded JSON and /static/outlines.json (served locally).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var svg = document.getElementById("map");
  var NS = "http://www.w3.org/2000/svg";
  var COLOURS = {active: "#2a9d8f", ended: "#6c757d", abandoned: "#e63946", unknown: "#457b9d"};
  var PALETTE = ["#e76f51", "#2a9d8f", "#8338ec", "#f4a261", "#3a86ff", "#d62828", "#6a994e",
                 "#ff006e", "#264653", "#bc6c25"];
  var pairs = [];
  data.partnerships.forEach(function (c) { if (pairs.indexOf(c.pair) < 0) { pairs.push(c.pair); } });
  pairs.sort();
  function pairColour(pair) { return PALETTE[pairs.indexOf(pair) % PALETTE.length]; }
  var W = 900, H = 640;
  var located = data.places.filter(function (p) { return "lat" in p; });
  var lons = located.map(function (p) { return p.lon; }).concat([-12, 45]);
  var lats = located.map(function (p) { return p.lat; }).concat([25, 57]);
  var west = Math.min.apply(null, lons) - 2, east = Math.max.apply(null, lons) + 2;
  var south = Math.min.apply(null, lats) - 2, north = Math.max.apply(null, lats) + 2;
  var k = Math.cos((south + north) / 2 * Math.PI / 180);
  var scale = Math.min(W / ((east - west) * k), H / (north - south));
  function x(lon) { return (lon - west) * k * scale; }
  function y(lat) { return (north - lat) * scale; }
  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (parent || svg).appendChild(node);
    return node;
  }
  var land = el("g", {id: "outlines"});
  var lines = el("g", {id: "lines"});
  var points = el("g", {id: "points"});
  var byIri = {};
  located.forEach(function (p) { byIri[p.iri] = p; });

  fetch("/static/outlines.json").then(function (r) { return r.json(); }).then(function (o) {
    o.countries.forEach(function (c) {
      var d = c.rings.map(function (ring) {
        return "M" + ring.map(function (pt) { return x(pt[0]).toFixed(1) + "," + y(pt[1]).toFixed(1); }).join("L") + "Z";
      }).join("");
      var path = el("path", {d: d, fill: "#f8f9fa", stroke: "#adb5bd", "stroke-width": "0.7"}, land);
      el("title", {}, path).textContent = c.name;
    });
  }).catch(function () { /* no outlines: points and lines still drawn */ });

  data.partnerships.forEach(function (c) {
    var ends = c.partners.map(function (iri) { return byIri[iri]; }).filter(Boolean);
    for (var i = 0; i < ends.length; i++) {
      for (var j = i + 1; j < ends.length; j++) {
        var a = el("a", {href: c.href, "class": "partnership", "data-start": c.start === null ? "" : c.start,
                         "data-end": c.end === null ? "" : c.end, "data-status": c.status,
                         "data-pair": c.pair}, lines);
        var line = el("line", {x1: x(ends[i].lon), y1: y(ends[i].lat), x2: x(ends[j].lon), y2: y(ends[j].lat),
                               stroke: COLOURS[c.status] || COLOURS.unknown, "stroke-width": 3,
                               "stroke-opacity": 0.8}, a);
        el("title", {}, line).textContent = c.label + " (" + c.status + (c.start ? ", from " + c.start : "") +
          (c.end ? " to " + c.end : "") + ", " + c.pair + ")";
      }
    }
  });
  located.forEach(function (p) {
    var a = el("a", {href: p.href, "class": "place"}, points);
    var dot = el("circle", {cx: x(p.lon), cy: y(p.lat), r: 5, fill: "#1d3557", stroke: "#fff"}, a);
    el("title", {}, dot).textContent = p.label;
    var label = el("text", {x: x(p.lon) + 7, y: y(p.lat) + 4, "font-size": 11}, a);
    label.textContent = p.label;
  });

  var legend = document.getElementById("legend");
  function recolour() {
    var by = document.getElementById("colour").value;
    var all = lines.children;
    for (var i = 0; i < all.length; i++) {
      var line = all[i].firstChild;
      line.setAttribute("stroke", by === "pair" ? pairColour(all[i].getAttribute("data-pair"))
                                                : (COLOURS[all[i].getAttribute("data-status")] || COLOURS.unknown));
    }
    legend.textContent = by === "pair" ? "Country pair: " : "Status: ";
    var keys = by === "pair" ? pairs : Object.keys(COLOURS);
    keys.forEach(function (key) {
      var span = document.createElement("span");
      span.style.color = by === "pair" ? pairColour(key) : COLOURS[key];
      span.style.marginRight = "1em";
      span.textContent = "\u2501 " + key;
      legend.appendChild(span);
    });
  }
  document.getElementById("colour").addEventListener("change", recolour);
  recolour();

  function filter() {
    var from = parseInt(document.getElementById("from").value, 10);
    var to = parseInt(document.getElementById("to").value, 10);
    var undated = document.getElementById("undated").checked;
    var shown = 0, all = lines.children;
    for (var i = 0; i < all.length; i++) {
      var s = all[i].getAttribute("data-start"), e = all[i].getAttribute("data-end");
      var start = s === "" ? null : parseInt(s, 10), end = e === "" ? null : parseInt(e, 10);
      var ok = true;
      if (start === null) { ok = undated; }
      else {
        if (!isNaN(to) && start > to) { ok = false; }
        if (!isNaN(from) && end !== null && end < from) { ok = false; }
      }
      all[i].style.display = ok ? "" : "none";
      if (ok) { shown++; }
    }
    document.getElementById("count").textContent = shown + " of " + all.length + " lines shown";
  }
  // the page's Content-Security-Policy allows no inline handlers: Enter must not reload
  document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
  ["from", "to", "undated"].forEach(function (id) {
    document.getElementById(id).addEventListener("input", filter);
    document.getElementById(id).addEventListener("change", filter);
  });
  filter();
})();
