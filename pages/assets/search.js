/* kehoach: the search field in the header, over Pagefind's JS API.

   - The site root is computed from the header's relative data-kh-base, so the
     same pages search correctly under any sub-path and from file://.
   - Vietnamese: Pagefind folds tone and vowel marks (uỷ = ủy = uy, NFD = NFC)
     but not "đ" (U+0111 has no decomposition), so "dang" never finds "Đảng".
     The query is searched as typed and with d→đ at word starts (đ only ever
     begins a Vietnamese syllable); results are merged per page by score, the
     query as typed winning near ties. Excerpts are Pagefind's, from the real
     text.
   - Links go to the paragraph that matched: Pagefind groups matches under
     headings only, but records every element with an id, and plan pages give
     every paragraph and bullet one.
   - The filter indexes (one file per filter, growing with the number of
     pages) are fetched only when the person opens the filter bar, not with
     the first query.
   - From file:// the index cannot be fetched; the offline bundle adds
     pagefind/pagefind-offline.js (generator/bundle.py), which serves it from
     memory.  The intranet site does not have that file. */
(function () {
  "use strict";

  var root = document.querySelector("[data-kh-search]");
  if (!root || typeof Promise === "undefined" || typeof URL === "undefined") return;

  var input = root.querySelector(".kh-search__input");
  var panel = root.querySelector(".kh-search__panel");
  var siteRoot = new URL((root.getAttribute("data-kh-base") || ".").replace(/\/*$/, "/"), location.href);
  var pagefindBase = new URL("pagefind/", siteRoot).href;

  var HINT = "Gõ từ cần tìm, có dấu hoặc không dấu; đặt trong ngoặc kép để tìm đúng cụm từ.";
  var PAGE_SIZE = 8;
  var MAX_SECTIONS = 3;
  var MAX_D_WORDS = 4;           // 2^4 = 16 searches at most (and one with every d as đ)
  var EXPANSION_WEIGHT = 0.9;    // a guess at what was meant ranks just below the query as typed
  var FILTERS = [
    ["loai", "Loại văn bản"],
    ["co_quan_ban_hanh", "Cơ quan ban hành"],
    ["to_chuc", "Tổ chức"],
    ["nam", "Năm"],
    ["co_quan_duoc_giao", "Cơ quan được giao"]
  ];
  // Elements a deep link may point at (not inline <a>, <sup> or <span> ids).
  var LINKABLE = /^(p|li|h[1-6]|blockquote|dt|dd|tr|td|th|table|div|section|article|figure)$/i;

  // --- Pagefind ---------------------------------------------------------------

  /* The index is in shards (generator/search.py): pagefind/shards.js lists
     them, the primary first (bodies, documents, lists; it carries pagefind.js),
     then the plans by year, newest first.  The eager ones are merged into the
     primary (Pagefind's mergeIndex) before the first query; the older years
     when a search needs them (loadAllShards). */
  var pagefindPromise = null;
  var shardList = null;
  var lazyShards = [];
  var mergingAll = null;
  var PAGEFIND_OPTIONS = { baseUrl: "/", excerptLength: 24 };

  function loadScript(src) {
    // A classic script loads from file:// where import() and fetch() may not.
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error(location.protocol === "file:" ? "offline" : "shards")); };
      document.head.appendChild(script);
    });
  }

  function loadShards() {
    if (window.kehoachSearchShards) return Promise.resolve(window.kehoachSearchShards);
    return loadScript(pagefindBase + "shards.js").then(function () {
      if (!window.kehoachSearchShards) throw new Error("shards");
      return window.kehoachSearchShards;
    });
  }

  function loadOffline() {
    var ready = window.kehoachPagefindOffline ? Promise.resolve() : loadScript(pagefindBase + "pagefind-offline.js");
    return ready.then(function () {
      if (!window.kehoachPagefindOffline) throw new Error("offline");
      return window.kehoachPagefindOffline.install(pagefindBase);
    });
  }

  function shardBase(shard) {
    return pagefindBase + shard.name + "/";
  }

  function mergeShards(pf, shards) {
    return Promise.all(shards.map(function (shard) {
      var options = { indexWeight: 1 };
      Object.keys(PAGEFIND_OPTIONS).forEach(function (k) { options[k] = PAGEFIND_OPTIONS[k]; });
      return pf.mergeIndex(shardBase(shard), options);
    }));
  }

  function pagefind() {
    if (!pagefindPromise) {
      pagefindPromise = loadShards().then(function (list) {
        shardList = list;
        var primary = list.shards.filter(function (s) { return s.name === list.primary; })[0];
        var others = list.shards.filter(function (s) { return s !== primary; });
        var offline = location.protocol === "file:";
        var source = offline ? loadOffline() : Promise.resolve({ moduleUrl: shardBase(primary) + "pagefind.js", options: {} });
        return source.then(function (src) {
          return import(src.moduleUrl).then(function (pf) {
            var options = { basePath: shardBase(primary) };
            Object.keys(PAGEFIND_OPTIONS).forEach(function (k) { options[k] = PAGEFIND_OPTIONS[k]; });
            Object.keys(src.options || {}).forEach(function (k) { options[k] = src.options[k]; });
            // init() starts fetching the index now, while the person is still typing.
            return pf.options(options).then(function () { return pf.init(); }).then(function () {
              lazyShards = others.filter(function (s) { return !s.eager; });
              return mergeShards(pf, others.filter(function (s) { return s.eager; }));
            }).then(function () { return pf; });
          });
        });
      });
    }
    return pagefindPromise;
  }

  /* Merge the older years too: a number (it names one document), the filter
     bar (its counts cover the whole site), or the person asking for them. */
  function loadAllShards(pf) {
    if (!lazyShards.length) return Promise.resolve(pf);
    if (!mergingAll) {
      var shards = lazyShards;
      mergingAll = mergeShards(pf, shards).then(function () { lazyShards = []; });
    }
    return mergingAll.then(function () { return pf; });
  }

  function olderYears() {
    var years = lazyShards.map(function (s) { return s.year; }).filter(Boolean).sort();
    return years;
  }

  // --- Vietnamese query variants -----------------------------------------------

  function normalizeQuery(text) {
    return text.normalize("NFC").replace(/\s+/g, " ").trim();
  }

  /* The query as typed first, then every combination of d→đ at the start of
     up to MAX_D_WORDS words. */
  function queryVariants(query) {
    var words = query.split(" ");
    var positions = [];
    words.forEach(function (word, i) {
      if (positions.length < MAX_D_WORDS && /^[^\p{L}\p{N}]*[dD]/u.test(word)) positions.push(i);
    });
    var variants = [];
    for (var mask = 0; mask < 1 << positions.length; mask++) {
      var copy = words.slice();
      positions.forEach(function (wordIndex, bit) {
        if (mask & (1 << bit)) {
          copy[wordIndex] = copy[wordIndex].replace(/[dD]/, function (d) { return d === "D" ? "Đ" : "đ"; });
        }
      });
      variants.push(copy.join(" "));
    }
    // "dang doan lien doan lao dong tinh": past MAX_D_WORDS, every d as đ too
    var all = words.map(function (word) {
      return /^[^\p{L}\p{N}]*[dD]/u.test(word) ? word.replace(/[dD]/, function (d) { return d === "D" ? "Đ" : "đ"; }) : word;
    }).join(" ");
    if (variants.indexOf(all) < 0) variants.push(all);
    return variants;
  }

  /* One list of page results: the best-scoring variant for each page. */
  function searchAll(pf, query, filters) {
    var options = { filters: filters };
    if (!query) {
      return pf.search(null, options).then(function (response) {
        return response.results.map(function (result) { return { result: result, score: result.score, variant: 0 }; });
      });
    }
    if (/\d/.test(query) && !/\s/.test(query)) {
      /* A number ("278-CTr/TU") searched exactly: a shard without it would
         otherwise answer with its near misses ("278-KH/TW", "27/8"), which a
         single index drops when the number exists elsewhere.  Typed in part,
         it finds nothing exactly, and is searched as typed. */
      return pf.search('"' + query + '"', options).then(function (response) {
        if (!response.results.length) return searchVariants(pf, query, options);
        return response.results.map(function (result, rank) { return { result: result, score: result.score, variant: 0, rank: rank }; });
      });
    }
    return searchVariants(pf, query, options);
  }

  function searchVariants(pf, query, options) {
    var variants = queryVariants(query);
    return Promise.all(variants.map(function (v) { return pf.search(v, options); })).then(function (responses) {
      var best = new Map();
      responses.forEach(function (response, variant) {
        response.results.forEach(function (result, rank) {
          var score = result.score * (variant === 0 ? 1 : EXPANSION_WEIGHT);
          var known = best.get(result.id);
          if (!known || score > known.score) best.set(result.id, { result: result, score: score, variant: variant, rank: rank });
        });
      });
      return Array.from(best.values()).sort(function (a, b) {
        return b.score - a.score || a.variant - b.variant || a.rank - b.rank;
      });
    });
  }

  // --- Results ----------------------------------------------------------------

  function siteUrl(path) {
    return new URL(String(path).replace(/^\/+/, ""), siteRoot).href;
  }

  function bestLocation(weighted) {
    var best = null;
    (weighted || []).forEach(function (w) { if (!best || w.balanced_score > best.balanced_score) best = w; });
    return best ? best.location : null;
  }

  /* The last linkable element with an id that starts at or before the word. */
  function anchorAt(anchors, location) {
    var best = null;
    anchors.forEach(function (a) {
      if (!a.id || !LINKABLE.test(a.element) || a.location > location) return;
      if (!best || a.location >= best.location) best = a;
    });
    return best;
  }

  function cleanTitle(text) {
    return String(text || "").replace(/\s*¶\s*$/, "").trim();
  }

  /* A page result as the panel shows it: sections by score, each linked to
     the paragraph holding its best match. */
  function describe(data) {
    var page = data.raw_url || data.url;
    var sections = (data.sub_results || []).map(function (sub, order) {
      var location = bestLocation(sub.weighted_locations);
      var anchor = location === null ? null : anchorAt(data.anchors || [], location);
      var href = anchor ? siteUrl(page.split("#")[0] + "#" + encodeURIComponent(anchor.id)) : siteUrl(sub.url || page);
      var score = 0;
      (sub.weighted_locations || []).forEach(function (w) { score = Math.max(score, w.balanced_score); });
      return { title: cleanTitle(sub.title), excerpt: sub.excerpt, href: href, score: score, order: order };
    });
    sections.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    var title = cleanTitle((data.meta && data.meta.title) || page);
    var top = sections[0] || { title: "", excerpt: data.excerpt, href: siteUrl(page) };
    if (data.khPhrase) {
      // the phrase itself: its excerpt, linked to the paragraph that holds it
      var at = anchorAt(data.anchors || [], data.khPhrase.word);
      top = { title: "", excerpt: data.khPhrase.html, href: at ? siteUrl(page.split("#")[0] + "#" + encodeURIComponent(at.id)) : siteUrl(page) };
    }
    return {
      title: title,
      type: (data.meta && data.meta.loai_trang) || "",
      href: top.href,
      section: top.title && top.title !== title ? top.title : "",
      excerpt: top.excerpt || data.excerpt,
      more: sections.slice(1, MAX_SECTIONS)
    };
  }

  /* Pagefind's excerpt is escaped text with <mark>; keep only those. */
  function excerptNode(html) {
    var template = document.createElement("template");
    template.innerHTML = html || "";
    var out = document.createElement("span");
    out.className = "kh-sr__excerpt";
    (function copy(from, to) {
      Array.prototype.forEach.call(from.childNodes, function (node) {
        if (node.nodeType === 3) to.appendChild(document.createTextNode(node.textContent.replace(/¶/g, "")));
        else if (node.nodeName === "MARK") { var mark = document.createElement("mark"); copy(node, mark); to.appendChild(mark); }
        else copy(node, to);
      });
    })(template.content, out);
    return out;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function resultItem(item) {
    var li = el("li", "kh-sr");
    var link = el("a", "kh-sr__link");
    link.href = item.href;
    link.setAttribute("data-kh-nav", "");
    var head = el("span", "kh-sr__head");
    if (item.type) head.appendChild(el("span", "kh-sr__type", item.type));
    head.appendChild(el("span", "kh-sr__title", item.title));
    link.appendChild(head);
    if (item.section) link.appendChild(el("span", "kh-sr__section", item.section));
    link.appendChild(excerptNode(item.excerpt));
    li.appendChild(link);
    if (item.more.length) {
      var list = el("ul", "kh-sr__more");
      item.more.forEach(function (section) {
        var sub = el("a", "kh-sr__link kh-sr__link--section");
        sub.href = section.href;
        sub.setAttribute("data-kh-nav", "");
        if (section.title) sub.appendChild(el("span", "kh-sr__section", section.title));
        sub.appendChild(excerptNode(section.excerpt));
        var subItem = el("li");
        subItem.appendChild(sub);
        list.appendChild(subItem);
      });
      li.appendChild(list);
    }
    return li;
  }

  // --- The panel ----------------------------------------------------------------

  var status = el("p", "kh-search__status");
  status.setAttribute("role", "status");
  var filterToggle = el("button", "kh-search__filter-toggle");
  filterToggle.type = "button";
  filterToggle.setAttribute("aria-expanded", "false");
  filterToggle.setAttribute("aria-controls", "kh-search-filters");
  var filterBar = el("div", "kh-search__filters");
  filterBar.id = "kh-search-filters";
  filterBar.hidden = true;
  filterBar.setAttribute("role", "group");
  filterBar.setAttribute("aria-label", "Lọc kết quả");
  var list = el("ol", "kh-search__results");
  var moreButton = el("button", "kh-search__more", "Xem thêm kết quả");
  moreButton.type = "button";
  moreButton.hidden = true;
  moreButton.setAttribute("data-kh-nav", "");
  panel.appendChild(filterToggle);
  panel.appendChild(filterBar);
  panel.appendChild(status);
  panel.appendChild(list);
  panel.appendChild(moreButton);
  var olderButton = el("button", "kh-search__older");
  olderButton.type = "button";
  olderButton.hidden = true;
  olderButton.setAttribute("data-kh-nav", "");
  panel.appendChild(olderButton);

  var selects = {};
  var filtersLoading = null;
  var sequence = 0;
  var current = { matches: [], shown: 0, sequence: 0 };

  function activeFilters() {
    var filters = {};
    Object.keys(selects).forEach(function (key) { if (selects[key].value) filters[key] = selects[key].value; });
    return filters;
  }

  function filterCount() {
    return Object.keys(activeFilters()).length;
  }

  function labelFilterToggle() {
    var count = filterCount();
    filterToggle.textContent = "Lọc kết quả" + (count ? " (" + count + ")" : "");
  }
  labelFilterToggle();

  /* The selects, built once from pf.filters(): the only call that fetches
     every filter index. */
  function loadFilters() {
    if (!filtersLoading) {
      filterBar.setAttribute("aria-busy", "true");
      filterBar.appendChild(el("span", "kh-search__filters-wait", "Đang tải bộ lọc…"));
      filtersLoading = pagefind().then(loadAllShards).then(buildFilters).then(function () {
        filterBar.setAttribute("aria-busy", "false");
      }, function (error) {
        filtersLoading = null;
        filterBar.textContent = "";
        filterBar.appendChild(el("span", "kh-search__filters-wait", "Không tải được bộ lọc."));
        filterBar.setAttribute("aria-busy", "false");
        throw error;
      });
    }
    return filtersLoading;
  }

  function toggleFilters() {
    var open = filterBar.hidden;
    filterBar.hidden = !open;
    filterToggle.setAttribute("aria-expanded", String(open));
    if (!open) return Promise.resolve();
    return loadFilters().then(function () {
      var first = filterBar.querySelector("select");
      if (first && !filterBar.hidden) first.focus();
    }, function () {});
  }

  function buildFilters(pf) {
    return pf.filters().then(function (all) {
      filterBar.textContent = "";
      FILTERS.forEach(function (entry) {
        var key = entry[0], values = all[key];
        if (!values || !Object.keys(values).length) return;
        var label = el("label", "kh-search__filter");
        label.appendChild(el("span", "", entry[1]));
        var select = el("select");
        select.appendChild(new Option("Tất cả", ""));
        Object.keys(values).sort(function (a, b) {
          return key === "nam" ? b.localeCompare(a) : a.localeCompare(b, "vi");
        }).forEach(function (value) {
          select.appendChild(new Option(value + " (" + values[value] + ")", value));
        });
        select.setAttribute("data-filter", key);
        select.addEventListener("change", function () { labelFilterToggle(); run(); });
        selects[key] = select;
        label.appendChild(select);
        filterBar.appendChild(label);
      });
    });
  }

  function openPanel() {
    panel.hidden = false;
    root.classList.add("kh-search--open");
  }

  function closePanel() {
    panel.hidden = true;
    root.classList.remove("kh-search--open");
  }

  /* What a clerk means by a query, in tiers (the best RERANK results are
     re-ordered by tier, then by Pagefind's score):
       7  the page the query names: a body by its name, a document or plan
          by its number (the query is its name or number, typed whole);
       6  a plan whose issuer, organisation or signer the query names, or that
          implements the document numbered by the query;
       5  a body whose name begins with the query ("Ban Tổ chức");
       0-4 the page's text: the exact phrase (2), the phrase without
          diacritics (1.5), all its words apart (1), fewer (0), doubled,
          and a plan's text one above a list that only repeats a name or
          title (a body's, a cited document's).
     Pagefind scores each syllable alone, so a short page full of "quốc"
     would otherwise outrank the page that has the name "Hồ Quốc Dũng", and
     a body page that names an organisation its plans. */
  var RERANK = 30;

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }

  function within(words, text) {
    return !!words && (" " + fold(text) + " ").indexOf(" " + words + " ") >= 0;
  }

  function textTier(query, content) {
    var words = fold(query);
    if (!words) return 0;
    var exact = (content || "").normalize("NFC").toLowerCase().replace(/\s+/g, " ");
    if (exact.indexOf(query.toLowerCase()) >= 0) return 3;
    var folded = " " + fold(content) + " ";
    if (folded.indexOf(" " + words + " ") >= 0) return 2;
    return words.split(" ").every(function (w) { return folded.indexOf(" " + w + " ") >= 0; }) ? 1 : 0;
  }

  function tier(query, data) {
    var words = fold(query);
    var meta = data.meta || {};
    var type = meta.loai_trang || "";
    var number = /\d/.test(words);
    var title = fold(cleanTitle(meta.title));
    if (type === "Cơ quan") {
      if (words === fold(meta.ten) || words === title) return 7;
      if (fold(meta.ten).indexOf(words + " ") === 0) return 5;
    } else if (type === "Văn bản") {
      // "ket luan 38" names "Kết luận số 38-KL/TW": "số" may be left out
      var bare = function (t) { return (" " + fold(t) + " ").replace(/ so /g, " ").trim(); };
      if (words === title || (number && within(bare(words), bare(meta.title)))) return 7;
    } else if (type === "Kế hoạch") {
      if (number && words === fold(meta.so_hieu)) return 7;
      // A plan carrying out that document: the fewer documents it carries out,
      // the more it is about this one (scores of two shards do not compare).
      if (number && within(words, meta.thuc_hien)) return 6 + 0.4 / String(meta.thuc_hien).split(";").length;
      if (!number && [meta.co_quan_ban_hanh, meta.to_chuc, meta.nguoi_ky].some(function (v) { return within(words, v); })) return 6;
    }
    var text = textTier(query, data.content);
    return text ? (text === 3 ? 2 : text === 2 ? 1.5 : 1) * 2 + (type === "Kế hoạch" ? 0.5 : 0) : 0;
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  /* About 30 words of the real text around the first occurrence of the query
     (compared without diacritics) in a paragraph of the text, rather than in
     the title above it; the phrase marked. */
  function phraseExcerpt(content, query, anchors) {
    var chars = Array.from((content || "").normalize("NFC"));
    var folded = "";
    var map = [];
    chars.forEach(function (ch, i) {
      var f = fold(ch) || " ";
      if (f === " " && (folded === "" || folded.charAt(folded.length - 1) === " ")) return;
      folded += f.charAt(0);
      map.push(i);
    });
    var q = fold(query);
    if (!q) return null;
    var padded = " " + folded + " ";
    var at = padded.indexOf(" " + q + " ");
    if (at < 0) return null;
    var wordAt = function (pos) { return chars.slice(0, map[pos]).join("").split(/\s+/).filter(Boolean).length; };  // Pagefind counts locations in words
    for (var next = at, tries = 0; next >= 0 && tries < 200; next = padded.indexOf(" " + q + " ", next + 1), tries++) {
      var found = anchorAt(anchors || [], wordAt(next));
      if (found && /^(p|li|td|dd|blockquote)$/i.test(found.element)) { at = next; break; }
    }
    var start = map[at], end = map[at + q.length - 1] + 1;
    var from = Math.max(0, start - 110), to = Math.min(chars.length, end + 160);
    while (from > 0 && chars[from - 1] !== " ") from--;
    while (to < chars.length && chars[to] !== " ") to++;
    var slice = function (a, b) { return escapeHtml(chars.slice(a, b).join("")); };
    return {
      html: (from > 0 ? "… " : "") + slice(from, start) + "<mark>" + slice(start, end) + "</mark>" + slice(end, to) + (to < chars.length ? " …" : ""),
      word: wordAt(at)
    };
  }

  function rerank(matches, query) {
    if (!query) return Promise.resolve(matches);
    var head = matches.slice(0, RERANK);
    return Promise.all(head.map(function (m) { return m.result.data(); })).then(function (pages) {
      head.forEach(function (m, i) {
        m.data = pages[i];
        m.tier = tier(query, pages[i]);
        // Pagefind's excerpt follows its best single syllables; show the phrase itself.
        if (m.tier >= 3 && m.tier < 5 || Math.floor(m.tier) === 6 && textTier(query, pages[i].content) >= 2) m.data.khPhrase = phraseExcerpt(pages[i].content, query, pages[i].anchors);
      });
      head.sort(function (a, b) { return b.tier - a.tier || b.score - a.score; });
      return head.concat(matches.slice(RERANK));
    });
  }

  /* The next PAGE_SIZE results as list items (loads their fragments). */
  function nextItems() {
    var slice = current.matches.slice(current.shown, current.shown + PAGE_SIZE);
    current.shown += slice.length;
    return Promise.all(slice.map(function (m) { return m.data ? Promise.resolve(m.data) : m.result.data(); })).then(function (pages) {
      return pages.map(function (data) { return resultItem(describe(data)); });
    });
  }

  function showMore() {
    var mine = current.sequence;
    return nextItems().then(function (items) {
      if (mine !== sequence) return;
      items.forEach(function (item) { list.appendChild(item); });
      moreButton.hidden = current.shown >= current.matches.length;
    });
  }

  var wantsAll = false;   // the person asked for the older years: every later search covers them

  function run() {
    var mine = ++sequence;
    var query = normalizeQuery(input.value);
    var filters = activeFilters();
    panel.setAttribute("aria-busy", "true");
    if (!query && !Object.keys(filters).length) {
      list.textContent = "";
      moreButton.hidden = true;
      olderButton.hidden = true;
      status.textContent = HINT;
      done(query);
      return Promise.resolve();
    }
    openPanel();
    if (!list.childNodes.length) status.textContent = "Đang tìm…";
    var everywhere = wantsAll || /\d/.test(query) || Object.keys(filters).length > 0;
    return pagefind().then(function (pf) {
      return (everywhere ? loadAllShards(pf) : Promise.resolve(pf)).then(function () {
        return searchAll(pf, query, filters);
      }).then(function (matches) {
        // Few results among the recent years: look in the older ones too.
        if (matches.length >= PAGE_SIZE || !lazyShards.length) return matches;
        return loadAllShards(pf).then(function () { return searchAll(pf, query, filters); });
      });
    }).then(function (matches) {
      return rerank(matches, query);
    }).then(function (matches) {
      if (mine !== sequence) return;
      current = { matches: matches, shown: 0, sequence: mine };
      return nextItems().then(function (items) {
        if (mine !== sequence) return;
        // Swap list and count together, so they never disagree.
        list.textContent = "";
        items.forEach(function (item) { list.appendChild(item); });
        moreButton.hidden = current.shown >= matches.length;
        var older = olderYears();
        status.textContent = (matches.length
          ? matches.length + " kết quả" + (query ? " cho “" + query + "”" : "")
          : "Không có kết quả" + (query ? " cho “" + query + "”" : "")) +
          (older.length ? " trong các kế hoạch từ năm " + (Number(older[older.length - 1]) + 1) + " và các trang khác." : matches.length ? "" : ".");
        olderButton.hidden = !older.length;
        olderButton.textContent = older.length ? "Tìm cả kế hoạch các năm " + older[0] + (older.length > 1 ? "–" + older[older.length - 1] : "") : "";
        done(query);
      });
    }).catch(function (error) {
      if (mine !== sequence) return;
      list.textContent = "";
      moreButton.hidden = true;
      olderButton.hidden = true;
      status.textContent = location.protocol === "file:" && error && error.message === "offline"
        ? "Mở trang trực tiếp từ ổ đĩa thì chỉ tìm kiếm được trong bản đóng gói (lệnh kehoach bundle)."
        : "Không tải được chỉ mục tìm kiếm.";
      pagefindPromise = null;
      mergingAll = null;
      done(query);
    });
  }

  /* The panel shows the results of this query (tests and assistive tech wait on it). */
  function done(query) {
    panel.setAttribute("data-query", query);
    panel.setAttribute("aria-busy", "false");
  }

  // --- Events -------------------------------------------------------------------

  var timer = null;
  input.addEventListener("input", function () {
    panel.setAttribute("aria-busy", "true");
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener("focus", function () {
    pagefind().catch(function () {});   // start loading while the person types
    if (input.value.trim() || Object.keys(activeFilters()).length) openPanel();
  });
  filterToggle.addEventListener("click", toggleFilters);
  olderButton.addEventListener("click", function () {
    wantsAll = true;
    run().then(function () { input.focus(); });
  });
  moreButton.addEventListener("click", function () {
    var focusIndex = navItems().length - 1;
    showMore().then(function () {
      var items = navItems();
      if (items[focusIndex]) items[focusIndex].focus();
    });
  });
  panel.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a.kh-sr__link")) closePanel();
  });

  function navItems() {
    return Array.prototype.filter.call(panel.querySelectorAll("[data-kh-nav]"), function (n) { return !n.hidden; });
  }

  root.addEventListener("keydown", function (event) {
    if (event.isComposing) return;
    var items = navItems();
    var index = items.indexOf(document.activeElement);
    var onInput = document.activeElement === input;
    if (event.key === "Escape") {
      if (!panel.hidden) { closePanel(); input.focus(); }
      else if (onInput) { input.value = ""; run(); }
      event.preventDefault();
    } else if (event.key === "ArrowDown" && (onInput || index >= 0)) {
      if (panel.hidden && onInput) { openPanel(); return event.preventDefault(); }
      if (items.length) items[Math.min(index + 1, items.length - 1)].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp" && index >= 0) {
      (index === 0 ? input : items[index - 1]).focus();
      event.preventDefault();
    } else if (event.key === "Enter" && onInput) {
      event.preventDefault();
      clearTimeout(timer);
      run().then(function () {
        var first = panel.querySelector("a.kh-sr__link");
        if (first) first.click();
      });
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.preventDefault();
    event.stopPropagation();   // Material's own shortcuts listen on window
    input.focus();
    input.select();
  });

  document.addEventListener("pointerdown", function (event) {
    if (!root.contains(event.target)) closePanel();
  });
  root.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !root.contains(event.relatedTarget)) closePanel();
  });

  root.hidden = false;
  status.textContent = HINT;
})();
