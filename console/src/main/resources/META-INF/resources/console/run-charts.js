// A run's metric charts, drawn by Chart.js (served from the console's jar). Each canvas carries its points in a
// data-points attribute ({"steps":[...],"values":[...]}); colours come from the page's light or dark palette.
(function () {
  'use strict';

  function palette() {
    var style = getComputedStyle(document.documentElement);
    function css(name, fallback) {
      return style.getPropertyValue(name).trim() || fallback;
    }
    return { line: css('--accent', '#1f5fbf'), text: css('--muted', '#5b6472'), grid: css('--line', '#d8dde4') };
  }

  function draw(root) {
    if (typeof Chart === 'undefined') {
      return;
    }
    var colours = palette();
    root.querySelectorAll('canvas[data-points]').forEach(function (canvas) {
      if (Chart.getChart(canvas)) {
        return;
      }
      var data = JSON.parse(canvas.getAttribute('data-points'));
      var points = data.steps.map(function (step, i) { return { x: step, y: data.values[i] }; });
      function axis(extra) {
        return Object.assign({ ticks: { color: colours.text }, grid: { color: colours.grid },
          border: { color: colours.grid } }, extra);
      }
      new Chart(canvas, {
        type: 'line',
        data: { datasets: [{ label: canvas.getAttribute('data-metric'), data: points, borderColor: colours.line,
          backgroundColor: colours.line, borderWidth: 2, pointRadius: points.length > 60 ? 0 : 2 }] },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false, normalized: true, parsing: false,
          interaction: { mode: 'nearest', axis: 'x', intersect: false },
          plugins: { legend: { display: false } },
          scales: {
            x: axis({ type: 'linear', title: { display: true, text: 'step', color: colours.text } }),
            y: axis({})
          }
        }
      });
    });
  }

  function redraw() {
    document.querySelectorAll('canvas[data-points]').forEach(function (canvas) {
      var chart = typeof Chart === 'undefined' ? null : Chart.getChart(canvas);
      if (chart) {
        chart.destroy();
      }
    });
    draw(document);
  }

  document.addEventListener('DOMContentLoaded', function () { draw(document); });
  document.addEventListener('htmx:load', function (event) { draw(event.detail.elt || document); });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redraw);
})();
