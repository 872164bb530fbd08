/*
 * Search engine of the knowledge base, in place of Material's lunr worker.
 *
 * Why not lunr: with `lang: ja` it only finds whole tokens of its segmenter, so unspaced
 * phrases (個人情報の取扱い, 対等な立場) are missed (squidfunk/mkdocs-material#3112);
 * the measurements are in docs/maintainers/search.md. This engine matches substrings of
 * text folded for width, case and kana (ＮＰＯ = NPO, ｶﾀｶﾅ = カタカナ = かたかな), falls back
 * to character bigrams for phrases written a little differently (取扱い / 取り扱い), reads
 * citations (第9条, 9条1項, 第九条) as provisions, and item ids (KK-01) as items.
 *
 * It speaks Material's worker protocol (SETUP 0, READY 1, QUERY 2, RESULT 3), so Material
 * keeps doing the search UI: as-you-type results, keyboard navigation, highlighting on the
 * target page. Runs as a Web Worker (hooks/search_index.py points Material at this file)
 * or, where workers cannot start (file://), in the page through search_page.js.
 *
 * Sections (search for the numbered banners): 1 settings, 2 folding, 3 reading the index,
 * 4 building the engine, 5 candidates, 6 parsing the query, 7 scoring, 8 ranking,
 * 9 highlighting and snippets, 10 results, 11 worker protocol.
 */
