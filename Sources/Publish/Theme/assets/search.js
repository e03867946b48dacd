/* Doorstep offline search. The index is a script file (search-index.js), so this works from file://
   as well as from a web server. Words are split and stemmed as the generator does (SearchWords.swift,
   EnglishStemmer.swift); results are ranked with BM25, favouring titles and headings, and open at the
   section that matched. */
(function () {
  "use strict";

  /* ---- Porter2 (Snowball English), the same rules as EnglishStemmer.swift ---- */
  var EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl", gently: "gentl",
    ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news", howe: "howe",
    atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var AFTER_1A = { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 };
  var STEP2 = [["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["entli", "ent"],
    ["izer", "ize"], ["ization", "ize"], ["ational", "ate"], ["ation", "ate"], ["ator", "ate"], ["alism", "al"],
    ["aliti", "al"], ["alli", "al"], ["fulness", "ful"], ["ousli", "ous"], ["ousness", "ous"], ["iveness", "ive"],
    ["iviti", "ive"], ["biliti", "ble"], ["bli", "ble"], ["ogi", "og"], ["fulli", "ful"], ["lessli", "less"], ["li", ""]];
  var STEP3 = [["tional", "tion"], ["ational", "ate"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
    ["ical", "ic"], ["ful", ""], ["ness", ""], ["ative", ""]];
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
    "iti", "ous", "ive", "ize", "ion"];

  function isVowel(w, i) { return "aeiouy".indexOf(w.charAt(i)) >= 0; }
  function longest(w, suffixes) {
    var best = null;
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (w.length >= s.length && w.slice(w.length - s.length) === s && (best === null || s.length > best.length)) { best = s; }
    }
    return best;
  }
  function hasVowelBefore(w, end) { for (var i = 0; i < end; i++) { if (isVowel(w, i)) { return true; } } return false; }
  function shortSyllable(w, end) {
    if (end === 2) { return isVowel(w, 0) && !isVowel(w, 1); }
    if (end < 3) { return false; }
    var last = w.charAt(end - 1);
    return !isVowel(w, end - 3) && isVowel(w, end - 2) && !isVowel(w, end - 1) && last !== "w" && last !== "x" && last !== "Y";
  }
  function regionStart(w, start) {
    var i = start;
    while (i < w.length && !isVowel(w, i)) { i++; }
    while (i < w.length && isVowel(w, i)) { i++; }
    return Math.min(w.length, i + 1);
  }
  function rule(table, s) { for (var i = 0; i < table.length; i++) { if (table[i][0] === s) { return table[i][1]; } } return ""; }

  function stem(word) {
    if (word.length <= 2 || !/^[a-z']+$/.test(word)) { return word; }
    if (EXCEPTIONS.hasOwnProperty(word)) { return EXCEPTIONS[word]; }
    var w = word.charAt(0) === "'" ? word.slice(1) : word;
    var chars = w.split("");
    for (var i = 0; i < chars.length; i++) {
      if (chars[i] === "y" && (i === 0 || "aeiouy".indexOf(chars[i - 1]) >= 0)) { chars[i] = "Y"; }
    }
    w = chars.join("");
    var r1 = /^(gener|commun|arsen)/.test(w) ? w.match(/^(gener|commun|arsen)/)[1].length : regionStart(w, 0);
    var r2 = regionStart(w, r1);
    var s, n;
    s = longest(w, ["'", "'s", "'s'"]);
    if (s) { w = w.slice(0, w.length - s.length); }
    s = longest(w, ["sses", "ied", "ies", "s", "us", "ss"]);
    if (s === "sses") { w = w.slice(0, -4) + "ss"; }
    else if (s === "ied" || s === "ies") { w = w.slice(0, -3) + (w.length - 3 > 1 ? "i" : "ie"); }
    else if (s === "s" && hasVowelBefore(w, w.length - 2)) { w = w.slice(0, -1); }
    if (AFTER_1A[w]) { return w; }
    s = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (s === "eed" || s === "eedly") {
      if (w.length - s.length >= r1) { w = w.slice(0, w.length - s.length) + "ee"; }
    } else if (s && hasVowelBefore(w, w.length - s.length)) {
      w = w.slice(0, w.length - s.length);
      if (longest(w, ["at", "bl", "iz"])) { w += "e"; }
      else if (longest(w, ["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"])) { w = w.slice(0, -1); }
      else if (r1 >= w.length && shortSyllable(w, w.length)) { w += "e"; }
    }
    var last = w.charAt(w.length - 1);
    if (w.length > 2 && (last === "y" || last === "Y") && !isVowel(w, w.length - 2)) { w = w.slice(0, -1) + "i"; }
    s = longest(w, STEP2.map(function (r) { return r[0]; }));
    if (s && w.length - s.length >= r1) {
      n = s.length;
      var before = w.charAt(w.length - n - 1);
      if (s === "ogi") { if (before === "l") { w = w.slice(0, -n) + "og"; } }
      else if (s === "li") { if (w.length > n && "cdeghkmnrt".indexOf(before) >= 0) { w = w.slice(0, -n); } }
      else { w = w.slice(0, -n) + rule(STEP2, s); }
    }
    s = longest(w, STEP3.map(function (r) { return r[0]; }));
    if (s && w.length - s.length >= r1) {
      if (s === "ative") { if (w.length - 5 >= r2) { w = w.slice(0, -5); } }
      else { w = w.slice(0, -s.length) + rule(STEP3, s); }
    }
    s = longest(w, STEP4);
    if (s && w.length - s.length >= r2) {
      if (s === "ion") { var c = w.charAt(w.length - 4); if (c === "s" || c === "t") { w = w.slice(0, -3); } }
      else { w = w.slice(0, -s.length); }
    }
    last = w.charAt(w.length - 1);
    if (last === "e") {
      if (w.length - 1 >= r2 || (w.length - 1 >= r1 && !shortSyllable(w, w.length - 1))) { w = w.slice(0, -1); }
    } else if (last === "l") {
      if (w.length - 1 >= r2 && w.charAt(w.length - 2) === "l") { w = w.slice(0, -1); }
    }
    return w.replace(/Y/g, "y");
  }

  /* ---- Words, as SearchWords.swift splits them ---- */
  var TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['\u2019\-\u2010\u2011][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu;
  function fold(text) { return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(); }
  function forms(token) {
    var folded = fold(token).replace(/(['\u2019]s|['\u2019])$/, "").replace(/['\u2019]/g, "");
    var parts = folded.split(/[\-\u2010\u2011]/), joined = parts.join(""), out = [];
    if (joined.length > 1) { out.push(joined); }
    if (parts.length > 1) { for (var i = 0; i < parts.length; i++) { if (parts[i].length > 1) { out.push(parts[i]); } } }
    return out;
  }
  function words(text) {
    var out = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) { out.push.apply(out, forms(m[0])); }
    return out;
  }

  /* Words so common that a query need not contain them on the page. */
  var STOP = {};
  ("a an and are as at be but by can do does for from get has have how i if in into is it its me my no not of on or " +
   "our so that the their them then there they this to up us was we were what when where which who why will with " +
   "you your").split(" ").forEach(function (w) { STOP[w] = 1; });

  /* UK and US spellings: a word people type is also looked for in these other spellings. */
  var VARIANTS = [["iz", "is"], ["yz", "ys"], ["or", "our"], ["er", "re"], ["og", "ogue"], ["ense", "ence"], ["am", "amme"],
    ["eling", "elling"], ["eled", "elled"], ["eler", "eller"]];

  /* ---- The index, built once from the generator's text ---- */
  var built = null;
  function build(data) {
    var stemOf = {};
    Object.keys(data.stems).forEach(function (s) {
      data.stems[s].split(" ").forEach(function (w) { stemOf[w] = s; });
    });
    function stemmed(w) { return stemOf.hasOwnProperty(w) ? stemOf[w] : stem(w); }
    var vocabulary = {}, byStem = {}, df = {};
    function count(text, into) {
      var ws = words(text), n = 0;
      for (var i = 0; i < ws.length; i++) {
        var w = ws[i], s = stemmed(w);
        if (!vocabulary.hasOwnProperty(w)) { vocabulary[w] = s; (byStem[s] = byStem[s] || []).push(w); }
        into[s] = (into[s] || 0) + 1;
        n++;
      }
      return n;
    }
    var documents = data.documents.map(function (d) {
      var title = {};
      count(d[0], title);
      return { title: d[0], module: d[1], url: d[2], kind: d[3], titleStems: title, sections: [] };
    });
    var totalLength = 0;
    var sections = data.sections.map(function (s) {
      var heading = {}, body = {};
      count(s[2], heading);
      var length = count(s[3], body);
      totalLength += length;
      Object.keys(body).concat(Object.keys(heading)).forEach(function (k, i, all) {
        if (all.indexOf(k) === i) { df[k] = (df[k] || 0) + 1; }
      });
      var section = { document: documents[s[0]], anchor: s[1], heading: s[2], text: s[3], headingStems: heading, body: body, length: length };
      section.document.sections.push(section);
      return section;
    });
    return { documents: documents, sections: sections, vocabulary: vocabulary, byStem: byStem, df: df,
      averageLength: totalLength / Math.max(1, sections.length), stemmed: stemmed };
  }

  /* One edit (insert, delete, change or swap of neighbours) between a and b. */
  function withinOneEdit(a, b) {
    if (a === b) { return true; }
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) { return false; }
    var i = 0;
    while (i < la && i < lb && a.charAt(i) === b.charAt(i)) { i++; }
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) { return true; }
      return a.charAt(i) === b.charAt(i + 1) && a.charAt(i + 1) === b.charAt(i) && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* What one typed word can match: stems, each with a weight (1 exact, less for a prefix or a typo). */
  function expand(index, word, isLast) {
    var found = {}, any = false;
    function add(s, weight) { if (!found[s] || found[s] < weight) { found[s] = weight; any = true; } }
    var s = index.stemmed(word);
    if (index.byStem[s]) { add(s, 1); }
    if (index.vocabulary.hasOwnProperty(word)) { add(index.vocabulary[word], 1); }
    VARIANTS.forEach(function (pair) {
      [[pair[0], pair[1]], [pair[1], pair[0]]].forEach(function (p) {
        var at = word.indexOf(p[0]);
        while (at >= 0) {
          var variant = word.slice(0, at) + p[1] + word.slice(at + p[0].length);
          if (index.vocabulary.hasOwnProperty(variant)) { add(index.vocabulary[variant], 1); }
          at = word.indexOf(p[0], at + 1);
        }
      });
    });
    var vocab = Object.keys(index.vocabulary);
    if (word.length >= 3 && !STOP[word] && (isLast || !any)) {
      for (var i = 0; i < vocab.length; i++) {
        if (vocab[i].length > word.length && vocab[i].lastIndexOf(word, 0) === 0) { add(index.vocabulary[vocab[i]], isLast ? 0.8 : 0.6); }
      }
    }
    if (!any && word.length >= 5) {
      for (var j = 0; j < vocab.length; j++) {
        var v = vocab[j];
        if (v.length >= 4 && Math.abs(v.length - word.length) <= 1 && withinOneEdit(word, v)) { add(index.vocabulary[v], 0.7); }
      }
    }
    return found;
  }

  var K1 = 1.2, B = 0.75, HEADING = 2.5, TITLE = 4;

  function query(index, text) {
    var typed = [];
    var tokens = text.match(TOKEN) || [];
    for (var t = 0; t < tokens.length; t++) {
      var f = forms(tokens[t]);
      if (f.length) { typed.push(f[0]); }
    }
    var endsInSpace = /\s$/.test(text);
    var terms = [];
    for (var i = 0; i < typed.length; i++) {
      var isLast = i === typed.length - 1 && !endsInSpace;
      var stems = expand(index, typed[i], isLast);
      if (!Object.keys(stems).length && typed[i].length > 1) {
        // "door-step" typed where the text only has "door step": look for the parts.
        var parts = forms(tokens[i]).slice(1);
        for (var p = 0; p < parts.length; p++) { terms.push({ word: parts[p], stems: expand(index, parts[p], false), required: !STOP[parts[p]] }); }
        if (parts.length) { continue; }
      }
      terms.push({ word: typed[i], stems: stems, required: !STOP[typed[i]] || typed.length === 1 });
    }
    if (!terms.length) { return { terms: [], hits: [] }; }
    var N = index.sections.length;
    function idf(s) { var d = index.df[s] || 0; return Math.log(1 + (N - d + 0.5) / (d + 0.5)); }
    function termScore(section, term) {
      var best = 0;
      for (var s in term.stems) {
        var weight = term.stems[s], i = idf(s), score = 0;
        var tf = section.body[s] || 0;
        if (tf) { score += i * tf * (K1 + 1) / (tf + K1 * (1 - B + B * section.length / index.averageLength)); }
        if (section.headingStems[s]) { score += i * HEADING; }
        if (section.document.titleStems[s]) { score += i * TITLE; }
        best = Math.max(best, score * weight);
      }
      return best;
    }
    var hits = [];
    index.documents.forEach(function (doc) {
      var bestSection = null, bestScore = 0, seen = terms.map(function () { return false; });
      doc.sections.forEach(function (section) {
        var total = 0;
        terms.forEach(function (term, k) {
          var score = termScore(section, term);
          if (score > 0) { seen[k] = true; }
          total += score;
        });
        if (total > bestScore) { bestScore = total; bestSection = section; }
      });
      var allFound = terms.every(function (term, k) { return seen[k] || !term.required; });
      if (bestSection && allFound) { hits.push({ document: doc, section: bestSection, score: bestScore }); }
    });
    hits.sort(function (a, b) { return b.score - a.score || (a.document.title < b.document.title ? -1 : 1); });
    return { terms: terms, hits: hits };
  }

  function escapeHTML(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function matches(index, token, terms) {
    var f = forms(token);
    for (var i = 0; i < f.length; i++) {
      var s = index.stemmed(f[i]);
      for (var t = 0; t < terms.length; t++) { if (terms[t].stems[s]) { return true; } }
    }
    return false;
  }

  /* The part of the text around the first match, with every matching word marked. */
  function snippet(index, text, terms, limit) {
    var spans = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text)) !== null) {
      if (matches(index, m[0], terms)) { spans.push([m.index, m.index + m[0].length]); }
    }
    var start = 0;
    if (spans.length && spans[0][0] > 60) {
      start = text.indexOf(" ", spans[0][0] - 60) + 1;
      if (start <= 0 || start > spans[0][0]) { start = spans[0][0]; }
    }
    var end = Math.min(text.length, start + limit);
    if (end < text.length) { var cut = text.lastIndexOf(" ", end); if (cut > start + limit / 2) { end = cut; } }
    var html = start > 0 ? "\u2026 " : "", at = start;
    for (var i = 0; i < spans.length; i++) {
      var a = spans[i][0], b = spans[i][1];
      if (a < start || b > end) { continue; }
      html += escapeHTML(text.slice(at, a)) + "<mark>" + escapeHTML(text.slice(a, b)) + "</mark>";
      at = b;
    }
    html += escapeHTML(text.slice(at, end)) + (end < text.length ? " \u2026" : "");
    return html;
  }

  function highlight(index, text, terms) { return snippet(index, text, terms, text.length + 1); }

  window.DoorstepSearch = {
    stem: stem,
    words: words,
    /* The pages a query finds, best first: [{url, title, heading}]; for tests and for the results list. */
    search: function (text) {
      if (!built) { built = build(window.DOORSTEP_SEARCH_INDEX); }
      return query(built, text).hits.map(function (h) {
        return { url: h.document.url + (h.section.anchor ? "#" + h.section.anchor : ""), page: h.document.url,
          title: h.document.title, heading: h.section.heading, score: h.score };
      });
    }
  };

  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !results || !window.DOORSTEP_SEARCH_INDEX) { return; }

  var root = (function () {
    var scripts = document.getElementsByTagName("script");
    for (var i = 0; i < scripts.length; i++) {
      var src = scripts[i].getAttribute("src") || "";
      var at = src.indexOf("assets/search.js");
      if (at >= 0) { return src.slice(0, at); }
    }
    return "";
  })();

  var SHOWN = 30;
  function show(text) {
    if (!built) { built = build(window.DOORSTEP_SEARCH_INDEX); }
    var found = query(built, text);
    results.innerHTML = "";
    if (!found.terms.length) { status.textContent = ""; return; }
    var hits = found.hits;
    status.textContent = hits.length === 0 ? "No pages match \u201c" + text.trim() + "\u201d. Try fewer or shorter words." :
      hits.length + (hits.length === 1 ? " page matches" : " pages match") + " \u201c" + text.trim() + "\u201d" +
      (hits.length > SHOWN ? "; the best " + SHOWN + " are shown." : ".");
    var html = "";
    for (var i = 0; i < hits.length && i < SHOWN; i++) {
      var h = hits[i], s = h.section, href = root + h.document.url + (s.anchor ? "#" + s.anchor : "");
      html += "<li><a href=\"" + escapeHTML(href) + "\">" + highlight(built, h.document.title, found.terms) + "</a>" +
        (s.heading ? " <span class=\"search-heading\">\u203a " + highlight(built, s.heading, found.terms) + "</span>" : "") +
        "<p class=\"search-where\">" + escapeHTML(h.document.module) + " \u00b7 " + escapeHTML(h.document.kind) + "</p>" +
        "<p class=\"search-snippet\">" + snippet(built, s.text, found.terms, 200) + "</p></li>";
    }
    results.innerHTML = html;
  }

  var params = /[?&]q=([^&#]*)/.exec(window.location.search);
  if (params) {
    try { input.value = decodeURIComponent(params[1].replace(/\+/g, " ")); } catch (e) { input.value = ""; }
    show(input.value);
  }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { show(input.value); }, 150);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    var first = results.querySelector("a");
    if (first) { first.focus(); }
  });
})();
