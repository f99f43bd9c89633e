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

/* Duty states, computed again on the reader's day, so a copy opened long
   after the build is still right.  window.kehoach.state(attrs, today) has
   exactly the rules of generator/progress.py (duty_state); attrs are what a
   duty row carries: data-kind, data-due, data-start, data-recurrence (the
   deadline), data-status, data-reported (the latest report).  Other scripts
   (dashboard.js) use window.kehoach.state and window.kehoach.today(). */
(function () {
  "use strict";
  var DAY = 86400000;
  var SOON_DAYS = 30;
  // generator/progress.py STATES (the test compares them)
  var LABELS = {
    "hoan-thanh-dung-han": "Hoàn thành đúng hạn",
    "hoan-thanh-tre-han": "Hoàn thành trễ hạn",
    "hoan-thanh": "Hoàn thành",
    "khong-thuc-hien": "Không thực hiện",
    "qua-han": "Quá hạn",
    "sap-den-han": "Sắp đến hạn",
    "dang-thuc-hien": "Đang thực hiện",
    "chua-den-han": "Chưa đến hạn",
    "thuong-xuyen": "Thường xuyên",
    "khong-thoi-han": "Không ghi thời hạn"
  };
  // generator/progress_pages.py ORDER: what needs chasing first
  var ORDER = ["qua-han", "sap-den-han", "dang-thuc-hien", "chua-den-han", "thuong-xuyen", "khong-thoi-han",
               "khong-thuc-hien", "hoan-thanh-tre-han", "hoan-thanh-dung-han", "hoan-thanh"];

  // Days are counted as whole days since 1970 (UTC), so summer time never shifts one.
  function dayNumber(value) {
    if (value === null || value === undefined || value === "") return null;
    if (typeof value === "number") return value;
    if (value instanceof Date) return Math.round(Date.UTC(value.getFullYear(), value.getMonth(), value.getDate()) / DAY);
    var p = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
    return p ? Math.round(Date.UTC(+p[1], +p[2] - 1, +p[3]) / DAY) : null;
  }

  function today() {
    // ?hom-nay=YYYY-MM-DD lets a reader (and the tests) ask "as of" another day.
    var m = /[?&]hom-nay=(\d{4})-(\d{2})-(\d{2})/.exec(window.location.search);
    var d = m ? new Date(+m[1], +m[2] - 1, +m[3]) : new Date();
    return new Date(d.getFullYear(), d.getMonth(), d.getDate());
  }

  function periodStart(recurrence, day) {
    var d = new Date(day * DAY), y = d.getUTCFullYear(), mo = d.getUTCMonth(), first;
    if (recurrence === "monthly") first = Date.UTC(y, mo, 1);
    else if (recurrence === "quarterly") first = Date.UTC(y, 3 * Math.floor(mo / 3), 1);
    else if (recurrence === "half-yearly") first = Date.UTC(y, mo < 6 ? 0 : 6, 1);
    else first = Date.UTC(y, 0, 1);  // yearly, and "thường xuyên": a report a year
    return Math.round(first / DAY);
  }

  function isRecurring(a, due) {
    return a.kind === "recurring" || (a.kind === "from" && due === null);
  }

  function state(a, when) {
    var now = dayNumber(when === undefined ? today() : when);
    var due = dayNumber(a.due), start = dayNumber(a.start), reported = dayNumber(a.reported);
    var status = a.status || null;
    if (status === "khong-thuc-hien") return "khong-thuc-hien";
    if (a.kind === "from" && due === null && start !== null && start > now && status === null) return "chua-den-han";
    if (isRecurring(a, due)) return "thuong-xuyen";
    if (status === "hoan-thanh") {
      if (due === null) return "hoan-thanh";
      return reported !== null && reported > due ? "hoan-thanh-tre-han" : "hoan-thanh-dung-han";
    }
    var started = status === "dang-thuc-hien" || (start !== null && start <= now);
    if (due !== null) {
      if (due < now) return "qua-han";
      if (due - now <= SOON_DAYS) return "sap-den-han";
      return started ? "dang-thuc-hien" : "chua-den-han";
    }
    if (started) return "dang-thuc-hien";
    if (start !== null) return "chua-den-han";
    return "khong-thoi-han";
  }

  /* A recurring duty: has the current period (year, quarter, month) a report?
     null for a duty that does not recur. */
  function periodReported(a, when) {
    var now = dayNumber(when === undefined ? today() : when);
    if (state(a, now) !== "thuong-xuyen") return null;
    var reported = dayNumber(a.reported);
    return reported !== null && reported >= periodStart(a.recurrence || null, now);
  }

  /* Several bodies share a duty: the state of those that lead it (else of
     all), the one most in need of follow-up (progress_pages.headline). */
  function headline(pairs) {
    var leads = pairs.filter(function (p) { return p[0] === "lead"; });
    var pool = (leads.length ? leads : pairs).map(function (p) { return p[1]; });
    pool.sort(function (x, y) { return ORDER.indexOf(x) - ORDER.indexOf(y); });
    return pool[0];
  }

  function attrsOf(el, deadline) {
    deadline = deadline || el;
    function get(name) { return el.getAttribute("data-" + name) || deadline.getAttribute("data-" + name) || ""; }
    return {
      kind: deadline.getAttribute("data-kind") || "",
      due: deadline.getAttribute("data-due") || "",
      start: deadline.getAttribute("data-start") || "",
      recurrence: deadline.getAttribute("data-recurrence") || "",
      status: el === deadline ? get("status") : el.getAttribute("data-status") || "",
      reported: el === deadline ? get("reported") : el.getAttribute("data-reported") || ""
    };
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function vnDate(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear(); }

  function setBadge(badge, code, hide) {
    if (!badge) return;
    badge.textContent = LABELS[code];
    badge.className = "kh-state kh-state-" + code;
    badge.hidden = !!hide;
  }

  function setPeriod(container, attrs, now) {
    var note = container.querySelector(".kh-period");
    var reported = periodReported(attrs, now);
    if (!note) return;
    note.hidden = reported === null;
    if (reported === null) return;
    note.textContent = reported ? "Kỳ này đã báo cáo" : "Kỳ này chưa báo cáo";
    note.className = "kh-period kh-period-" + (reported ? "yes" : "no");
  }

  function applyStates() {
    var now = today();
    Array.prototype.forEach.call(document.querySelectorAll("tr.kh-duty"), function (row) {
      var holders = row.querySelectorAll(".kh-holder");
      var code;
      if (holders.length) {
        var pairs = Array.prototype.map.call(holders, function (h) {
          return [h.getAttribute("data-role"), state(attrsOf(h, row), now), h];
        });
        code = headline(pairs);
        pairs.forEach(function (p) { setBadge(p[2].querySelector(".kh-state"), p[1], p[1] === code); });
      } else {
        var attrs = attrsOf(row);
        code = state(attrs, now);
        setPeriod(row, attrs, now);
      }
      row.setAttribute("data-state", code);
      var badges = row.querySelectorAll(".kh-state");
      for (var i = 0; i < badges.length; i++) {
        if (!badges[i].closest(".kh-holder")) { setBadge(badges[i], code, false); break; }
      }
    });
    // Lists of duties not rows of a table (the plan page's overdue list).
    Array.prototype.forEach.call(document.querySelectorAll("li.kh-late"), function (item) {
      var any = false;
      Array.prototype.forEach.call(item.querySelectorAll(".kh-late-body"), function (body) {
        var code = state(attrsOf(body, item), now);
        body.setAttribute("data-state", code);
        body.hidden = code !== "qua-han";
        any = any || !body.hidden;
      });
      item.hidden = !any;
    });
    // Completion figures: every duty counted again for the reader's day.
    Array.prototype.forEach.call(document.querySelectorAll("[data-kh-progress]"), function (box) {
      // "n*kind,due,start,recurrence,status,reported;…" (progress_pages._data_blob)
      var counts = {}, done = 0, total = 0;
      ORDER.forEach(function (c) { counts[c] = 0; });
      (box.getAttribute("data-kh-progress") || "").split(";").forEach(function (part) {
        var star = part.indexOf("*");
        if (star < 0) return;
        var n = +part.slice(0, star), r = part.slice(star + 1).split(",");
        var c = state({kind: r[0], due: r[1], start: r[2], recurrence: r[3], status: r[4], reported: r[5]}, now);
        counts[c] += n;
        total += n;
        if (c.indexOf("hoan-thanh") === 0) done += n;
      });
      Array.prototype.forEach.call(box.querySelectorAll("[data-count-state]"), function (li) {
        var n = counts[li.getAttribute("data-count-state")] || 0;
        li.hidden = n === 0;
        var strong = li.querySelector("strong");
        if (strong) strong.textContent = n.toLocaleString("vi-VN");
      });
      var out = box.querySelector("[data-kh-done]");
      if (out) out.textContent = done.toLocaleString("vi-VN");
      out = box.querySelector("[data-kh-rate]");
      if (out) out.textContent = total ? Math.round(100 * done / total) + " %" : "–";
      out = box.querySelector("[data-kh-today]");
      if (out) out.textContent = vnDate(now);
      // a figure's link filters the list below; the reader's other parameters (?hom-nay=) stay
      Array.prototype.forEach.call(box.querySelectorAll('a[href^="?trang-thai="]'), function (a) {
        var params = new URLSearchParams(window.location.search);
        params.set("trang-thai", a.getAttribute("href").slice("?trang-thai=".length));
        a.setAttribute("href", "?" + params.toString());
      });
      var panel = box.closest(".kh-progress-panel");
      var late = panel && panel.querySelector("[data-kh-late-count]");
      if (late) late.textContent = counts["qua-han"].toLocaleString("vi-VN");
    });
  }

  window.kehoach = {
    today: today,
    state: state,
    periodReported: periodReported,
    headline: headline,
    labels: LABELS,
    order: ORDER,
    soonDays: SOON_DAYS
  };

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
          // a row may hold several values (its bodies): one of them is enough
          var attr = row.getAttribute("data-" + sel.getAttribute("data-filter")) || "";
          return (" " + attr + " ").indexOf(" " + sel.value + " ") >= 0;
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

  /* Duty ids (NV-…): a click on the code selects it whole (also without
     script: CSS user-select), the "Chép" button copies it; where the page
     may not copy, the id is left selected for Ctrl+C. */
  function selectText(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }
  function showCopyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("button.kh-copy[hidden]"), function (b) { b.hidden = false; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", showCopyButtons);
  else showCopyButtons();
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    var code = target.closest("code.kh-id-code");
    if (code) { selectText(code); return; }
    var button = target.closest("button.kh-copy");
    if (!button) return;
    event.preventDefault();
    var text = button.getAttribute("data-copy");
    var shown = button.parentNode.querySelector("code.kh-id-code");
    copy(text).then(function () {
      button.textContent = "Đã chép";
      button.setAttribute("data-copied", text);
    }, function () {
      if (shown) selectText(shown);
      button.textContent = "Bấm Ctrl+C";
    });
    setTimeout(function () { button.textContent = "Chép"; }, 2500);
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
