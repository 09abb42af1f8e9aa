// Sorts the documents table by a clicked column: numbers by value, text by locale.
(function () {
  var table = document.getElementById("documents");
  if (!table) return;
  var heads = table.tHead.rows[0].cells;
  function key(cell, kind) {
    var v = cell.getAttribute("data-sort");
    if (v === null) v = cell.textContent;
    return kind === "num" ? parseFloat(v) || 0 : v.toLowerCase();
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    th.tabIndex = 0;
    function sort() {
      var kind = th.getAttribute("data-kind");
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a.cells[col], kind), y = key(b.cells[col], kind);
        var c = kind === "num" ? x - y : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
  });
})();
