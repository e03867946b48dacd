/* Doorstep offline search. The index is a script file (search-index.js), so this works from file://
   as well as from a web server. Results are grouped by module and reachable with the keyboard. */
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var index = window.DOORSTEP_SEARCH_INDEX;
  if (!input || !results || !index) { return; }

  var root = (function () {
    var scripts = document.getElementsByTagName("script");
    for (var i = 0; i < scripts.length; i++) {
      var src = scripts[i].getAttribute("src") || "";
      var at = src.indexOf("assets/search.js");
      if (at >= 0) { return src.slice(0, at); }
    }
    return "";
  })();

  function words(text) {
    return text.toLowerCase().replace(/[^a-z0-9\u00c0-\u024f]+/g, " ").split(" ").filter(function (w) { return w.length > 1; });
  }

  /* Title matches count most, then headings, then body text; every query word must match somewhere. */
  function score(entry, terms) {
    var total = 0;
    var title = entry.t.toLowerCase(), headings = entry.h.join(" ").toLowerCase(), text = entry.x.toLowerCase();
    for (var i = 0; i < terms.length; i++) {
      var term = terms[i], found = 0;
      if (title.indexOf(term) >= 0) { found += 10; }
      if (headings.indexOf(term) >= 0) { found += 4; }
      if (text.indexOf(term) >= 0) { found += 1; }
      if (!found) { return 0; }
      total += found;
    }
    return total;
  }

  function escapeHTML(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function snippet(entry, terms) {
    var text = entry.x, lower = text.toLowerCase(), at = -1;
    for (var i = 0; i < terms.length && at < 0; i++) { at = lower.indexOf(terms[i]); }
    var start = Math.max(0, at - 60);
    if (start > 0) { var space = text.indexOf(" ", start); start = space >= 0 && space < at ? space + 1 : start; }
    var end = Math.min(text.length, start + 180);
    var cut = text.lastIndexOf(" ", end);
    if (end < text.length && cut > start + 100) { end = cut; }
    var piece = (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
    return escapeHTML(piece);
  }

  function search(query) {
    var terms = words(query);
    results.innerHTML = "";
    if (!terms.length) { status.textContent = ""; return; }
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var s = score(index[i], terms);
      if (s > 0) { hits.push({ entry: index[i], score: s }); }
    }
    hits.sort(function (a, b) { return b.score - a.score || (a.entry.t < b.entry.t ? -1 : 1); });
    status.textContent = hits.length === 0 ? "No pages match \u201c" + query + "\u201d." :
      hits.length + (hits.length === 1 ? " page matches" : " pages match") + " \u201c" + query + "\u201d.";
    var groups = [], byModule = {};
    for (var j = 0; j < hits.length; j++) {
      var m = hits[j].entry.m;
      if (!byModule[m]) { byModule[m] = []; groups.push(m); }
      byModule[m].push(hits[j].entry);
    }
    var html = "";
    for (var g = 0; g < groups.length; g++) {
      html += "<section class=\"search-group\"><h2>" + escapeHTML(groups[g]) + "</h2><ul>";
      var entries = byModule[groups[g]];
      for (var k = 0; k < entries.length; k++) {
        var e = entries[k];
        html += "<li><a href=\"" + escapeHTML(root + e.u) + "\">" + escapeHTML(e.t) + "</a> <span class=\"search-kind\">" +
          escapeHTML(e.k) + "</span><p>" + snippet(e, terms) + "</p></li>";
      }
      html += "</ul></section>";
    }
    results.innerHTML = html;
  }

  var params = /[?&]q=([^&]*)/.exec(window.location.search);
  if (params) {
    input.value = decodeURIComponent(params[1].replace(/\+/g, " "));
    search(input.value);
  }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 150);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(input.value);
    var first = results.querySelector("a");
    if (first) { first.focus(); }
  });
})();