(function (scope) {
  "use strict";

  /* ======================================================================
   * 1. Settings: protocol codes, limits, patterns, kinds of record
   * ====================================================================== */

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var MAX_RESULTS = 50;
  var BLOCK_BITS = 6;
  var GRAM_CACHE_RECORDS = 4000000;  // record numbers kept for bigrams: at most 16 MB
  var SNIPPET_BEFORE = 30, SNIPPET_LENGTH = 120, SNIPPET_SCAN = 2000, SNIPPET_OVERLAP = 100;
  var KANJI_DIGITS = { "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9 };
  var KANJI_UNITS = { "十": 10, "百": 100, "千": 1000 };
  var KANJI_NUMBER = "[〇零一二三四五六七八九十百千]+";
  var KANJI_BEFORE_UNIT = new RegExp("(" + KANJI_NUMBER + ")(?=[条項号])", "g");
  var KANJI_BRANCH = new RegExp("条の(" + KANJI_NUMBER + ")", "g");
  var CITATION = /^(.*?)(\d+)条(?:の(\d+))?(?:(\d+)項)?(?:(\d+)号)?$/;
  var TERM_SEPARATOR = /[\s、。，．,・/「」『』（）()]+/;
  var SCRIPT_RUNS = /[\u30a0-\u30ff]+|[\u3400-\u9fff]+|[\u3041-\u309f]+|[a-z0-9]+/gi;
  var KIND_LABELS = { caution: "留意事項", provision: "条例の規定", section: "ページ", page: "ページ" };
  var KIND_PRIOR = { caution: 3, provision: 2, section: 1, page: 1 };
  // Pages for editors and maintainers (編集ガイド, タグ一覧, flow diagrams, search and bench notes):
  // staff search for cautions and provisions, so these come after every staff page that matches
  // (their scores scaled far down keep their order among themselves).
  var EDITORS_PAGES = /^(?:editing|tags|maintainers|flows)\//;
  var EDITORS_WEIGHT = 0.001;

  /* ======================================================================
   * 2. Folding: width, case, kana, dashes; citations in canonical form (第九条 -> 9条)
   * ====================================================================== */

  /* One character (or a short string) folded: NFKC, lower case, katakana to hiragana, dashes. */
  function fold(text) {
    return foldUncached(text);
  }

  // Highlighting folds result text one character at a time; a query's 50 results repeat the
  // same few hundred characters, so each is folded once.
  var FOLDED_CHARACTERS = new Map();

  function foldCharacter(text) {
    var folded = FOLDED_CHARACTERS.get(text);
    if (folded === undefined) {
      folded = foldUncached(text);
      if (FOLDED_CHARACTERS.size < 65536) FOLDED_CHARACTERS.set(text, folded);
    }
    return folded;
  }

  function foldUncached(text) {
    return text.normalize("NFKC").toLowerCase()
      .replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); })
      .replace(/\u3096/g, "け").replace(/\u3095/g, "か")  // 茅ヶ崎 = 茅ケ崎
      .replace(/[\u2010-\u2015\u2212]/g, "-");
  }

  function kanjiNumber(text) {
    var total = 0, digits = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text[i];
      if (c in KANJI_DIGITS) digits = digits * 10 + KANJI_DIGITS[c];
      else { total += (digits || 1) * KANJI_UNITS[c]; digits = 0; }
    }
    return String(total + digits);
  }

  /* Folded text with citations in one canonical form: 第九条第一項 -> 9条1項. */
  function normalize(text) {
    return fold(text)
      .replace(KANJI_BRANCH, function (m, n) { return "条の" + kanjiNumber(n); })
      .replace(KANJI_BEFORE_UNIT, function (m, n) { return kanjiNumber(n); })
      .replace(/第(?=\d)/g, "")
      .replace(/\s+/g, " ").trim();
  }

  /* Folded text with, for each of its characters, the index of the source character. */
  function foldWithMap(text) {
    var out = "", map = [];
    for (var i = 0; i < text.length; i++) {
      var code = text.charCodeAt(i), length = 1;
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) length = 2;
      var next = text.charCodeAt(i + length);
      if (next === 0xff9e || next === 0xff9f) length += 1;  // ｶﾞ: half-width sound marks join the kana
      var folded = foldCharacter(text.substr(i, length));
      for (var j = 0; j < folded.length; j++) map.push(i);
      out += folded;
      i += length - 1;
    }
    map.push(text.length);
    return { text: out, map: map };
  }

  /* ======================================================================
   * 3. Reading the index: records as plain text, term counts, bigrams, citations
   * ====================================================================== */

  // The index stores text HTML-escaped (as MkDocs' own index does), so that no reader that
  // inserts it as HTML can run markup from a data file; the engine works on the plain text.
  function unescapeHtml(text) {
    return String(text).replace(/&(lt|gt|quot|#39|#x27|amp);/g, function (all, name) {
      return { lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", amp: "&" }[name];
    });
  }

  function plainDoc(doc) {
    var plain = {};
    for (var key in doc) plain[key] = doc[key];
    ["title", "text", "context"].forEach(function (key) { if (typeof doc[key] === "string") plain[key] = unescapeHtml(doc[key]); });
    if (doc.kb_tags) plain.kb_tags = doc.kb_tags.map(unescapeHtml);
    return plain;
  }

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  /* Occurrences of `term` in `text`; a term that starts with a digit must not continue a number (9条 is not 19条). */
  function countIn(text, term) {
    var count = 0, from = 0, digitStart = term.charCodeAt(0) >= 48 && term.charCodeAt(0) <= 57;
    for (;;) {
      var at = text.indexOf(term, from);
      if (at < 0) return count;
      if (!(digitStart && at > 0 && /[0-9]/.test(text[at - 1]))) count++;
      if (count >= 5) return count;
      from = at + 1;
    }
  }

  function bigrams(term) {
    var seen = {}, list = [];
    for (var i = 0; i + 1 < term.length; i++) {
      var gram = term.substr(i, 2);
      if (gram.indexOf(" ") < 0 && !seen[gram]) { seen[gram] = true; list.push(gram); }
    }
    return list;
  }

  function coverage(text, grams) {
    var found = 0;
    for (var i = 0; i < grams.length; i++) if (text.indexOf(grams[i]) >= 0) found++;
    return found / grams.length;
  }

  function parseCite(key) {
    var parts = key.split("|");
    return { ordinance: parts[0], article: parts[1], paragraph: parts[2] || null, item: parts[3] || null,
             depth: parts.length - 2 };
  }

  /* ======================================================================
   * 4. Building the engine: every record in one folded corpus string
   * ====================================================================== */

  function Engine(config, docs, options) {
    this.options = options || {};
    var kb = (config && config.kb) || {};
    this.names = [];
    var ordinances = kb.ordinances || {};
    for (var id in ordinances) {
      for (var i = 0; i < ordinances[id].length; i++) this.names.push({ id: id, name: normalize(ordinances[id][i]) });
    }
    docs = docs.map(plainDoc);
    this.docs = docs;
    this.index = docs.map(function (doc) {
      var tags = (doc.kb_tags || []).map(normalize);
      var entry = {
        id: doc.id ? fold(doc.id) : "",
        title: normalize(doc.title || ""),
        tags: tags,
        context: normalize(doc.context || ""),
        text: normalize(doc.text || ""),
        cites: (doc.cites || []).map(parseCite),
        prior: KIND_PRIOR[doc.kind] || 0,
        weight: EDITORS_PAGES.test(doc.location || "") ? EDITORS_WEIGHT : 1
      };
      entry.all = entry.title + " " + tags.join(" ") + " " + entry.text;
      return entry;
    });
    var total = 0, parts = [], offsets = new Int32Array(this.index.length + 1), position = 0, cited = {};
    this.index.forEach(function (entry, d) {
      total += entry.text.length;
      var part = entry.id + "\u0001" + entry.context + "\u0001" + entry.all;
      offsets[d] = position;
      entry.textStart = position + part.length - entry.text.length;
      parts.push(part);
      position += part.length + 1;
      entry.cites.forEach(function (cite) { (cited[cite.article] = cited[cite.article] || []).push(d); });
    });
    offsets[this.index.length] = position;
    // The record at the start of every 64-character block of the corpus: finding the record
    // of a match is then a step or two forward instead of a binary search per match.
    var blocks = new Int32Array((position >> BLOCK_BITS) + 2);
    for (var d = 0, b = 0; b < blocks.length; b++) {
      while (d < this.index.length - 1 && offsets[d + 1] <= (b << BLOCK_BITS)) d++;
      blocks[b] = d;
    }
    this.blocks = blocks;
    this.gramCache = new Map();
    this.gramCacheSize = 0;
    this.averageLength = Math.max(1, total / Math.max(1, this.index.length));
    // Every record in one string: the browser's native indexOf finds the candidates of a term far
    // faster than a loop over 20,000 records (see docs/maintainers/search.md for the numbers).
    this.corpus = parts.join("\u0002");
    this.offsets = offsets;
    this.cited = cited;
  }

  /* ======================================================================
   * 5. Candidates: the records that may match each term
   * ====================================================================== */

  /*
   * Record numbers in the order added, with constant-time membership. A common term matches
   * most of 20,000 records; a typed array instead of a Set keeps that from costing garbage
   * collection on every keystroke.
   */
  function RecordSet(capacity) {
    this.marks = new Uint8Array(capacity);
    this.list = [];
  }

  // How a record was found: the term itself (first at a known corpus position), only what it
  // cites, only the term's near pattern (position known), or only most of its bigrams.
  var BY_TERM = 1, BY_CITATION = 2, BY_NEAR = 3, BY_BIGRAMS = 4;

  RecordSet.prototype.add = function (d, how) {
    if (!this.marks[d]) { this.marks[d] = how; this.list.push(d); }
  };

  RecordSet.prototype.addAt = function (d, how, at) {
    if (this.marks[d]) return;
    this.add(d, how);
    (this.firstAt = this.firstAt || new Int32Array(this.marks.length))[d] = at;
  };

  RecordSet.prototype.has = function (d) { return this.marks[d] !== 0; };

  /* Added because its text matched (not only because it cites the provision asked for). */
  RecordSet.prototype.byText = function (d) { return this.marks[d] !== BY_CITATION; };

  /* The record that holds a position of the corpus. */
  Engine.prototype.recordAt = function (position) {
    var offsets = this.offsets, last = offsets.length - 2, d = this.blocks[position >> BLOCK_BITS];
    while (d < last && offsets[d + 1] <= position) d++;
    return d;
  };

  /* Records that may match the term: it occurs, its near pattern occurs, most of its bigrams occur, or they cite it. */
  Engine.prototype.candidates = function (term) {
    var corpus = this.corpus, offsets = this.offsets, found = new RecordSet(this.index.length), d, at;
    for (at = corpus.indexOf(term.text); at >= 0; at = corpus.indexOf(term.text, offsets[d + 1])) {
      d = this.recordAt(at);
      found.addAt(d, BY_TERM, at);  // then on to the next record: a term as short as の must not cost one step per occurrence
    }
    if (term.near) {
      var pattern = new RegExp(term.near.source, "g"), match;
      while ((match = pattern.exec(corpus))) {
        d = this.recordAt(match.index);
        found.addAt(d, BY_NEAR, match.index);
        pattern.lastIndex = offsets[d + 1];
      }
    }
    // Resemblance only helps when the term itself is rare; among many exact matches it only adds noise.
    if (term.grams && term.grams.length >= 2 && found.list.length < MAX_RESULTS) {
      var counts = new Uint16Array(this.index.length), needed = Math.ceil(0.6 * term.grams.length - 1e-9);
      for (var g = 0; g < term.grams.length; g++) {
        var records = this.gramRecords(term.grams[g]);
        for (var r = 0; r < records.length; r++) {
          if (++counts[records[r]] === needed) found.add(records[r], BY_BIGRAMS);
        }
      }
    }
    if (term.cite) (this.cited[term.cite.article] || []).forEach(function (record) { found.add(record, BY_CITATION); });
    return found;
  };

  /*
   * The records that hold a bigram, in order. Kept for later queries: typing a phrase asks for
   * the same bigrams keystroke after keystroke, and a common one (事業) is in most records.
   */
  Engine.prototype.gramRecords = function (gram) {
    var cached = this.gramCache.get(gram);
    if (cached) return cached;
    var corpus = this.corpus, offsets = this.offsets, list = [], d = 0;
    for (var at = corpus.indexOf(gram); at >= 0; at = corpus.indexOf(gram, offsets[d + 1])) {
      d = this.recordAt(at);
      list.push(d);
    }
    var records = Int32Array.from(list);
    if (this.gramCacheSize + records.length > GRAM_CACHE_RECORDS) {
      this.gramCache.clear();
      this.gramCacheSize = 0;
    }
    this.gramCache.set(gram, records);
    this.gramCacheSize += records.length;
    return records;
  };

  /* ======================================================================
   * 6. Parsing the query: terms, citations, near patterns
   * ====================================================================== */

  /* The query as terms: text terms, or citations with the ordinances their name part allows. */
  Engine.prototype.parse = function (query) {
    var self = this, seen = {}, terms = [];
    query.normalize("NFKC").split(TERM_SEPARATOR).forEach(function (word) {
      var text = word && normalize(word);
      // Matched terms are kept as bits of one integer; a longer query is not a search any more.
      if (!text || seen[text] || terms.length >= 30) return;
      seen[text] = true;
      var cite = self.citation(text);
      // A citation is exact or nothing: 第19条 must not find 第9条 by resemblance.
      terms.push({ text: text, typed: word, cite: cite, digitStart: /^[0-9]/.test(text),
                   grams: !cite && text.length >= 3 && /[^\x00-\x7f]/.test(text) ? bigrams(text) : null,
                   near: cite ? null : nearPattern(word) });
    });
    return terms;
  };

  Engine.prototype.citation = function (text) {
    var match = CITATION.exec(text);
    if (!match) return null;
    var ordinances = null;
    if (match[1]) {
      var prefix = match[1], any = false;
      ordinances = {};
      this.names.forEach(function (entry) {
        if (entry.name.length >= prefix.length && entry.name.slice(-prefix.length) === prefix) {
          ordinances[entry.id] = true;
          any = true;
        }
      });
      if (!any) return null;  // 「令和3年度第2回」 is not a citation of an ordinance
    }
    return { ordinances: ordinances, article: match[2] + (match[3] ? "の" + match[3] : ""),
             paragraph: match[4] || null, item: match[5] || null,
             depth: (match[4] ? 1 : 0) + (match[5] ? 1 : 0) };
  };

  /*
   * Okurigana and particles vary where the words do not: 打ち合わせ / 打合せ, 対等な立場 / 対等の立場.
   * The runs of the typed word that are not hiragana must appear in order, at most three hiragana apart.
   */
  function nearPattern(word) {
    var chunks = word.toLowerCase().split(/[\u3041-\u3096]+/).filter(Boolean);
    if (chunks.length < 2 || chunks.join("").length < 2) return null;
    var escaped = chunks.map(function (chunk) { return fold(chunk).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    return new RegExp(escaped.join("[\u3041-\u3096]{0,3}"));
  }

  /* ======================================================================
   * 7. Scoring one record for one term
   * ====================================================================== */

  function citeScore(entry, doc, cite) {
    var best = 0;
    for (var i = 0; i < entry.cites.length; i++) {
      var c = entry.cites[i];
      if (cite.ordinances && !cite.ordinances[c.ordinance]) continue;
      if (c.article !== cite.article) continue;
      if (cite.paragraph && c.paragraph !== cite.paragraph) continue;
      if (cite.item && c.item !== cite.item) continue;
      var extra = Math.max(0, c.depth - cite.depth);
      var score = doc.kind === "provision" ? (extra === 0 ? 80 : 20 - extra) : 50 - 4 * extra;
      if (score > best) best = score;
    }
    return best;
  }

  /* Where the term occurs in one field: how often, and where first (the near pattern counts once). */
  function occurrences(text, term) {
    var count = countIn(text, term.text);
    if (count) return { count: count, first: text.indexOf(term.text), exact: true };
    var near = term.near && term.near.exec(text);
    return near ? { count: 1, first: near.index, exact: false } : null;
  }

  function bodyScore(entry, found, averageLength) {
    // BM25's saturation and length normalisation (k1 = 1.2, b = 0.75): a mention in a short provision weighs more.
    var tf = found.count * 2.2 / (found.count + 1.2 * (0.25 + 0.75 * entry.text.length / averageLength));
    return (found.exact ? 8 : 6) * tf + (found.first < 40 ? 4 : 0);
  }

  /*
   * textScore, when the corpus scan already showed that the first match in the record is in its
   * body: id, context, title and tags (which come before the body) then add nothing. A common
   * term matches most of 20,000 records, and this saves most of the string searches on each.
   * 0 when that is not known (textScore decides). A term that starts with a digit is left to
   * textScore, which must not count 9条 inside 19条.
   */
  function bodyOnlyScore(set, d, entry, term, averageLength) {
    var how = set.marks[d];
    if (how !== BY_NEAR && (how !== BY_TERM || term.digitStart)) return 0;
    var first = set.firstAt[d] - entry.textStart;
    if (first < 0) return 0;
    var count = how === BY_NEAR ? 1 : countIn(entry.text, term.text);
    return bodyScore(entry, { count: count, first: first, exact: how === BY_TERM }, averageLength);
  }

  function textScore(entry, term, averageLength) {
    var t = term.text, score = 0, found;
    if (entry.id) {
      if (entry.id === t) score += 100;
      else if (t.length >= 2 && entry.id.indexOf(t) === 0) score += 40;
    }
    if ((found = occurrences(entry.title, term))) {
      // A heading that is mostly the term (用語集の「個人情報」) is about it; a long question only mentions it.
      score += (found.exact ? 20 : 16) + 10 * Math.min(1, t.length / entry.title.length);
    }
    for (var i = 0; i < entry.tags.length; i++) {
      if (entry.tags[i] === t) { score += 25; break; }
      if (entry.tags[i].indexOf(t) >= 0) { score += 12; break; }
    }
    if (countIn(entry.context, t)) score += 4;
    if ((found = occurrences(entry.text, term))) score += bodyScore(entry, found, averageLength);
    if (score === 0 && term.grams && term.grams.length >= 2) {
      // Written a little differently (取扱い / 取り扱い): most of the term's bigrams are there.
      var inTitle = coverage(entry.title, term.grams);
      var inAll = inTitle >= 0.6 ? inTitle : coverage(entry.all, term.grams);
      if (inTitle >= 0.6) score = 15 * inTitle * inTitle;
      else if (inAll >= 0.6) score = 8 * inAll * inAll;
    }
    return score;
  }

  /* ======================================================================
   * 8. Ranking: the search itself and the first 50 in order
   * ====================================================================== */

  /*
   * A phrase that occurs nowhere as typed (委託と協働の違い) is searched again by its parts: the runs
   * between its hiragana (委託, 協働), each at least two characters, instead of answering with
   * resemblances or 「見つかりませんでした」.
   */
  Engine.prototype.search = function (query) {
    var first = this.searchOnce(query || ""), missing = first.missing;
    delete first.missing;
    if (!missing || !missing.length) return first;
    var changed = false;
    var words = (query || "").normalize("NFKC").split(TERM_SEPARATOR).map(function (word) {
      if (missing.indexOf(word) < 0) return word;
      var parts = word.split(/[\u3041-\u3096]+/).filter(function (part) { return part.length >= 2; });
      if (parts.length < 2) return word;
      changed = true;
      return parts.join(" ");
    });
    if (!changed) return first;
    var again = this.searchOnce(words.join(" "));
    delete again.missing;
    return again.items.length ? again : first;
  };

  Engine.prototype.searchOnce = function (query) {
    var terms = this.parse(query || "");
    if (!terms.length) return { items: [] };
    var self = this, sets = terms.map(function (term) { return self.candidates(term); });
    // Terms found nowhere as typed (only by resemblance of bigrams): the caller may split them.
    var missing = terms.filter(function (term, k) {
      var set = sets[k];
      for (var i = 0; i < set.list.length; i++) if (set.marks[set.list[i]] !== BY_BIGRAMS) return false;
      return true;
    }).map(function (term) { return term.typed; });
    var records = sets[0];
    if (sets.length > 1) {
      records = new RecordSet(this.index.length);
      sets.forEach(function (set) { set.list.forEach(function (d) { records.add(d, BY_TERM); }); });
    }
    // Scores and matched terms (a bit per term) in typed arrays: no object per candidate.
    var list = records.list, count = list.length, scores = new Float64Array(count), matchedTerms = new Int32Array(count);
    var all = terms.length >= 31 ? -1 : (1 << terms.length) - 1, anyComplete = false;
    for (var r = 0; r < count; r++) {
      var d = list[r], entry = this.index[d], doc = this.docs[d], total = 0, mask = 0;
      for (var k = 0; k < terms.length; k++) {
        if (!sets[k].has(d)) continue;
        var term = terms[k];
        var score = term.cite ? citeScore(entry, doc, term.cite) : 0;
        // A record found only through what it cites has no text score: it does not contain the term.
        if (!score && sets[k].byText(d)) {
          score = (bodyOnlyScore(sets[k], d, entry, term, this.averageLength) ||
                   textScore(entry, term, this.averageLength)) * (term.cite ? 0.5 : 1);
        }
        if (score > 0) { total += score; mask |= 1 << k; }
      }
      if (!mask) continue;
      scores[r] = (total + entry.prior) * entry.weight;
      matchedTerms[r] = mask;
      if (mask === all) anyComplete = true;
    }
    // Only when no record has every term do records with some of them count (their missing terms are shown struck out).
    var results = [];
    for (r = 0; r < count; r++) {
      if (matchedTerms[r] && (!anyComplete || matchedTerms[r] === all)) results.push(r);
    }
    var before = function (a, b) { return scores[b] - scores[a] || list[a] - list[b]; };
    return {
      items: firstInOrder(results, MAX_RESULTS, before).map(function (r) {
        var hits = terms.map(function (term, k) { return (matchedTerms[r] & (1 << k)) !== 0; });
        return [self.render({ index: list[r], score: scores[r], hits: hits }, terms, query)];
      }),
      total: results.length,
      missing: missing
    };
  };

  /*
   * The first `count` of `values` in the order of `before`, as sorting all of them would give.
   * A common term has 20,000 results but only the first 50 are shown: a bounded heap keeps
   * the best ones without sorting the rest.
   */
  function firstInOrder(values, count, before) {
    if (values.length <= count * 4) return values.sort(before).slice(0, count);
    var heap = [];  // the worst kept value on top
    var better = function (i, j) { return before(heap[i], heap[j]) < 0; };
    var swap = function (i, j) { var t = heap[i]; heap[i] = heap[j]; heap[j] = t; };
    var down = function (i) {
      for (;;) {
        var l = 2 * i + 1, r = l + 1, top = i;
        if (l < heap.length && better(top, l)) top = l;
        if (r < heap.length && better(top, r)) top = r;
        if (top === i) return;
        swap(i, top);
        i = top;
      }
    };
    for (var n = 0; n < values.length; n++) {
      var value = values[n];
      if (heap.length < count) {
        heap.push(value);
        for (var i = heap.length - 1; i > 0 && better((i - 1) >> 1, i); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
      } else if (before(value, heap[0]) < 0) {
        heap[0] = value;
        down(0);
      }
    }
    return heap.sort(before);
  }

  /* ======================================================================
   * 9. Highlighting and snippets
   * ====================================================================== */

  function highlight(text, terms) {
    var folded = foldWithMap(text), ranges = [];
    terms.forEach(function (term) {
      if (!term) return;
      if (term instanceof RegExp) {
        var pattern = new RegExp(term.source, "g"), match;
        while ((match = pattern.exec(folded.text)) && match[0]) {
          ranges.push([folded.map[match.index], folded.map[match.index + match[0].length]]);
        }
        return;
      }
      for (var at = folded.text.indexOf(term); at >= 0; at = folded.text.indexOf(term, at + term.length)) {
        ranges.push([folded.map[at], folded.map[at + term.length]]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    ranges.forEach(function (range) {
      var top = merged[merged.length - 1];
      if (top && range[0] <= top[1]) top[1] = Math.max(top[1], range[1]);
      else merged.push(range.slice());
    });
    var html = "", last = 0;
    merged.forEach(function (range) {
      html += escapeHtml(text.slice(last, range[0])) + "<mark data-md-highlight>" +
        escapeHtml(text.slice(range[0], range[1])) + "</mark>";
      last = range[1];
    });
    return html + escapeHtml(text.slice(last));
  }

  function firstMark(folded, terms) {
    var first = -1;
    terms.forEach(function (term) {
      var at = !term ? -1 : term instanceof RegExp ? folded.search(term) : folded.indexOf(term);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    return first;
  }

  function snippet(text, terms) {
    // A long page (the tag index lists every tagged caution) costs milliseconds to fold whole:
    // fold it a piece at a time, overlapping so that a mark across two pieces is still found.
    var first = -1;
    for (var from = 0; first < 0 && from < text.length; from += SNIPPET_SCAN) {
      var start = Math.max(0, from - SNIPPET_OVERLAP), at = firstMark(fold(text.slice(start, from + SNIPPET_SCAN)), terms);
      if (at >= 0) first = start + at;
    }
    // The folded text is almost always as long as the source; near enough to place a window.
    var start = first > SNIPPET_BEFORE ? first - SNIPPET_BEFORE : 0;
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    return (start > 0 ? "…" : "") + highlight(text.slice(start, end), terms) + (end < text.length ? "…" : "");
  }

  /* ======================================================================
   * 10. Results in Material's format
   * ====================================================================== */

  Engine.prototype.location = function (location) {
    if (!this.options.fileUrls) return location;
    // From a file share a folder URL opens a directory listing: point at its index.html.
    var parts = location.split("#");
    if (parts[0] === "" || parts[0].slice(-1) === "/") parts[0] += "index.html";
    return parts.join("#");
  };

  Engine.prototype.render = function (result, terms, query) {
    var doc = this.docs[result.index];
    var marks = terms.map(function (term) { return term.text; });
    terms.forEach(function (term) { if (term.near) marks.push(term.near); });
    // Citation terms are canonical (9条1項); the page says 第9条第1項, so mark the words as typed too.
    query.split(TERM_SEPARATOR).forEach(function (word) { if (word) marks.push(fold(word)); });
    var context = doc.context ? escapeHtml(doc.context) : "";
    if (doc.id) context += (context ? "・" : "") + escapeHtml(doc.id);
    var title = '<span class="kb-search-title">' + highlight(doc.title, marks) + "</span>" +
      '<span class="kb-search-context"><span class="kb-search-kind">' + (KIND_LABELS[doc.kind] || "") + "</span>" +
      context + "</span>" +
      (doc.text ? '<span class="kb-search-snippet">' + snippet(doc.text, marks) + "</span>" : "");
    // Material highlights these words on the page it opens (?h=…): the words as typed, since the
    // folded form (ぼらんてぃあ保険 for ボランティア保険) is not in the page's text.
    // A record found by resemblance (ボランティアの…保険 for ボランティア保険) lacks the word itself:
    // its runs of one script (ボランティア, 保険) are highlighted instead.
    var termFlags = {}, entry = this.index[result.index];
    terms.forEach(function (term, i) {
      termFlags[term.typed] = result.hits[i];
      if (!result.hits[i] || term.cite || entry.all.indexOf(term.text) >= 0) return;
      (term.typed.match(SCRIPT_RUNS) || []).forEach(function (run) { if (run.length >= 2 && !(run in termFlags)) termFlags[run] = true; });
    });
    var item = { location: this.location(doc.location), title: title, text: "", score: result.score, terms: termFlags };
    if (doc.kb_tags && doc.kb_tags.length) {
      item.tags = doc.kb_tags.map(function (tag) { return highlight(tag, marks); });
    }
    return item;
  };

  /* ======================================================================
   * 11. Material's worker protocol; runs as a worker or in the page (search_page.js)
   * ====================================================================== */

  /* One message of Material's protocol in, the reply out (or null). */
  function createHandler(options) {
    var engine = null;
    return function (message) {
      if (message.type === SETUP) {
        engine = new Engine(message.data.config, message.data.docs, options);
        return { type: READY };
      }
      if (message.type === QUERY) {
        return { type: RESULT, data: engine ? engine.search(message.data) : { items: [] } };
      }
      return null;
    };
  }

  var api = { Engine: Engine, createHandler: createHandler, fold: fold, normalize: normalize, highlight: highlight,
              firstInOrder: firstInOrder };
  if (typeof WorkerGlobalScope !== "undefined" && scope instanceof WorkerGlobalScope) {
    var handle = createHandler({});
    scope.addEventListener("message", function (event) {
      var reply = handle(event.data);
      if (reply) scope.postMessage(reply);
    });
  } else {
    scope.KbSearch = api;
  }
})(self);
