/* The report's behaviour: the alliance map, the timelines and the events
   filter.  Data comes only from the JSON block (never from pasted text), and
   text reaches the page only through textContent. */
(function () {
  "use strict";
  var view = JSON.parse(document.getElementById("report-view").textContent);

  function say(element, text) {
    var p = document.createElement("p");
    p.className = "empty";
    p.textContent = text;
    element.appendChild(p);
  }

  function drawMap() {
    var box = document.getElementById("alliance-map");
    var map = view.map;
    if (!map.nodes.length) {
      box.classList.add("no-data");
      say(box, "No pair of states has enough events to draw.");
      return;
    }
    var edges = map.edges.map(function (edge) {
      return { data: edge.data, classes: view.edge_labels ? "labelled" : "" };
    });
    window.blocwatchMap = cytoscape({
      container: box,
      elements: map.nodes.concat(edges),
      style: [
        { selector: "node", style: {
          "background-color": "data(colour)", "label": "data(label)", "color": "#111",
          "font-size": 16, "font-weight": "bold", "text-valign": "bottom", "text-margin-y": 4,
          "text-outline-color": "#fff", "text-outline-width": 3,
          "width": 34, "height": 34, "border-width": 1, "border-color": "#555" } },
        { selector: "edge", style: {
          "width": "data(width)", "line-color": "data(colour)", "curve-style": "bezier",
          "opacity": 0.8, "font-size": 9, "color": "#555",
          "text-background-color": "#fff", "text-background-opacity": 0.8,
          "text-background-padding": 1 } },
        { selector: "edge.labelled", style: { "label": "data(label)" } },
        { selector: "edge[style = \"dashed\"]", style: { "line-style": "dashed" } },
        { selector: "edge[style = \"solid\"]", style: { "line-style": "solid" } },
        { selector: "edge[kind = \"undeclared\"]", style: { "line-color": "#6a1b9a" } }
      ],
      // Positions are computed in Python (blocwatch.report.layout): the same
      // report draws the same picture every time it is opened.
      layout: { name: "preset", fit: true, padding: 40 }
    });
  }

  function lineChart(elementId, field, title, domain) {
    var element = document.getElementById(elementId);
    if (!view.timeline.length) {
      say(element, "No dyad series in this window.");
      return Promise.resolve(null);
    }
    var y = { field: field, type: "quantitative", title: title };
    if (domain) { y.scale = { domain: domain }; }
    var spec = {
      description: title + " over time",
      title: title,
      width: 760, height: 240,
      data: { values: view.timeline },
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "period", type: "ordinal", title: "period",
             scale: { domain: view.periods } },
        y: y,
        color: { field: "pair", type: "nominal", title: "pair" },
        tooltip: [
          { field: "pair", type: "nominal" }, { field: "period", type: "ordinal" },
          { field: field, type: "quantitative", format: "+.2f" },
          { field: "events", type: "quantitative" }
        ]
      }
    };
    return vegaEmbed(element, spec, { actions: false, renderer: "svg", mode: "vega-lite" })
      .catch(function (error) {
        say(element, "The chart could not be drawn: " + error);
        throw error;
      });
  }

  function setupFilter() {
    var input = document.getElementById("event-filter");
    var type = document.getElementById("event-type");
    var modality = document.getElementById("event-modality");
    var count = document.getElementById("event-count");
    var rows = Array.prototype.slice.call(
      document.querySelectorAll("#events-table tbody tr"));
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    function apply() {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (row, i) {
        var keep = (!q || texts[i].indexOf(q) !== -1) &&
          (!type.value || row.getAttribute("data-type") === type.value) &&
          (!modality.value || row.getAttribute("data-modality") === modality.value);
        row.hidden = !keep;
        if (keep) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " events shown";
    }
    input.addEventListener("input", apply);
    type.addEventListener("change", apply);
    modality.addEventListener("change", apply);
    apply();
  }

  setupFilter();
  drawMap();
  window.blocwatchCharts = Promise.all([
    lineChart("chart-alignment", "alignment", "Alignment", [-1, 1]),
    lineChart("chart-cooperation", "net_cooperation", "Net cooperation", null)
  ]);
})();
