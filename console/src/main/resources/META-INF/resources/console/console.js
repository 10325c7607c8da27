// The console's only script besides htmx. No inline scripts: the CSP forbids them.
(function () {
  'use strict';

  // htmx: no page snapshots in localStorage (a page may show a new API key once), no eval, and show error pages.
  htmx.config.historyCacheSize = 0;
  htmx.config.refreshOnHistoryMiss = true;
  htmx.config.allowEval = false;
  htmx.config.allowScriptTags = false;
  htmx.config.includeIndicatorStyles = false;
  htmx.config.selfRequestsOnly = true;
  htmx.config.responseHandling = [
    { code: '204', swap: false },
    { code: '[2345]..', swap: true }
  ];

  // Every htmx request carries the session's CSRF token; a cross-site form cannot set this header.
  document.addEventListener('htmx:configRequest', function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers['X-CSRF-Token'] = meta.getAttribute('content');
    }
  });

  // Forms with data-show-by: show only the fieldsets whose data-when lists the selected value.
  function applyVisibility(root) {
    root.querySelectorAll('select[data-controls]').forEach(function (select) {
      var group = select.getAttribute('data-controls');
      document.querySelectorAll('[data-group="' + group + '"]').forEach(function (part) {
        var when = (part.getAttribute('data-when') || '').split(' ');
        var on = when.indexOf(select.value) >= 0;
        part.hidden = !on;
        part.querySelectorAll('input, select, textarea').forEach(function (field) { field.disabled = !on; });
      });
    });
  }
  document.addEventListener('change', function (event) {
    if (event.target.matches && event.target.matches('select[data-controls]')) {
      applyVisibility(document);
    }
  });

  // Insert a payload variable at the cursor of the template editor.
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button[data-insert]');
    if (!button) {
      return;
    }
    event.preventDefault();
    var area = document.getElementById(button.getAttribute('data-target'));
    var text = button.getAttribute('data-insert');
    var start = area.selectionStart, end = area.selectionEnd;
    area.value = area.value.slice(0, start) + text + area.value.slice(end);
    area.focus();
    area.selectionStart = area.selectionEnd = start + text.length;
  });

  function init(root) {
    applyVisibility(root);
  }
  document.addEventListener('DOMContentLoaded', function () { init(document); });
  document.addEventListener('htmx:load', function (event) { init(event.detail.elt || document); });
})();
