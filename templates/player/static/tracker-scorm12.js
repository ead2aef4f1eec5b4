/*
 * SCORM 1.2 tracker: the player's learner state ↔ the LMS's API (SCORM 1.2 Run-Time
 * Environment, RTE). One adapter behind the interface documented in player.js; every limit
 * is a named constant citing its clause.
 */
(function () {
  "use strict";

  var SB = (window.SB = window.SB || {});
  SB.trackers = SB.trackers || {};

  // RTE 3.3 "API discovery": the ADL sample walks at most 7 parent frames, then the opener.
  var MAX_PARENT_HOPS = 7;
  // RTE 3.4.4 cmi.suspend_data is CMIString4096; cmi.core.lesson_location is CMIString255.
  var SUSPEND_DATA_MAX = 4096;
  var LESSON_LOCATION_MAX = 255;
  // RTE 3.4.4 cmi.interactions.n.id is a CMIIdentifier: ≤ 255 characters, no whitespace.
  var IDENTIFIER_MAX = 255;
  // RTE 3.4.4 choice responses are single characters a–z, 0–9; choice n maps to RESPONSE_CHARS[n].
  var RESPONSE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
  // Commit retry schedule after an LMS failure (ms): backoff, then keep the message shown.
  var RETRY_DELAYS = [1000, 2000, 4000, 8000, 16000];

  // --- API discovery (RTE 3.3) ----------------------------------------------------------

  function apiIn(win) {
    try { return win.API || null; } catch (e) { return null; } // cross-origin frame: not ours
  }

  function findAPI(win) {
    for (var hops = 0; win && hops <= MAX_PARENT_HOPS; hops++) {
      var api = apiIn(win);
      if (api) return api;
      var parent = null;
      try { parent = win.parent; } catch (e) { parent = null; }
      if (!parent || parent === win) return null;
      win = parent;
    }
    return null;
  }

  function discover() {
    var api = findAPI(window);
    if (!api) {
      var opener = null;
      try { opener = window.opener; } catch (e) { opener = null; }
      if (opener) api = findAPI(opener);
    }
    return api;
  }

  // --- CMI data types (RTE 3.4.2) -------------------------------------------------------

  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }

  /** CMITimespan: HHHH:MM:SS.SS, hours 2–4 digits (RTE 3.4.2). */
  function timespan(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.min(9999, Math.floor(cs / 360000));
    var m = Math.floor((cs % 360000) / 6000);
    var s = Math.floor((cs % 6000) / 100);
    return pad(h, 2) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs % 100, 2);
  }

  /** CMITime: HH:MM:SS, a time of day (RTE 3.4.2). */
  function timeOfDay(d) {
    return pad(d.getHours(), 2) + ":" + pad(d.getMinutes(), 2) + ":" + pad(d.getSeconds(), 2);
  }

  function identifier(id) {
    return String(id).replace(/\s+/g, "_").slice(0, IDENTIFIER_MAX);
  }

  // --- interactions (RTE 3.4.4 cmi.interactions.n.*) -------------------------------------

  function isTrueFalse(record) {
    return record.type === "true-false" && record.choices.every(function (c) { return c === "true" || c === "false"; });
  }

  /** Choice ids → the response vocabulary: t/f for true-false, "a,c" for choice. */
  function responseOf(record, ids) {
    if (isTrueFalse(record)) return ids.map(function (id) { return id === "true" ? "t" : "f"; }).join(",");
    return ids.map(function (id) { return RESPONSE_CHARS.charAt(record.choices.indexOf(id)); }).join(",");
  }

  function interactionValues(record) {
    // Types beyond choices format themselves (static/question-*.js: type, patterns, response).
    var q = (SB.questions || {})[record.type], own = q && q.scorm12 ? q.scorm12(record) : null;
    var patterns = own ? own.patterns : [responseOf(record, record.correct)];
    var values = [
      ["id", identifier(record.id)],
      ["type", own ? own.type : isTrueFalse(record) ? "true-false" : "choice"],
      ["time", timeOfDay(record.time)],
      // an unscored answer (likert, result null) weighs nothing and is "neutral"
      ["weighting", record.result === null ? "0" : "1"]
    ];
    patterns.forEach(function (p, i) { values.push(["correct_responses." + i + ".pattern", p]); });
    return values.concat([
      ["student_response", own ? own.response : responseOf(record, record.response)],
      ["result", record.result === null ? "neutral" : record.result ? "correct" : "wrong"],
      ["latency", timespan(record.latencyMs)]
    ]);
  }

  // --- the tracker ------------------------------------------------------------------------

  function Scorm12() {
    this.api = null;
    this.ctx = null;
    this.startedAt = 0;
    this.review = false;
    this.lastData = null;      // last suspend_data that fitted the budget
    this.overflowed = false;
    this.failures = 0;
    this.retryTimer = null;
    this.finished = false;
    this.errors = [];          // data-model errors seen: bugs in this player, kept for tests
    this.written = {};         // element → last value the LMS accepted (skip repeats)
  }

  Scorm12.prototype.available = function () {
    this.api = discover();
    return !!this.api;
  };

  Scorm12.prototype.get = function (element) {
    var value = this.api.LMSGetValue(element);
    this.lastError(element);
    return value === null || value === undefined ? "" : String(value);
  };

  Scorm12.prototype.set = function (element, value) {
    value = String(value);
    if (this.written[element] === value) return true; // unchanged: no LMS traffic
    var ok = String(this.api.LMSSetValue(element, value)) === "true";
    if (!this.lastError(element) && !ok) this.errors.push({ element: element, code: "false" });
    if (ok) { this.written[element] = value; this.dirty = true; }
    return ok;
  };

  // RTE 3.4.3 error codes: 0 no error; 401 "not implemented" for optional elements is fine
  // to ignore (an LMS may not support cmi.student_data.mastery_score).
  Scorm12.prototype.lastError = function (element) {
    var code = String(this.api.LMSGetLastError());
    if (code === "0" || code === "" || code === "401") return false;
    this.errors.push({ element: element, code: code });
    if (window.console) console.warn("SCORM 1.2 error " + code + " on " + element + ": " + this.api.LMSGetErrorString(code));
    return true;
  };

  Scorm12.prototype.start = function (ctx) {
    this.ctx = ctx;
    this.startedAt = Date.now();
    if (String(this.api.LMSInitialize("")) !== "true") {
      return Promise.reject(new Error("LMSInitialize failed: " + this.api.LMSGetLastError()));
    }
    this.withText = ctx.config.reflectionsMode !== "local";
    // RTE 3.4.4 cmi.core.entry: "ab-initio" first launch, "resume" after exit=suspend,
    // "" otherwise; only ab-initio means "start clean".
    var entry = this.get("cmi.core.entry");
    var location = this.get("cmi.core.lesson_location");
    var data = this.get("cmi.suspend_data");
    // RTE 3.4.4 cmi.core.lesson_mode "review": the learner looks back, status must not change.
    this.mode = this.get("cmi.core.lesson_mode") || "normal";
    this.review = this.mode === "review";
    var mastery = parseFloat(this.get("cmi.student_data.mastery_score"));
    // What the LMS holds already: blanking a score that is not there is no write at all.
    this.written["cmi.core.score.raw"] = this.get("cmi.core.score.raw");
    this.markStarted();
    var state = entry === "ab-initio" ? null : ctx.codec.decode(data);
    this.lastData = state ? data : null;
    return Promise.resolve({ entry: entry, location: entry === "ab-initio" ? "" : location, state: state,
                             mastery: isNaN(mastery) ? null : mastery, mode: this.mode });
  };

  // RTE 3.4.4: the LMS reports "not attempted" until the SCO says otherwise.
  Scorm12.prototype.markStarted = function () {
    var status = this.get("cmi.core.lesson_status");
    if (!this.review && (status === "not attempted" || status === "")) {
      this.set("cmi.core.lesson_status", "incomplete");
      this.commit();
    }
  };

  Scorm12.prototype.writeProgress = function (snap) {
    this.set("cmi.core.lesson_location", snap.location.slice(0, LESSON_LOCATION_MAX));
    if (this.review) return;
    var sum = snap.summary;
    // Issue 12: a score only with the final result (SB.summarize: every check final, the
    // module complete). Until then none; one left by an earlier attempt (a retake) is
    // blanked — RTE 3.4.4 score.raw is CMIDecimal or CMIBlank — so an LMS whose "mastery
    // score overrides status" finds nothing to grade an unfinished attempt with.
    if (sum.score !== null) {
      // RTE 3.4.4 cmi.core.score: raw in [min, max]; set min/max first so raw is judged by them.
      this.set("cmi.core.score.min", "0");
      this.set("cmi.core.score.max", "100");
      this.set("cmi.core.score.raw", String(sum.score));
    } else {
      this.set("cmi.core.score.raw", "");
    }
    // RTE 3.4.4 cmi.core.lesson_status vocabulary: passed, completed, failed, incomplete,
    // browsed, not attempted. passed/failed only when a mastery score applies.
    this.set("cmi.core.lesson_status", sum.status);
  };

  Scorm12.prototype.save = function (snap) {
    if (this.finished) return;
    this.writeProgress(snap);
    this.storeData(this.ctx.codec.pack(snap.state, SUSPEND_DATA_MAX, this.withText));
    if (this.dirty || this.failures) this.commit(); // nothing new: no commit round trip
  };

  Scorm12.prototype.storeData = function (packed) {
    if (packed.data !== null && packed.data !== this.lastData) {
      if (this.set("cmi.suspend_data", packed.data)) this.lastData = packed.data;
    }
    if (packed.dropped.length && !this.overflowed) this.ctx.notify("overflow");
    this.overflowed = packed.dropped.length > 0;
  };

  /** RTE 3.4.4: LMSCommit; on failure retry with backoff and tell the learner, never block. */
  Scorm12.prototype.commit = function () {
    var ok = String(this.api.LMSCommit("")) === "true" && String(this.api.LMSGetLastError()) === "0";
    if (ok) {
      this.dirty = false;
      if (this.failures) this.ctx.notify("lmsRecovered");
      this.failures = 0;
      return true;
    }
    this.failures++;
    if (this.failures === 1) this.ctx.notify("lmsError");
    this.scheduleRetry();
    return false;
  };

  Scorm12.prototype.scheduleRetry = function () {
    var self = this;
    if (this.retryTimer || this.finished) return;
    var delay = RETRY_DELAYS[Math.min(this.failures - 1, RETRY_DELAYS.length - 1)];
    this.retryTimer = setTimeout(function () { self.retryTimer = null; if (!self.finished) self.commit(); }, delay);
  };

  Scorm12.prototype.interaction = function (record) {
    if (this.review) return;
    var n = parseInt(this.get("cmi.interactions._count"), 10) || 0;
    var self = this;
    interactionValues(record).forEach(function (kv) {
      self.set("cmi.interactions." + n + "." + kv[0], kv[1]);
    });
  };

  Scorm12.prototype.finish = function (snap) {
    if (this.finished) return;
    if (snap.mode !== "normal") {  // review/browse: RTE 3.4.4 lesson_mode; close, write nothing
      this.finished = true;
      this.api.LMSFinish("");
      return;
    }
    // Everything here is synchronous on purpose: pagehide gives no time for promises.
    this.writeProgress(snap);
    this.storeData(this.ctx.codec.pack(snap.state, SUSPEND_DATA_MAX, this.withText));
    // RTE 3.4.4 cmi.core.exit: "suspend" keeps the attempt open for a resume; "" is a
    // normal exit once the module is complete.
    this.set("cmi.core.exit", snap.summary.completed ? "" : "suspend");
    this.set("cmi.core.session_time", timespan(Date.now() - this.startedAt));
    this.finished = true;
    clearTimeout(this.retryTimer);
    this.api.LMSCommit("");
    this.api.LMSFinish("");
  };

  SB.trackers.scorm12 = new Scorm12();
  SB.scorm12 = { timespan: timespan, timeOfDay: timeOfDay, findAPI: findAPI, SUSPEND_DATA_MAX: SUSPEND_DATA_MAX };
})();
