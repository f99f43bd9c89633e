/* The follow-up dashboard, its lists and the printable reports, on the
   reader's day (generator/dashboard.py, generator/followup_reports.py).

   - Figures (elements with data-kh-figures) are counted again from the
     compact data the build wrote: data-open ("offset[:count] …", open duties
     by due date, days from the build date), data-open-before (open duties due
     earlier still), data-done-at (completions by date), data-total, data-done.
   - Rows of a follow-up list or a report (tr[data-follow]) get the codes the
     filter matches for today (the state, da-hoan-thanh, moi-hoan-thanh); the
     filter is applied again and the visible rows renumbered.
   - Links keep ?hom-nay= (the day asked for), pager links keep the filter, and
     a page of a list that shows nothing for its filter goes on to the next
     page while the list is still before the duties the filter selects.
   Uses window.kehoach (kehoach.js, loaded first): today(), state(). */
(function () {
  "use strict";
  var DAY = 86400000;
  var RECENT_DAYS = 30, SOON_DAYS = 30;
  var ACCURATE_DAYS = 370;  // generator/dashboard.py WINDOW (400) less a month

  function kh() { return window.kehoach; }
  function dayNumber(d) { return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / DAY); }
  function isoDay(value) {
    var p = /^(\d{4})-(\d{2})-(\d{2})/.exec(value || "");
    return p ? Math.round(Date.UTC(+p[1], +p[2] - 1, +p[3]) / DAY) : null;
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function vnDate(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear(); }
  function vnInt(n) { return n.toLocaleString("vi-VN"); }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function pairs(text) {
    return (text || "").split(" ").filter(Boolean).map(function (p) {
      var c = p.indexOf(":");
      return c < 0 ? [+p, 1] : [+p.slice(0, c), +p.slice(c + 1)];
    });
  }

  /* The figures of one element for day offset t from the build date. */
  function count(el, t) {
    var overdue = +(el.getAttribute("data-open-before") || 0), soon = 0, recent = 0;
    pairs(el.getAttribute("data-open")).forEach(function (p) {
      if (p[0] < t) overdue += p[1];
      else if (p[0] <= t + SOON_DAYS) soon += p[1];
    });
    pairs(el.getAttribute("data-done-at")).forEach(function (p) {
      if (p[0] <= t && p[0] >= t - RECENT_DAYS) recent += p[1];
    });
    var total = +(el.getAttribute("data-total") || 0), done = +(el.getAttribute("data-done") || 0);
    return {
      "qua-han": overdue, "sap-den-han": soon, "moi-hoan-thanh": recent, "da-hoan-thanh": done, tong: total,
      rate: total ? Math.round(100 * done / total) + " %" : "–"
    };
  }

  /* ?hom-nay= (the day asked for) goes with every link to another page of the site. */
  function keepDay(a) {
    var m = /[?&]hom-nay=([0-9-]+)/.exec(window.location.search);
    var href = a.getAttribute("href");
    if (!m || !href || /^[a-z]+:|^#|^\/\//i.test(href) || /[?&]hom-nay=/.test(href)) return;
    var hash = href.indexOf("#"), tail = hash >= 0 ? href.slice(hash) : "";
    var base = hash >= 0 ? href.slice(0, hash) : href;
    a.setAttribute("href", base + (base.indexOf("?") >= 0 ? "&" : "?") + "hom-nay=" + m[1] + tail);
  }

  function dashboards(now) {
    each(document.querySelectorAll("[data-kh-dashboard]"), function (board) {
      var build = isoDay(board.getAttribute("data-kh-build"));
      var t = dayNumber(now) - build;
      var stale = board.querySelector(".kh-dash-stale");
      if (Math.abs(t) > ACCURATE_DAYS) {
        // the compact data covers about a year around the build: older copies keep the build's figures
        if (stale) {
          stale.hidden = false;
          stale.textContent = "Trang này được xây dựng ngày " + vnDate(new Date(build * DAY)) +
            ", cách hôm nay hơn một năm: số liệu là của ngày xây dựng trang. Cần xây dựng lại trang để có số liệu mới.";
        }
        return;
      }
      each(board.querySelectorAll("[data-kh-day]"), function (s) { s.textContent = vnDate(now); });
      each(board.querySelectorAll("[data-kh-figures]"), function (el) {
        var figs = count(el, t);
        each(el.querySelectorAll("[data-fig]"), function (cell) {
          var code = cell.getAttribute("data-fig"), value = figs[code];
          if (value === undefined) return;
          var text = typeof value === "number" ? vnInt(value) : value;
          (cell.querySelector("a") || cell).textContent = text;
          if (typeof value === "number" && cell.tagName === "TD") {
            cell.setAttribute("data-sort", ("000000" + value).slice(-7));
            cell.classList.toggle("kh-zero", value === 0);
          }
        });
      });
      each(board.querySelectorAll("a[href]"), keepDay);
    });
  }

  function followCodes(row, now) {
    var a = {
      kind: row.getAttribute("data-kind") || "", due: row.getAttribute("data-due") || "",
      start: row.getAttribute("data-start") || "", recurrence: row.getAttribute("data-recurrence") || "",
      status: row.getAttribute("data-status") || "", reported: row.getAttribute("data-reported") || ""
    };
    var code = kh().state(a, now);
    var codes = [code];
    if (code.indexOf("hoan-thanh") === 0) {
      codes.push("da-hoan-thanh");
      var age = dayNumber(now) - isoDay(a.reported);
      if (age >= 0 && age <= RECENT_DAYS) codes.push("moi-hoan-thanh");
    }
    return codes;
  }

  function renumber() {
    each(document.querySelectorAll("table.kh-followup"), function (table) {
      var first = +(table.getAttribute("data-kh-first") || 0), n = 0;
      if (!table.hasAttribute("data-kh-first")) {
        var cell = table.querySelector("tbody td.kh-stt");
        first = cell ? +cell.textContent - 0 : 1;
        table.setAttribute("data-kh-first", first);
      }
      each(table.tBodies[0].rows, function (row) {
        if (row.hidden) return;
        var cell = row.querySelector("td.kh-stt");
        if (cell) cell.textContent = first + n;
        n += 1;
      });
    });
  }

  /* The list is in follow-up order (dashboard.py): open duties by due date,
     then completed ones (latest first), then the rest.  A page that shows
     nothing for the filter, and ends before the duties it selects, hands
     over to the next page. */
  var GROUP = {"qua-han": 0, "sap-den-han": 0, "dang-thuc-hien": 0, "chua-den-han": 0,
               "moi-hoan-thanh": 1, "da-hoan-thanh": 1, "hoan-thanh-dung-han": 1, "hoan-thanh-tre-han": 1, "hoan-thanh": 1};
  function goOn(form) {
    var sel = form.querySelector("select[data-filter='follow']");
    var table = document.querySelector("table.kh-followup[data-kh-last]");
    var next = document.querySelector("nav.kh-pager a[rel='next']");
    if (!sel || !sel.value || !table || !next || !(sel.value in GROUP)) return;
    if (document.querySelector("table.kh-followup tr.kh-duty:not([hidden])")) return;
    var last = +table.getAttribute("data-kh-last").split(":")[0];
    if (last <= GROUP[sel.value]) window.location.replace(next.href);
  }

  function lists(now) {
    var rows = document.querySelectorAll("tr.kh-duty[data-follow]");
    if (!rows.length) return;
    each(rows, function (row) { row.setAttribute("data-follow", followCodes(row, now).join(" ")); });
    each(document.querySelectorAll("form.kh-filters"), function (form) {
      if (!form.querySelector("select[data-filter='follow']")) return;
      // kehoach.js filtered with the build's codes: once more with today's
      form.dispatchEvent(new Event("change"));
      renumber();
      form.addEventListener("change", renumber);
      form.addEventListener("reset", function () { setTimeout(renumber, 0); });
      goOn(form);
    });
    // the pages of a filtered list stay filtered
    each(document.querySelectorAll("nav.kh-pager a[href]"), function (a) {
      var query = window.location.search;
      if (query) a.setAttribute("href", a.getAttribute("href").split("?")[0] + query);
    });
  }

  function printDay(now) {
    var months = now.getMonth() + 1;
    each(document.querySelectorAll("[data-kh-print-day]"), function (s) {
      s.textContent = "ngày " + pad(now.getDate()) + " tháng " + pad(months) + " năm " + now.getFullYear();
    });
    each(document.querySelectorAll(".kh-report-doc a[href], .kh-followup-page a[href], .kh-report-link a[href]"), keepDay);
  }

  function init() {
    if (!kh()) return;
    var now = kh().today();
    dashboards(now);
    lists(now);
    printDay(now);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
