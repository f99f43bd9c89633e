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

  /* Rows shown by the filters; a section (data-kh-section: a plan's duties,
     a year, a quarter ...) the filters leave empty is hidden, and each
     section's count (data-kh-count) says what it still shows. */
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
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-kh-section]"), function (section) {
      var rows = section.querySelectorAll("tr.kh-duty");
      var visible = 0;
      Array.prototype.forEach.call(rows, function (r) { if (!r.hidden) visible += 1; });
      section.hidden = visible === 0;
      var count = section.querySelector("[data-kh-count]");
      if (count && count.closest("[data-kh-section]") === section) count.textContent = visible.toLocaleString("vi-VN");
    });
    var active = Array.prototype.filter.call(selects, function (sel) { return sel.value; });
    var out = form.closest("details") ? form.closest("details").querySelector(".kh-filter-count") : form.querySelector(".kh-filter-count");
    if (out) out.textContent = active.length ? "Đang hiện " + shown + "/" + total + " nhiệm vụ" : total + " nhiệm vụ";
    form.setAttribute("data-summary", active.map(function (sel) {
      var label = sel.closest("label");
      var name = label ? label.firstChild.textContent.trim() : sel.getAttribute("data-filter");
      return name + ": " + sel.options[sel.selectedIndex].text;
    }).join("; "));
  }

  /* Filter choices live in the address (?co-quan=…&trang-thai=…), so a
     filtered list can be bookmarked and sent; other parameters stay. */
  function readParams(form) {
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.querySelectorAll("select[data-param]"), function (sel) {
      var value = params.get(sel.getAttribute("data-param"));
      if (value !== null && Array.prototype.some.call(sel.options, function (o) { return o.value === value; })) sel.value = value;
    });
  }

  function writeParams(form) {
    if (!window.history || !window.history.replaceState) return;
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.querySelectorAll("select[data-param]"), function (sel) {
      if (sel.value) params.set(sel.getAttribute("data-param"), sel.value);
      else params.delete(sel.getAttribute("data-param"));
    });
    var query = params.toString();
    try {
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    } catch (e) { /* file:// in some browsers */ }
  }

  function init() {
    applyStates();
    var wide = !window.matchMedia || window.matchMedia("(min-width: 40em)").matches;
    Array.prototype.forEach.call(document.querySelectorAll("form.kh-filters"), function (form) {
      var box = form.closest("details.kh-filterbox");
      readParams(form);
      var filtered = Array.prototype.some.call(form.querySelectorAll("select"), function (s) { return s.value; });
      if (box) {
        box.hidden = false;
        // open on a wide screen, folded on a phone unless the address filters
        if (wide || filtered) box.open = true;
      }
      form.hidden = false;
      form.addEventListener("change", function () { applyFilters(form); writeParams(form); });
      form.addEventListener("reset", function () {
        setTimeout(function () { applyFilters(form); writeParams(form); }, 0);
      });
      applyFilters(form);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Cards on a phone: each cell says its column (tables the generator did not label). */
(function () {
  "use strict";
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.kh-table"), function (table) {
      if (!table.tHead) return;
      var names = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.trim(); });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          Array.prototype.forEach.call(row.cells, function (cell, i) {
            if (!cell.hasAttribute("data-label") && names[i]) cell.setAttribute("data-label", names[i]);
          });
        });
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Links to copy: a click on the "#" of a numbered item or duty copies the
   paragraph's full address (the intranet is plain http, where the clipboard
   API may be missing: a selected text field does it there). */
(function () {
  "use strict";
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(field);
      if (ok) resolve(); else reject(new Error("copy"));
    });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.kh-permalink");
    if (!link) return;
    var address = link.href;
    var note = link.parentNode.querySelector(".kh-copied");
    if (!note) {
      note = document.createElement("span");
      note.className = "kh-copied";
      note.setAttribute("role", "status");
      link.insertAdjacentElement("afterend", note);
    }
    copy(address).then(function () { note.textContent = "Đã chép liên kết"; },
                       function () { note.textContent = "Chép liên kết: " + address; });
    link.setAttribute("data-copied", address);
  });
})();

/* Paper says when and from where it was printed, and what the filters kept. */
(function () {
  "use strict";
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function fill() {
    var line = document.querySelector(".kh-print-meta");
    if (!line) return;
    var now = new Date();
    var text = "In ngày " + pad(now.getDate()) + "/" + pad(now.getMonth() + 1) + "/" + now.getFullYear() + " từ " + window.location.href;
    var form = document.querySelector("form.kh-filters[data-summary]");
    if (form && form.getAttribute("data-summary")) text += " — lọc theo " + form.getAttribute("data-summary");
    line.textContent = text;
  }
  window.addEventListener("beforeprint", fill);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill);
  else fill();
})();
