// The graph page: zoom and pan of the drawing (graph/network.html), written here.
// The drawing works without it: every person is a link that re-centres on them.
// Zoom and pan change the SVG's viewBox only (the page's CSP allows no inline style).
(function () {
  "use strict";

  function start() {
    var svg = document.getElementById("network-svg");
    if (!svg) return;
    var tools = document.querySelector(".network-tools");
    var home = svg.getAttribute("viewBox").split(/\s+/).map(Number);
    var box = home.slice();
    var pointers = new Map();
    var moved = 0;
    var pinch = 0;

    function show() {
      svg.setAttribute("viewBox", box.map(function (v) { return v.toFixed(1); }).join(" "));
    }

    function scale() {
      // SVG units per screen pixel (the drawing keeps its aspect: "meet").
      var rect = svg.getBoundingClientRect();
      return Math.max(box[2] / rect.width, box[3] / rect.height);
    }

    function toDrawing(clientX, clientY) {
      var rect = svg.getBoundingClientRect();
      var s = scale();
      var x = box[0] + (clientX - rect.left) * s - (rect.width * s - box[2]) / 2;
      var y = box[1] + (clientY - rect.top) * s - (rect.height * s - box[3]) / 2;
      return [x, y];
    }

    function zoom(factor, at) {
      var w = box[2] * factor, h = box[3] * factor;
      var least = home[2] / 40, most = home[2] * 2;
      if (w < least || w > most) return;
      var cx = at ? at[0] : box[0] + box[2] / 2;
      var cy = at ? at[1] : box[1] + box[3] / 2;
      box = [cx - (cx - box[0]) * factor, cy - (cy - box[1]) * factor, w, h];
      show();
    }

    svg.classList.add("is-interactive");
    if (tools) tools.hidden = false;

    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1 / 1.2 : 1.2, toDrawing(event.clientX, event.clientY));
    }, { passive: false });

    svg.addEventListener("pointerdown", function (event) {
      pointers.set(event.pointerId, [event.clientX, event.clientY]);
      if (pointers.size === 1) moved = 0;
      if (pointers.size === 2) pinch = distance();
    });

    svg.addEventListener("pointermove", function (event) {
      var last = pointers.get(event.pointerId);
      if (!last) return;
      var now = [event.clientX, event.clientY];
      if (pointers.size === 1) {
        var s = scale();
        moved += Math.abs(now[0] - last[0]) + Math.abs(now[1] - last[1]);
        if (moved > 4) {
          if (!svg.hasPointerCapture(event.pointerId)) svg.setPointerCapture(event.pointerId);
          svg.classList.add("is-dragging");
          box[0] -= (now[0] - last[0]) * s;
          box[1] -= (now[1] - last[1]) * s;
          show();
        }
      }
      pointers.set(event.pointerId, now);
      if (pointers.size === 2) {
        var d = distance();
        if (pinch > 0 && d > 0) {
          var mid = middle();
          zoom(pinch / d, toDrawing(mid[0], mid[1]));
        }
        pinch = d;
        moved = 99;
      }
    });

    function lift(event) {
      pointers.delete(event.pointerId);
      if (pointers.size < 2) pinch = 0;
      if (pointers.size === 0) svg.classList.remove("is-dragging");
    }
    svg.addEventListener("pointerup", lift);
    svg.addEventListener("pointercancel", lift);

    // A drag is not a click: the person under the pointer is not opened after a move.
    svg.addEventListener("click", function (event) {
      if (moved > 4) {
        event.preventDefault();
        event.stopPropagation();
      }
    }, true);

    function distance() {
      var p = Array.from(pointers.values());
      return p.length < 2 ? 0 : Math.hypot(p[0][0] - p[1][0], p[0][1] - p[1][1]);
    }
    function middle() {
      var p = Array.from(pointers.values());
      return [(p[0][0] + p[1][0]) / 2, (p[0][1] + p[1][1]) / 2];
    }

    if (tools) {
      tools.addEventListener("click", function (event) {
        var button = event.target.closest("[data-zoom]");
        if (!button) return;
        var what = button.getAttribute("data-zoom");
        if (what === "in") zoom(1 / 1.4);
        else if (what === "out") zoom(1.4);
        else { box = home.slice(); show(); }
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
