/*
 * scormbuild learner player — the UI core, the same for every standard.
 *
 * The page (player/module.html.j2) holds every lesson; this file shows one view at a time,
 * keeps the learner's state (visited lessons, revealed "continue" segments, submitted
 * answers, reflections, core-value choices, worksheet fields) and hands it to a tracker adapter. Trackers
 * register themselves in SB.trackers (tracker-<name>.js) behind one interface:
 *
 *   available()            → true when this tracker can run here (e.g. an LMS API is found)
 *   start(ctx)             → Promise<{entry, location, state, mastery}>
 *                            ctx = {config, codec, notify(kind)}; entry is "ab-initio",
 *                            "resume" or "" (re-entry); state is null when nothing is stored
 *   save(snapshot)         → commit {location, state, summary} at a meaningful point
 *   interaction(record)    → one knowledge-check answer (id, type, response, correct, result…)
 *   finish(snapshot)       → last save + end of session; called once (exit, pagehide), so it
 *                            must be synchronous
 *
 * The first tracker in config.trackers whose available() is true is used, so a cmi5 or
 * Tin Can adapter drops in without a change here. Plain ES2017, no build step, no network.
 */
(function () {
  "use strict";

  var SB = (window.SB = window.SB || {});
  SB.trackers = SB.trackers || {};

  // --- small helpers -----------------------------------------------------------------

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function fmt(template, vars) {
    return String(template).replace(/\{(\w+)\}/g, function (m, k) { return k in vars ? vars[k] : m; });
  }
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function debounce(fn, ms) {
    var timer = null;
    function run() { timer = null; fn(); }
    return {
      schedule: function () { clearTimeout(timer); timer = setTimeout(run, ms); },
      flush: function () { if (timer !== null) { clearTimeout(timer); run(); } },
      pending: function () { return timer !== null; }
    };
  }

  // localStorage can throw (file:// in some browsers, sandboxed LMS frames, quota): every
  // access goes through here so a storage failure never stops the player.
  SB.store = {
    get: function (key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } },
    set: function (key, value) {
      try { window.localStorage.setItem(key, value); return true; } catch (e) { return false; }
    },
    remove: function (key) { try { window.localStorage.removeItem(key); } catch (e) { /* ignore */ } }
  };

  // --- codec: learner state ↔ compact string -------------------------------------------
  //
  // Only ids and the learner's own words are stored, never course content. The plain form
  // is JSON with one-letter keys; when it is longer than a tracker's budget (SCORM 1.2
  // cmi.suspend_data: 4096 characters, RTE 3.4.4) it is compressed by SB.cm
  // (statecodec.js: synchronous, ASCII output, "!" prefix).

  var codec = (SB.codec = {});

  // Version 2 names lessons, checks, prompts, values and worksheet fields by the short codes
  // of config.stateKeys (player_config.state_keys: derived from each id alone, so a later
  // build with lessons added or moved still reads every code it knows). Version 1 (full
  // ids) is still read. An id without a code is stored as it is, and a code this page no
  // longer knows is kept as it is (the learner's words for a prompt the author removed stay
  // in the state, and come back if the prompt does); only lessons gone from the course no
  // longer count as visited.
  var KINDS = ["l", "a", "k", "v", "r", "w"];
  var tables = { to: {}, from: {} };

  codec.use = function (stateKeys) {
    tables = { to: {}, from: {} };
    KINDS.forEach(function (kind) {
      var to = (stateKeys || {})[kind] || {}, from = {};
      Object.keys(to).forEach(function (id) { from[to[id]] = id; });
      tables.to[kind] = to;
      tables.from[kind] = from;
    });
  };
  codec.use(null);

  function coded(kind, id) { return tables.to[kind][id] || id; }
  function decoded(kind, key) {
    var id = tables.from[kind][key];
    return id === undefined ? key : id;
  }
  function isLesson(id) {  // the "l" table lists every lesson of this module
    return tables.to.l[id] !== undefined || !Object.keys(tables.to.l).length;
  }
  function mapKeys(kind, map, fn) {
    var out = {};
    Object.keys(map || {}).forEach(function (k) { out[fn(kind, k)] = map[k]; });
    return out;
  }
  function mapList(kind, list, fn) {
    return (Array.isArray(list) ? list : []).map(function (k) { return fn(kind, k); });
  }

  codec.compact = function (state, withText) {
    var out = { v: 2 };
    // A visited lesson and the "continue" parts revealed in it share one entry: "code.n".
    if (state.visited.length) {
      out.l = state.visited.map(function (id) {
        return coded("l", id) + (state.continues[id] ? "." + state.continues[id] : "");
      });
    }
    var c = {};
    Object.keys(state.continues).forEach(function (id) {
      if (state.visited.indexOf(id) < 0) c[coded("l", id)] = state.continues[id];
    });
    if (Object.keys(c).length) out.c = c;
    if (Object.keys(state.answers).length) out.a = mapKeys("a", state.answers, coded);
    var values = withText ? state.values : valuesWithoutText(state.values);
    if (Object.keys(values).length) out.k = mapKeys("k", mapValues(values, coded), coded);
    if (withText) {
      var r = nonEmpty(state.reflections);
      if (Object.keys(r).length) out.r = mapKeys("r", r, coded);
      var w = nonEmpty(state.worksheet || {});
      if (Object.keys(w).length) out.w = mapKeys("w", w, coded);
    }
    return out;
  };

  function mapValues(values, fn) {
    var out = {};
    Object.keys(values).forEach(function (k) {
      out[k] = { s: mapList("v", values[k].s, fn), t: values[k].t || "" };
    });
    return out;
  }

  function nonEmpty(map) {
    var out = {};
    Object.keys(map).forEach(function (k) { if (map[k]) out[k] = map[k]; });
    return out;
  }

  // reflections "local": the core-values text is the learner's words too, so it stays out.
  function valuesWithoutText(values) {
    var out = {};
    Object.keys(values).forEach(function (k) { out[k] = { s: values[k].s || [], t: "" }; });
    return out;
  }

  codec.expand = function (obj) {
    var state = SB.emptyState();
    if (!obj || (obj.v !== 1 && obj.v !== 2)) return state;
    var fn = obj.v === 1 ? function (kind, id) { return id; } : decoded;
    state.continues = mapKeys("l", obj.c, fn);
    state.visited = (Array.isArray(obj.l) ? obj.l : []).map(function (entry) {
      var parts = obj.v === 1 ? [entry] : String(entry).split("."), id = fn("l", parts[0]);
      if (parts.length > 1) state.continues[id] = Number(parts[1]) || 0;
      return id;
    }).filter(isLesson);
    state.answers = mapKeys("a", obj.a, fn);
    state.values = mapValues(mapKeys("k", obj.k, fn), fn);
    state.reflections = mapKeys("r", obj.r, fn);
    state.worksheet = mapKeys("w", obj.w, fn);
    return state;
  };

  codec.encode = function (state, withText) {
    return JSON.stringify(codec.compact(state, withText));
  };

  // CMIString4096 is ASCII (SCORM 1.2 RTE 3.4.4): in the plain form the learner's "é" or
  // "—" is written as a JSON \u escape, which JSON.parse reads back unchanged. (The
  // compressed form codes UTF-8 bytes and writes ASCII itself.)
  function ascii(json) {
    return json.replace(/[\u007f-\uffff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  /** Stored string → state (null when empty or unreadable: a corrupt record restarts clean). */
  codec.decode = function (data) {
    if (!data) return null;
    try {
      return codec.expand(JSON.parse(data.charAt(0) === "!" ? SB.cm.unpack(data) : data));
    } catch (e) {
      if (window.console) console.warn("stored state unreadable, starting clean", e);
      return null;
    }
  };

  function shrink(raw) {
    return raw.charAt(0) === "{" && SB.cm ? SB.cm.pack(raw) : raw;
  }

  /**
   * State → a string within `max` characters: plain, else compressed, else without the
   * longest texts (reflection answers and worksheet fields alike, largest first, so the most
   * answers stay in the LMS; the browser keeps them all). Returns {data, dropped}: `dropped`
   * lists the keys left out ("reflection.prompt", "worksheet:field"). Each round drops
   * enough text for the last compression ratio, so a few rounds suffice.
   */
  codec.pack = function (state, max, withText) {
    var trial = Object.assign({}, state, { reflections: Object.assign({}, state.reflections),
                                           worksheet: Object.assign({}, state.worksheet) });
    var dropped = [];
    // Saves come often (a lesson opened, a field left): start from the texts left out last
    // time that are still unchanged, so an over-budget state costs one compression of what
    // fits rather than a full one at every save. Edited texts are weighed again.
    if (withText && lastPack.max === max) {
      Object.keys(lastPack.dropped).forEach(function (name) {
        if (textOf(trial, name) === lastPack.dropped[name] && dropText(trial, name)) dropped.push(name);
      });
    }
    for (;;) {
      var raw = codec.encode(trial, withText), plain = ascii(raw);
      if (plain.length <= max) return remember(state, max, { data: plain, dropped: dropped });
      var packed = shrink(raw);
      if (packed.length <= max) return remember(state, max, { data: packed, dropped: dropped });
      var excess = raw.length - Math.floor(raw.length * (max / packed.length) * 0.97);
      var freed = 0, pick;
      while (freed < excess && (pick = longestText(trial)) !== null) {
        freed += pick.map[pick.key].length;
        dropText(trial, pick.name);
        dropped.push(pick.name);
      }
      if (pick === null && freed === 0) return { data: null, dropped: dropped };
    }
  };

  var lastPack = { max: 0, dropped: {} };  // name → the text that was left out
  function remember(state, max, result) {
    lastPack = { max: max, dropped: {} };
    result.dropped.forEach(function (name) { lastPack.dropped[name] = textOf(state, name); });
    return result;
  }

  // The learner's words that may be left out of the LMS when the budget is exceeded.
  var TEXT_POOLS = [["reflections", ""], ["worksheet", "worksheet:"]];

  function poolOf(name) {
    return name.indexOf("worksheet:") === 0 ? ["worksheet", name.slice(10)] : ["reflections", name];
  }

  function textOf(state, name) {
    var pool = poolOf(name);
    return (state[pool[0]] || {})[pool[1]];
  }

  function dropText(state, name) {
    var pool = poolOf(name), map = state[pool[0]];
    if (!map[pool[1]]) return false;
    delete map[pool[1]];
    return true;
  }

  function longestText(state) {
    var best = null;
    TEXT_POOLS.forEach(function (pool) {
      var map = state[pool[0]];
      Object.keys(map).forEach(function (k) {
        if (map[k] && (best === null || map[k].length > best.map[best.key].length)) {
          best = { map: map, key: k, name: pool[1] + k };
        }
      });
    });
    return best;
  }

  // --- state and progress rules --------------------------------------------------------

  SB.emptyState = function () {
    // visited: lesson ids; continues: lesson id → segments revealed; answers: check id →
    // "a,c" (submitted choice ids); reflections: "reflection.prompt" → text;
    // values: core-values assessment id → {s: [value ids], t: text};
    // worksheet: worksheet field id → text
    return { visited: [], continues: {}, answers: {}, reflections: {}, values: {}, worksheet: {} };
  };

  function gradeAnswer(check, chosen) {
    var want = check.correct.slice().sort().join(",");
    return chosen.slice().sort().join(",") === want;
  }

  /**
   * The completion/mastery rule, shared by every standard: completed when every lesson was
   * visited, every knowledge check submitted and every required reflection written; with a
   * mastery score the outcome is passed/failed on the percentage of checks answered right.
   */
  function summarize(cfg, state, mastery) {
    var todo = [];
    cfg.lessons.forEach(function (l, i) {
      if (state.visited.indexOf(l.id) < 0) todo.push({ kind: "lesson", lesson: i });
    });
    var right = 0, answered = 0;
    cfg.checks.forEach(function (c) {
      var a = state.answers[c.id];
      if (a === undefined) { todo.push({ kind: "check", lesson: c.lesson }); return; }
      answered++;
      if (gradeAnswer(c, a ? a.split(",") : [])) right++;
    });
    cfg.reflections.forEach(function (r) {
      var missing = r.required && r.prompts.some(function (k) { return !(state.reflections[k] || "").trim(); });
      if (missing) todo.push({ kind: "reflection", lesson: r.lesson });
    });
    var total = cfg.checks.length;
    var score = total ? Math.round((100 * right) / total) : null;
    var completed = todo.length === 0;
    var status = "incomplete";
    if (completed) {
      status = mastery !== null && score !== null ? (score >= mastery ? "passed" : "failed") : "completed";
    }
    return { completed: completed, status: status, score: score, mastery: mastery,
             right: right, answered: answered, checks: total, todo: todo,
             visited: state.visited.length, lessons: cfg.lessons.length };
  }
  SB.summarize = summarize;

  // --- the player ------------------------------------------------------------------------

  function Player(cfg) {
    this.cfg = cfg;
    this.S = cfg.strings;
    this.state = SB.emptyState();
    this.view = "start";
    this.lastView = "start";
    this.mastery = cfg.mastery;
    this.tracker = null;
    this.finished = false;
    this.shownAt = Date.now();
    var self = this;
    this.autosave = debounce(function () { self.save("autosave"); }, 1500);
    this.journalBackup = debounce(function () { self.backupJournal(); }, 400);
  }

  Player.prototype.viewIndex = function (view) {
    return typeof view === "number" ? view : -1;
  };

  Player.prototype.location = function () {
    // cmi.core.lesson_location holds the lesson id (CMIString255, RTE 3.4.4), not its index,
    // so a bookmark survives lessons being added before it.
    var view = this.view === "journal" ? this.lastView : this.view;
    var n = this.cfg.lessons.length;
    // The end summary is not a place to come back to: its bookmark is the last lesson.
    var i = view === "end" ? n - 1 : this.viewIndex(view);
    return i >= 0 && n ? this.cfg.lessons[i].id : "";
  };

  Player.prototype.summary = function () {
    return summarize(this.cfg, this.state, this.mastery);
  };

  Player.prototype.snapshot = function (reason) {
    return { location: this.location(), state: this.state, summary: this.summary(), reason: reason };
  };

  // --- views

  Player.prototype.show = function (view, opts) {
    opts = opts || {};
    if (this.finished && view !== "exited") return;
    if (view !== "journal") this.lastView = view;
    this.view = view;
    var target = typeof view === "number" ? $('.sb-lesson[data-view="' + view + '"]') : $('.sb-view[data-view="' + view + '"]');
    $$(".sb-view").forEach(function (v) { v.classList.toggle("is-current", v === target); });
    if (typeof view === "number") this.enterLesson(view);
    if (view === "end") this.renderSummary();
    if (view === "journal") this.renderJournal();
    this.updateChrome();
    this.closeToc();
    if (!opts.quiet) {
      window.scrollTo(0, 0);
      var h = $("h1", target);
      if (h) h.focus({ preventScroll: true });
    }
  };

  Player.prototype.enterLesson = function (i) {
    var id = this.cfg.lessons[i].id;
    this.shownAt = Date.now();
    if (this.state.visited.indexOf(id) < 0) this.state.visited.push(id);
    this.save("navigate");
  };

  Player.prototype.updateChrome = function () {
    var v = this.view, n = this.cfg.lessons.length, i = this.viewIndex(v);
    var where = $("#sb-where");
    if (where) {
      where.textContent = i >= 0 ? fmt(this.S.lessonOf, { n: i + 1, m: n })
        : v === "start" ? this.S.overview : v === "end" ? this.S.endTitle : "";
    }
    var pager = $(".sb-pager");
    if (pager) pager.hidden = v === "journal" || v === "exited";
    var prev = $('[data-action="prev"]'), next = $('[data-action="next"]');
    if (prev) prev.disabled = v === "start";
    if (next) {
      next.disabled = v === "end";
      next.textContent = v === "start" ? this.S.start : i === n - 1 ? this.S.finish : this.S.next;
    }
    this.updateToc();
    this.placeNotice();
  };

  Player.prototype.updateToc = function () {
    var self = this, current = String(this.view === "journal" ? this.lastView : this.view);
    $$("#sb-toc [data-go]").forEach(function (a) {
      var go = a.getAttribute("data-go");
      if (go === current) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
      var lesson = self.cfg.lessons[Number(go)];
      var mark = $(".sb-visited-mark", a);
      if (mark && lesson) mark.hidden = self.state.visited.indexOf(lesson.id) < 0;
    });
  };

  Player.prototype.step = function (delta) {
    var n = this.cfg.lessons.length, v = this.view;
    var order = ["start"].concat(this.cfg.lessons.map(function (_, i) { return i; }), ["end"]);
    var at = order.indexOf(v === "journal" ? this.lastView : v);
    var to = Math.max(0, Math.min(order.length - 1, at + delta));
    if (n === 0) to = delta > 0 ? order.length - 1 : 0;
    this.show(order[to]);
  };

  Player.prototype.toggleToc = function () {
    var open = !document.body.classList.contains("sb-toc-open");
    document.body.classList.toggle("sb-toc-open", open);
    $('[data-action="toc"]').setAttribute("aria-expanded", String(open));
    if (open) { var a = $("#sb-toc a"); if (a) a.focus(); }
  };

  Player.prototype.closeToc = function () {
    document.body.classList.remove("sb-toc-open");
    var t = $('[data-action="toc"]');
    if (t) t.setAttribute("aria-expanded", "false");
  };

  // --- continue segments

  Player.prototype.reveal = function (lessonEl, upTo, focus) {
    $$(".sb-seg", lessonEl).forEach(function (seg) {
      if (Number(seg.getAttribute("data-seg")) <= upTo) seg.classList.remove("sb-seg--locked");
    });
    $$('[data-action="continue"]', lessonEl).forEach(function (b) {
      if (Number(b.getAttribute("data-seg")) <= upTo) b.parentNode.hidden = true;
    });
    if (focus) {
      var seg = $('.sb-seg[data-seg="' + upTo + '"]', lessonEl);
      if (seg) seg.focus();
    }
  };

  Player.prototype.onContinue = function (button) {
    var lessonEl = button.closest(".sb-lesson");
    var i = Number(lessonEl.getAttribute("data-view"));
    var seg = Number(button.getAttribute("data-seg"));
    var id = this.cfg.lessons[i].id;
    this.state.continues[id] = Math.max(this.state.continues[id] || 0, seg);
    this.reveal(lessonEl, seg, true);
    this.autosave.schedule();
  };

  // --- accordions (WAI-ARIA APG accordion pattern)

  Player.prototype.toggleAccordion = function (button) {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    var panel = document.getElementById(button.getAttribute("aria-controls"));
    if (panel) panel.hidden = !open;
  };

  // --- knowledge checks

  Player.prototype.checkConfig = function (id) {
    return this.cfg.checks.filter(function (c) { return c.id === id; })[0];
  };

  Player.prototype.chosen = function (form) {
    return $$("input:checked", form).map(function (i) { return i.value; });
  };

  Player.prototype.onSubmit = function (form) {
    var id = form.getAttribute("data-check"), check = this.checkConfig(id);
    if (!check || this.state.answers[id] !== undefined) return;
    var chosen = this.chosen(form);
    var fb = $(".sb-feedback", form);
    if (!chosen.length) { fb.textContent = this.S.needAnswer; return; }
    var right = gradeAnswer(check, chosen);
    this.state.answers[id] = chosen.join(",");
    this.showResult(form, check, chosen, right);
    this.record(check, chosen, right);
    this.save("check");
  };

  Player.prototype.record = function (check, chosen, right) {
    if (!this.tracker || !this.tracker.interaction) return;
    this.tracker.interaction({
      id: check.id, type: check.type, choices: check.choices, correct: check.correct,
      response: chosen, result: right, latencyMs: Date.now() - this.shownAt, time: new Date()
    });
  };

  /** Lock the check, mark choices (text marks, not colour alone: WCAG 1.4.1), fill feedback. */
  Player.prototype.showResult = function (form, check, chosen, right) {
    var S = this.S;
    form.classList.add("is-answered");
    $$("input", form).forEach(function (input) {
      input.checked = chosen.indexOf(input.value) >= 0;
      input.disabled = true;
      var box = input.closest(".sb-choice"), marks = [];
      var isRight = check.correct.indexOf(input.value) >= 0, isChosen = input.checked;
      box.classList.toggle("is-right", isRight);
      box.classList.toggle("is-chosen", isChosen);
      if (isChosen) marks.push(S.yourChoice);
      if (isRight) marks.push(S.rightAnswer);
      $(".sb-choice-mark", box).textContent = marks.length ? " (" + marks.join(", ") + ")" : "";
    });
    var button = $('button[type="submit"]', form);
    if (button) button.hidden = true;
    var html = this.feedbackHtml(form, right, chosen);
    $(".sb-feedback", form).innerHTML = html;
  };

  Player.prototype.feedbackHtml = function (form, right, chosen) {
    function tpl(name) { var t = $('template[data-fb="' + name + '"]', form); return t ? t.innerHTML : ""; }
    return tpl(right ? "correct" : "incorrect") + chosen.map(function (c) { return tpl("choice-" + c); }).join("");
  };

  Player.prototype.restoreCheck = function (form) {
    var id = form.getAttribute("data-check"), check = this.checkConfig(id), saved = this.state.answers[id];
    if (!check || saved === undefined) return;
    var chosen = saved ? saved.split(",") : [];
    this.showResult(form, check, chosen, gradeAnswer(check, chosen));
  };

  // --- reflections and core values

  Player.prototype.onReflection = function (textarea) {
    this.state.reflections[textarea.getAttribute("data-prompt")] = textarea.value;
    this.journalBackup.schedule();
    this.autosave.schedule();
    var saved = $(".sb-saved", textarea.closest(".sb-reflection"));
    if (saved) saved.textContent = "";
  };

  Player.prototype.onValues = function (box) {
    var id = box.getAttribute("data-corevalues");
    this.state.values[id] = {
      s: $$('input[type="checkbox"]:checked', box).map(function (i) { return i.value; }),
      t: $("textarea", box).value
    };
    this.journalBackup.schedule();
    this.autosave.schedule();
  };

  /** A worksheet field may be filled in two lessons: every textarea of it shows the same text. */
  Player.prototype.onWorksheet = function (textarea) {
    var id = textarea.getAttribute("data-worksheet-field");
    this.state.worksheet[id] = textarea.value;
    $$('textarea[data-worksheet-field="' + id + '"]').forEach(function (t) {
      if (t !== textarea) t.value = textarea.value;
    });
    this.journalBackup.schedule();
    this.autosave.schedule();
  };

  Player.prototype.restoreText = function () {
    var self = this;
    $$("textarea[data-prompt]").forEach(function (t) {
      t.value = self.state.reflections[t.getAttribute("data-prompt")] || "";
    });
    $$("textarea[data-worksheet-field]").forEach(function (t) {
      t.value = self.state.worksheet[t.getAttribute("data-worksheet-field")] || "";
    });
    $$("[data-corevalues]").forEach(function (box) {
      var v = self.state.values[box.getAttribute("data-corevalues")];
      if (!v) return;
      $$('input[type="checkbox"]', box).forEach(function (i) { i.checked = (v.s || []).indexOf(i.value) >= 0; });
      $("textarea", box).value = v.t || "";
    });
  };

  // The learner's words are also kept in this browser: when the LMS budget is exceeded, or
  // reflections are "local" (course setting), or the LMS fails, nothing written is lost.
  Player.prototype.journalKey = function () { return this.cfg.storageKey + ":journal"; };

  Player.prototype.backupJournal = function () {
    SB.store.set(this.journalKey(), JSON.stringify({ r: nonEmpty(this.state.reflections), k: this.state.values,
                                                     w: nonEmpty(this.state.worksheet) }));
  };

  Player.prototype.mergeJournalBackup = function () {
    var raw = SB.store.get(this.journalKey()), saved;
    try { saved = JSON.parse(raw || "null"); } catch (e) { saved = null; }
    if (!saved) return;
    [["reflections", "r"], ["worksheet", "w"]].forEach(function (pool) {
      var have = this.state[pool[0]], kept = saved[pool[1]] || {};
      Object.keys(kept).forEach(function (k) { if (!have[k]) have[k] = kept[k]; });
    }, this);
    var k = this.state.values;
    Object.keys(saved.k || {}).forEach(function (id) {
      if (!k[id]) k[id] = saved.k[id];
      else if (!k[id].t && saved.k[id].t) k[id].t = saved.k[id].t;
    });
  };

  // --- journal view, print and download

  Player.prototype.journalEntries = function () {
    var self = this, out = [];
    $$(".sb-lesson").forEach(function (lessonEl) {
      var lessonTitle = $("h1", lessonEl).textContent;
      $$(".sb-reflection", lessonEl).forEach(function (block) {
        var items = $$("textarea[data-prompt]", block).map(function (t) {
          var label = $('label[for="' + t.id + '"] .sb-prompt-text', block);
          return { q: label ? label.textContent : "", a: self.state.reflections[t.getAttribute("data-prompt")] || "" };
        });
        out.push({ lesson: lessonTitle, title: $(".sb-block-title", block).textContent, items: items });
      });
      $$("[data-corevalues]", lessonEl).forEach(function (box) {
        var v = self.state.values[box.getAttribute("data-corevalues")] || { s: [], t: "" };
        var names = (v.s || []).map(function (id) {
          var l = $('label[for="' + box.id + "-" + id + '"]', box);
          return l ? l.textContent : id;
        });
        out.push({ lesson: lessonTitle, title: $("legend", box).textContent, items: [
          { q: self.S.coreValuesChosen, a: names.join(", ") },
          { q: self.S.coreValuesText, a: v.t || "" }
        ] });
      });
    });
    return out;
  };

  Player.prototype.journalHtml = function () {
    var self = this;
    return this.journalEntries().map(function (e) {
      return "<section class=\"sb-journal-entry\"><h2>" + escapeHtml(e.title) + "</h2><p class=\"sb-journal-lesson\">" +
        escapeHtml(e.lesson) + "</p>" + e.items.map(function (it) {
          return "<h3>" + escapeHtml(it.q) + "</h3>" + self.answerHtml(it.a);
        }).join("") + "</section>";
    }).join("");
  };

  Player.prototype.answerHtml = function (text) {
    return text ? "<p class=\"sb-journal-answer\">" + escapeHtml(text).replace(/\n/g, "<br>") + "</p>"
      : "<p class=\"sb-journal-empty\">" + escapeHtml(this.S.noAnswer) + "</p>";
  };

  /**
   * The worksheet (rendered at build time in the journal view, every field in worksheet
   * order) with the learner's answers filled in. A blank field links to the lesson that
   * asks for it, except in the downloaded copy, which must stand alone.
   */
  Player.prototype.renderWorksheet = function (withLinks) {
    var sheet = $("#sb-worksheet"), self = this, cfg = this.cfg;
    if (!sheet || !cfg.worksheet) return "";
    cfg.worksheet.fields.forEach(function (f) {
      var slot = $('[data-ws-answer="' + f.id + '"]', sheet), text = self.state.worksheet[f.id] || "";
      if (!slot) return;
      var html = self.answerHtml(text);
      if (!text && withLinks && f.lessons.length) {
        var l = cfg.lessons[f.lessons[0]];
        html += "<p><a href=\"#sb-l-" + escapeHtml(l.id) + "\" data-go=\"" + f.lessons[0] + "\">" +
          escapeHtml(fmt(self.S.todoLesson, { title: l.title })) + "</a></p>";
      }
      slot.innerHTML = html;
    });
    return sheet.outerHTML;
  };

  Player.prototype.renderJournal = function () {
    $("#sb-journal-body").innerHTML = this.journalHtml();
    this.renderWorksheet(true);
  };

  /** A standalone page: the journal, then the worksheet, with its own small stylesheet. */
  Player.prototype.downloadJournal = function () {
    var cfg = this.cfg, title = this.S.journal + " — " + cfg.module.title;
    var sheet = this.renderWorksheet(false).replace(/ tabindex="-1"/g, "");
    if (this.view === "journal") this.renderWorksheet(true);
    var doc = "<!doctype html><html lang=\"" + escapeHtml(cfg.course.language) + "\"><head><meta charset=\"utf-8\">" +
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
      "<title>" + escapeHtml(title) + "</title><style>body{font:1rem/1.5 system-ui,sans-serif;max-width:42rem;" +
      "margin:2rem auto;padding:0 1rem}h2{margin-top:2rem}.sb-journal-lesson,.sb-ws-hint{color:#555}" +
      ".sb-journal-answer{white-space:pre-wrap;border-left:3px solid #999;padding-left:.75rem}" +
      ".sb-journal-empty{color:#555;font-style:italic}.sb-ws-field{border:1px solid #999;border-radius:6px;" +
      "padding:.25rem 1rem .5rem;margin:.75rem 0;break-inside:avoid}.sb-ws-field h3{margin:.5rem 0 .25rem}" +
      "@media print{.sb-worksheet-sheet{break-before:page}}</style></head><body>" +
      "<h1>" + escapeHtml(title) + "</h1><p>" + escapeHtml(cfg.course.title) + "</p>" + this.journalHtml() + sheet +
      "</body></html>";
    var url = URL.createObjectURL(new Blob([doc], { type: "text/html" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = "journal-" + cfg.module.id + ".html";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  };

  /** The journal view, scrolled to the worksheet, its heading focused (keyboard, screen readers). */
  Player.prototype.showWorksheet = function () {
    this.show("journal", { quiet: true });
    var h = $("#sb-worksheet-h");
    if (h) { h.focus({ preventScroll: true }); h.scrollIntoView(); }
  };

  // --- end-of-module summary

  Player.prototype.renderSummary = function () {
    var S = this.S, sum = this.summary(), cfg = this.cfg;
    var label = { completed: S.statusCompleted, passed: S.statusPassed, failed: S.statusFailed, incomplete: S.statusIncomplete }[sum.status];
    // "Status: Passed" / "État : Réussi": the catalogue places the colon (French puts a space before it).
    var html = "<p class=\"sb-status sb-status--" + sum.status + "\"><strong>" + escapeHtml(fmt(S.status, { status: label })) + "</strong></p>";
    if (sum.score !== null) {
      html += "<p>" + escapeHtml(sum.mastery !== null ? fmt(S.score, { score: sum.score, mastery: sum.mastery }) : fmt(S.scoreOnly, { score: sum.score })) + "</p>";
    }
    html += "<p>" + escapeHtml(fmt(S.lessonsDone, { n: sum.visited, m: sum.lessons })) + "</p>";
    if (sum.todo.length) {
      var key = { lesson: "todoLesson", check: "todoCheck", reflection: "todoReflection" };
      html += "<p>" + escapeHtml(S.todo) + "</p><ul class=\"sb-todo\">" + sum.todo.map(function (t) {
        var l = cfg.lessons[t.lesson];
        return "<li><a href=\"#sb-l-" + escapeHtml(l.id) + "\" data-go=\"" + t.lesson + "\">" +
          escapeHtml(fmt(S[key[t.kind]], { title: l.title })) + "</a></li>";
      }).join("") + "</ul>";
    }
    $("#sb-summary").innerHTML = html;
  };

  // --- notices (one polite live region: never blocks the learner, WCAG 4.1.3)

  Player.prototype.notify = function (kind) {
    var text = { standalone: this.S.standalone, overflow: this.S.overflow, lmsError: this.S.lmsError,
                 lmsRecovered: this.S.lmsRecovered, noStorage: this.S.noStorage }[kind] || kind;
    var box = $("#sb-notice");
    box.setAttribute("data-kind", kind);
    box.innerHTML = "<div class=\"sb-notice-body\"><p>" + escapeHtml(text) + "</p>" + (kind === "overflow"
      ? "<p><button type=\"button\" class=\"sb-btn\" data-action=\"download\">" + escapeHtml(this.S.downloadJournal) + "</button></p>" : "")
      + "</div><button type=\"button\" class=\"sb-btn sb-btn--quiet sb-notice-close\" data-action=\"dismiss\">"
      + escapeHtml(this.S.close) + "</button>";
    box.classList.add("is-shown");
    this.placeNotice();
  };

  /** The notice floats just above the pager, whatever height the pager has at this zoom. */
  Player.prototype.placeNotice = function () {
    var pager = $(".sb-pager"), h = pager && !pager.hidden ? pager.getBoundingClientRect().height : 0;
    var box = $("#sb-notice"), n = box && box.classList.contains("is-shown") ? box.getBoundingClientRect().height : 0;
    document.documentElement.style.setProperty("--sb-pager-h", Math.ceil(h) + "px");
    document.documentElement.style.setProperty("--sb-notice-h", Math.ceil(n) + "px");
  };

  Player.prototype.dismissNotice = function () {
    var box = $("#sb-notice");
    box.classList.remove("is-shown");
    box.removeAttribute("data-kind");
    box.innerHTML = "";
    this.placeNotice();
    var main = $("#sb-main");
    if (main) main.focus({ preventScroll: true });  // focus was on the button just removed
  };

  // --- saving and finishing

  Player.prototype.save = function (reason) {
    if (!this.tracker || this.finished || !this.started) return;
    this.tracker.save(this.snapshot(reason));
  };

  Player.prototype.finish = function () {
    if (this.finished || !this.tracker || !this.started) return;
    this.autosave.flush();
    this.journalBackup.flush();
    this.finished = true;
    this.tracker.finish(this.snapshot("finish"));
  };

  Player.prototype.exit = function () {
    this.finish();
    this.show("exited");
    $$(".sb-tools button, .sb-pager button").forEach(function (b) { b.disabled = true; });
  };

  // --- wiring

  Player.prototype.onClick = function (e) {
    var el = e.target.closest("[data-action], [data-go], .sb-acc-button");
    if (!el) return;
    if (el.classList.contains("sb-acc-button")) return this.toggleAccordion(el);
    if (el.hasAttribute("data-go")) {
      e.preventDefault();
      var go = el.getAttribute("data-go");
      return this.show(go === "start" ? "start" : Number(go));
    }
    var actions = {
      prev: function () { this.step(-1); },
      next: function () { this.step(1); },
      begin: function () { this.step(1); },
      toc: function () { this.toggleToc(); },
      journal: function () { this.show("journal"); },
      back: function () { this.show(this.lastView); },
      print: function () { window.print(); },
      download: function () { this.downloadJournal(); },
      worksheet: function () { this.showWorksheet(); },
      exit: function () { this.exit(); },
      dismiss: function () { this.dismissNotice(); },
      "continue": function () { this.onContinue(el); }
    };
    var act = actions[el.getAttribute("data-action")];
    if (act) act.call(this);
  };

  Player.prototype.bind = function () {
    var self = this;
    document.addEventListener("click", function (e) { self.onClick(e); });
    document.addEventListener("submit", function (e) {
      if (!e.target.matches(".sb-check")) return;
      e.preventDefault();
      self.onSubmit(e.target);
    });
    document.addEventListener("input", function (e) {
      if (e.target.matches("textarea[data-prompt]")) self.onReflection(e.target);
      if (e.target.matches("textarea[data-worksheet-field]")) self.onWorksheet(e.target);
      var box = e.target.closest("[data-corevalues]");
      if (box) self.onValues(box);
    });
    // Leaving a text field is a meaningful point: save now rather than on every keystroke.
    document.addEventListener("focusout", function (e) {
      if (e.target.matches("textarea") && self.autosave.pending()) self.autosave.flush();
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && document.body.classList.contains("sb-toc-open")) {
        self.closeToc();
        $('[data-action="toc"]').focus();
      }
    });
    // pagehide covers tab close, navigation and bfcache; unload is the fallback for LMS
    // frames torn down by their parent. Not beforeunload: it can be cancelled, which would
    // leave a finished (dead) session on screen. finish() runs once whatever fires first.
    window.addEventListener("pagehide", function () { self.finish(); });
    window.addEventListener("resize", function () { self.placeNotice(); });
    window.addEventListener("unload", function () { self.finish(); });
  };

  Player.prototype.pickTracker = function () {
    var names = this.cfg.trackers || ["standalone"];
    for (var i = 0; i < names.length; i++) {
      var t = SB.trackers[names[i]];
      if (t && t.available()) return { name: names[i], impl: t };
    }
    return null;
  };

  /** Put the page in the stored state: checks, text, continues, then the bookmark. */
  Player.prototype.restore = function () {
    var self = this;
    $$(".sb-check").forEach(function (f) { self.restoreCheck(f); });
    this.restoreText();
    $$(".sb-lesson").forEach(function (el) {
      var id = self.cfg.lessons[Number(el.getAttribute("data-view"))].id;
      if (self.state.continues[id]) self.reveal(el, self.state.continues[id], false);
    });
  };

  Player.prototype.bookmarkView = function (location) {
    var i = this.cfg.lessons.map(function (l) { return l.id; }).indexOf(location);
    return i >= 0 ? i : "start";
  };

  Player.prototype.start = function () {
    var self = this;
    document.documentElement.classList.remove("sb-nojs");
    document.documentElement.classList.add("sb-js");
    $$(".sb-acc-panel").forEach(function (p) { p.hidden = true; });
    this.bind();
    var picked = this.pickTracker();
    this.tracker = picked && picked.impl;
    this.trackerName = picked && picked.name;
    if (!picked) { this.show("start", { quiet: true }); return Promise.resolve(); }
    codec.use(this.cfg.stateKeys);
    var ctx = { config: this.cfg, codec: codec, notify: function (k) { self.notify(k); } };
    return picked.impl.start(ctx).catch(function (err) {
      // An LMS that refuses LMSInitialize must not leave a dead page: keep going locally.
      if (window.console) console.warn(err);
      self.tracker = SB.trackers.standalone;
      self.trackerName = "standalone";
      return self.tracker.start(ctx);
    }).then(function (got) { self.begin(got || {}); });
  };

  Player.prototype.begin = function (got) {
    if (got.entry === "ab-initio") SB.store.remove(this.journalKey()); // new attempt: start clean
    if (got.state) this.state = got.state;
    if (got.entry !== "ab-initio") this.mergeJournalBackup();
    if (typeof got.mastery === "number") this.mastery = got.mastery;
    this.restore();
    this.started = true;
    if (this.trackerName === "standalone" && this.cfg.standard !== "standalone") this.notify("standalone");
    this.show(this.bookmarkView(got.location || ""), { quiet: true });
  };

  SB.Player = Player;
  SB.boot = function () {
    var el = document.getElementById("sb-config");
    if (!el) return null;
    var player = new Player(JSON.parse(el.textContent));
    SB.player = player;
    SB.ready = player.start();
    return player;
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", SB.boot);
  else setTimeout(SB.boot, 0);
})();
