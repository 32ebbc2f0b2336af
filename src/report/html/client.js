// Sorting and filtering for the report's tables. The page reads and prints completely
// without it; it never reads anything but the page's own DOM and never builds markup.
(function () {
  'use strict';
  function sortKey(row, index) {
    var cell = row.cells[index];
    if (!cell) return '';
    var value = cell.getAttribute('data-sort');
    if (value === null) value = cell.textContent.trim();
    var n = Number(value);
    return value !== '' && isFinite(n) ? n : value.toLowerCase();
  }
  function sortBy(table, index, th) {
    var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = sortKey(a, index), y = sortKey(b, index);
      var c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
      return dir === 'ascending' ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll('table[data-sortable]').forEach(function (table) {
    if (!table.tHead || !table.tBodies[0]) return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.textContent = th.textContent;
      th.textContent = '';
      th.appendChild(button);
      button.addEventListener('click', function () { sortBy(table, index, th); });
    });
  });
  document.querySelectorAll('[data-filter-for]').forEach(function (bar) {
    var table = document.getElementById(bar.getAttribute('data-filter-for'));
    if (!table || !table.tBodies[0]) return;
    var search = bar.querySelector('input');
    var selects = bar.querySelectorAll('select[data-attr]');
    var count = bar.querySelector('.count');
    function apply() {
      var text = search ? search.value.trim().toLowerCase() : '';
      var shown = 0, rows = table.tBodies[0].rows;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i], ok = !text || row.textContent.toLowerCase().indexOf(text) >= 0;
        selects.forEach(function (s) {
          if (s.value && row.getAttribute('data-' + s.getAttribute('data-attr')) !== s.value) ok = false;
        });
        row.hidden = !ok;
        if (ok) shown++;
      }
      if (count) count.textContent = shown + ' of ' + rows.length + ' shown';
    }
    if (search) search.addEventListener('input', apply);
    selects.forEach(function (s) { s.addEventListener('change', apply); });
    bar.hidden = false;
    apply();
  });
})();
