/* kehoach: small, dependency-free enhancements. Everything works without
   script; these only add sorting and filtering. */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) return "";
    return cell.getAttribute("data-sort") !== null ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      if (!th.hasAttribute("data-sort-key")) return;
      th.setAttribute("role", "button");
      th.setAttribute("tabindex", "0");
      th.classList.add("kh-sort");
      th.title = "Bấm để sắp xếp";
      var ascending = false;
      function sort() {
        ascending = !ascending;
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index), y = cellValue(b, index);
          if (!x && y) return 1;  // undated rows stay last
          if (x && !y) return -1;
          var c = x.localeCompare(y, "vi");
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.kh-sortable"), makeSortable);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Deadline states computed from today's date, so a copy opened long after
   the build is still right.  Rows carry data-kind, data-due, data-start. */
(function () {
  "use strict";
  var DAY = 86400000;
  var LABELS = {
    "qua-han": "Quá hạn",
    "sap-den-han": "Sắp đến hạn",
    "con-han": "Còn hạn",
    "dang-thuc-hien": "Đang thực hiện",
    "chua-bat-dau": "Chưa bắt đầu"
  };

  function parse(iso) {
    if (!iso) return null;
    var p = iso.split("-");
    return new Date(+p[0], +p[1] - 1, +p[2]);
  }

  function today() {
    // ?hom-nay=YYYY-MM-DD lets a reader (and the tests) ask "as of" another day.
    var m = /[?&]hom-nay=(\d{4}-\d{2}-\d{2})/.exec(window.location.search);
    var d = m ? parse(m[1]) : new Date();
    return new Date(d.getFullYear(), d.getMonth(), d.getDate());
  }

  function stateOf(row, now) {
    var due = parse(row.getAttribute("data-due"));
    var start = parse(row.getAttribute("data-start"));
    if (due) {
      if (due < now) return "qua-han";
      if ((due - now) / DAY <= 30) return "sap-den-han";
      if (start && start <= now) return "dang-thuc-hien";
      return "con-han";
    }
    if (start) return start <= now ? "dang-thuc-hien" : "chua-bat-dau";
    return "";
  }

  function applyStates() {
    var now = today();
    Array.prototype.forEach.call(document.querySelectorAll("tr.kh-duty"), function (row) {
      var state = stateOf(row, now);
      row.setAttribute("data-state", state);
      var badge = row.querySelector(".kh-state");
      if (badge && state) {
        badge.textContent = LABELS[state];
        badge.className = "kh-state kh-state-" + state;
        badge.hidden = false;
      }
    });
  }

  function applyFilters(form) {
    var tables = document.querySelectorAll(form.getAttribute("data-filter-for"));
    var selects = form.querySelectorAll("select[data-filter]");
    var shown = 0, total = 0;
    Array.prototype.forEach.call(tables, function (table) {
      var visibleInTable = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        total += 1;
        var ok = Array.prototype.every.call(selects, function (sel) {
          if (!sel.value) return true;
          var attr = row.getAttribute("data-" + sel.getAttribute("data-filter")) || "";
          return sel.getAttribute("data-filter") === "agencies" ? (" " + attr + " ").indexOf(" " + sel.value + " ") >= 0 : attr === sel.value;
        });
        row.hidden = !ok;
        if (ok) { shown += 1; visibleInTable += 1; }
      });
      table.hidden = visibleInTable === 0;
      // a group (a plan's duties on a body page) goes with its table
      var group = table.closest("section.kh-group");
      if (group) group.hidden = table.hidden;
    });
    var out = form.querySelector(".kh-filter-count");
    if (out) out.textContent = "Đang hiện " + shown + "/" + total + " nhiệm vụ";
  }

  function init() {
    applyStates();
    Array.prototype.forEach.call(document.querySelectorAll("form.kh-filters"), function (form) {
      form.hidden = false;
      form.addEventListener("change", function () { applyFilters(form); });
      applyFilters(form);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
