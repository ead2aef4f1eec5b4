/*
 * SCORM 1.2 tracker: the player's learner state ↔ the LMS's API (SCORM 1.2 Run-Time
 * Environment, RTE). One adapter behind the interface documented in player.js; every limit
 * is a named constant citing its clause.
 */
(function () {
  "use strict";

  /** @type {SBNamespace} */
  var SB = (window.SB = window.SB || /** @type {SBNamespace} */ ({}));
  SB.trackers = SB.trackers || {};

  // RTE 3.3 "API discovery" (scorm-api.js): window.API on a parent frame or the opener;
  // the ADL sample walks at most 7 parent frames.
  var API_NAME = /** @type {"API"} */ ("API");
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
  // RTE 3.4.3 error codes that are no failure: 0 no error; 401 "not implemented", which an
  // LMS may answer for optional elements (cmi.interactions._count, cmi.student_preference.*,
  // cmi.student_data.mastery_score): the SCO then does without them.
  var HARMLESS = ["0", "", "401"];

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

  /**
   * Learner state `b` over state `a` (30-rules.js SB.emptyState: every field a list or a
   * map): lists joined, maps merged key by key, b's entries winning.
   */
  function merge(a, b) {
    if (!a || !b) return a || b;
    Object.keys(b).forEach(function (k) {
      var x = a[k], y = b[k];
      b[k] = Array.isArray(y) ? y.concat((x || []).filter(function (v) { return y.indexOf(v) < 0; }))
        : Object.assign({}, x, y);
    });
    return b;
  }

  // --- the tracker ------------------------------------------------------------------------

  // Fields set on the way: max (suspend_data budget, lowered to what a truncating LMS really
  // keeps), lastData (the last suspend_data the LMS took), last (the latest snapshot, for
  // retries), queue (interaction elements no commit has confirmed yet), written (element →
  // the value the LMS took: an unchanged value costs no LMS call), errors (every failed
  // call, for tests and bug reports), mode, count (interactions), dirty, bad, failures.
  function Scorm12() {
    this.max = SUSPEND_DATA_MAX;
    this.failures = 0;
    this.queue = [];
    this.errors = [];
    this.written = {};
  }

  Scorm12.prototype.available = function () {
    this.api = /** @type {SBScormApi} */ (SB.scormApi).discover(API_NAME, MAX_PARENT_HOPS);  // scorm-api.js ships beside
    return !!this.api;
  };

  /**
   * Every API call goes through here. RTE 3.3 has each function answer and set an error
   * code, but a real LMS may throw instead (Moodle 5.0's LMSInitialize on a second SCO in
   * one page) or drop its API mid-session. A throw or an error code is logged with
   * LMSGetErrorString/LMSGetDiagnostic (RTE 3.3.2.1) and answered null; the callers decide
   * what the learner is told, and the page always keeps working.
   * @param {keyof Scorm12Api} fn @param {string} [a] @param {string} [b] @returns {string | null}
   */
  Scorm12.prototype.call = function (fn, a, b) {
    // The API available() found (a tracker is used only then); one that went away throws here.
    var api = /** @type {Scorm12Api} */ (this.api), code;
    try {
      var ret = /** @type {(a?: string, b?: string) => string} */ (api[fn])(a, b);
      code = String(api.LMSGetLastError());
      if (HARMLESS.indexOf(code) >= 0) return ret == null ? "" : String(ret);
      code += " " + api.LMSGetErrorString(code) + " " + api.LMSGetDiagnostic(code);
    } catch (e) {
      code = String(e);
    }
    this.errors.push({ fn: fn, element: a, code: code });
    if (window.console) console.warn("SCORM 1.2 " + fn + " " + (a || "") + ": " + code);
    return null;
  };

  Scorm12.prototype.get = function (element) {
    return this.call("LMSGetValue", element) || "";
  };

  Scorm12.prototype.set = function (element, value) {
    value = String(value);
    if (this.written[element] === value) return true;
    if (this.call("LMSSetValue", element, value) !== "true") return !(this.bad = true);
    this.written[element] = value;
    return (this.dirty = true);
  };

  /** @param {TrackerContext} ctx */
  Scorm12.prototype.start = function (ctx) {
    this.ctx = ctx;
    this.startedAt = Date.now();
    // RTE 3.3.2.1: nothing can be read or written before LMSInitialize. A refusal or a throw
    // makes the player carry on in the browser and say so (70-session.js).
    if (this.call("LMSInitialize", "") !== "true") return Promise.reject(new Error("LMSInitialize failed"));
    this.withText = ctx.config.reflectionsMode !== "local";
    // RTE 3.4.4 cmi.core.entry: "ab-initio" first launch, "resume" after exit=suspend,
    // "" otherwise; only ab-initio means "start clean".
    var entry = this.get("cmi.core.entry"), fresh = entry === "ab-initio";
    var data = fresh ? "" : this.get("cmi.suspend_data");
    var mastery = parseFloat(this.get("cmi.student_data.mastery_score"));
    // RTE 3.4.4 cmi.core.lesson_mode: only "normal" records anything (browse, review).
    this.mode = this.get("cmi.core.lesson_mode") || "normal";
    // cmi.interactions.n.* are write-only in SCORM 1.2: new ones go after those stored. An
    // LMS that does not implement the count (401) gets them numbered from 0 by this session.
    this.count = parseInt(this.get("cmi.interactions._count"), 10) || 0;
    var got = { entry: entry, location: fresh ? "" : this.get("cmi.core.lesson_location"),
                state: ctx.codec.decode(data), mastery: isNaN(mastery) ? null : mastery, mode: this.mode };
    this.lastData = got.state ? data : null;
    if (this.mode !== "normal") return Promise.resolve(got);
    // Work the LMS never confirmed (a failed commit, a session it finished itself or could
    // not open) was kept in this browser (keep()): newer than the LMS's copy, it is merged
    // over it (the LMS may hold work from another browser) and sent at the first save.
    var kept = /** @type {StandaloneTracker} */ (SB.trackers.standalone).read.call({ key: ctx.config.storageKey });
    if (kept && !kept.c) {
      got = Object.assign(got, { entry: "resume", location: kept.location,
                                 state: merge(got.state, ctx.codec.decode(kept.data)) });
    }
    // What the LMS holds already: blanking a score that is not there is no write at all.
    this.written["cmi.core.score.raw"] = this.get("cmi.core.score.raw");
    // RTE 3.4.4: the LMS reports "not attempted" until the SCO says otherwise.
    var status = this.get("cmi.core.lesson_status");
    if (status === "not attempted" || status === "") {
      this.set("cmi.core.lesson_status", "incomplete");
      this.commit();
    }
    return Promise.resolve(got);
  };

  /**
   * This browser keeps the latest work in the standalone tracker's record, `c` when the LMS
   * confirmed it: a session the LMS cannot open then goes on from there (standalone), and
   * what the LMS did not take is sent at the next launch.
   */
  /** @param {Snapshot | undefined} snap none before the first save @param {number} [c] 1: the LMS confirmed it */
  Scorm12.prototype.keep = function (snap, c) {
    if (snap) /** @type {StandaloneTracker} */ (SB.trackers.standalone).write.call({ key: /** @type {TrackerContext} */ (this.ctx).config.storageKey, ctx: this.ctx, interactions: 0 }, snap, c);
  };

  /** @param {Snapshot} snap */
  Scorm12.prototype.writeProgress = function (snap) {
    this.set("cmi.core.lesson_location", snap.location.slice(0, LESSON_LOCATION_MAX));
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

  /** Interactions first (a retry writes again the ones not taken), then progress and state. */
  /** @param {Snapshot} snap */
  Scorm12.prototype.write = function (snap) {
    this.bad = false;
    this.last = snap;
    this.queue.forEach(/** @this {Scorm12} */ function (kv) { this.set(kv[0], kv[1]); }, this);
    this.writeProgress(snap);
    this.storeData(/** @type {TrackerContext} */ (this.ctx).codec.pack(snap.state, this.max, this.withText), snap);
  };

  // Reason "hidden" (the page goes to the background, 10-util.js) needs nothing more: a
  // save writes and commits synchronously, now.
  /** @param {Snapshot} snap */
  Scorm12.prototype.save = function (snap) {
    if (this.finished || this.mode !== "normal") return;
    this.write(snap);
    // Nothing new: no commit round trip.
    if (this.dirty || this.failures || this.bad) this.commit();
  };

  /** @param {{data: string | null, dropped: string[]}} packed @param {Snapshot} snap */
  Scorm12.prototype.storeData = function (packed, snap) {
    if (packed.data !== null && packed.data !== this.lastData && this.set("cmi.suspend_data", packed.data)) {
      this.lastData = packed.data;
      // Many LMSs cut cmi.suspend_data silently (LMS-NOTES.md). Read back shorter is the
      // LMS's real limit: pack for it; the texts left out stay in the browser, the learner is told.
      var back = this.call("LMSGetValue", "cmi.suspend_data");
      if (back !== null && back.length < packed.data.length) {
        this.max = back.length;
        return this.storeData(/** @type {TrackerContext} */ (this.ctx).codec.pack(snap.state, this.max, this.withText), snap);
      }
    }
    if (packed.dropped.length && !this.overflowed) /** @type {TrackerContext} */ (this.ctx).notify("overflow");
    this.overflowed = packed.dropped.length > 0;
  };

  /**
   * RTE 3.3.2.1 LMSCommit. It fails when it answers "false" or throws, or when a value was
   * not taken: the learner is told once (never blocked), the work is kept in the browser and
   * the save is retried with backoff.
   */
  Scorm12.prototype.commit = function () {
    if (this.call("LMSCommit", "") === "true" && !this.bad) {
      this.dirty = false;
      if (this.failures) /** @type {TrackerContext} */ (this.ctx).notify("lmsRecovered");
      this.failures = 0;
      this.queue = [];
      this.keep(this.last, 1);
      return true;
    }
    if (!this.failures++) /** @type {TrackerContext} */ (this.ctx).notify("lmsError");
    this.keep(this.last);
    this.scheduleRetry();
    return false;
  };

  Scorm12.prototype.scheduleRetry = function () {
    var self = this;
    if (this.retryTimer || this.finished) return;
    var delay = RETRY_DELAYS[Math.min(this.failures - 1, RETRY_DELAYS.length - 1)];
    /** @type {number | null} */
    this.retryTimer = setTimeout(function () {
      self.retryTimer = null;
      if (self.last) self.save(self.last); else self.commit();
    }, delay);
  };

  /** @param {InteractionRecord} record */
  Scorm12.prototype.interaction = function (record) {
    var prefix = "cmi.interactions." + /** @type {number} */ (this.count)++ + ".";  // set by start()
    interactionValues(record).forEach(/** @this {Scorm12} */ function (kv) { this.queue.push([prefix + kv[0], kv[1]]); }, this);
  };

  /** @param {Snapshot} snap */
  Scorm12.prototype.finish = function (snap) {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.retryTimer);
    // RTE 3.4.4 cmi.core.lesson_mode: browse and review write nothing; LMSFinish is the one
    // call RTE 3.3.2.1 requires to end the session.
    if (this.mode === "normal") {
      // Synchronous on purpose: pagehide gives no time for promises.
      this.write(snap);
      // RTE 3.4.4 cmi.core.exit: "suspend" keeps the attempt open for a resume; "" is a
      // normal exit once the module is complete.
      this.set("cmi.core.exit", snap.summary.completed ? "" : "suspend");
      this.set("cmi.core.session_time", timespan(Date.now() - /** @type {number} */ (this.startedAt)));
      // An LMS that finished the session itself (a frame torn down) or went away takes
      // nothing more: what it did not take is kept in the browser for the next launch, and
      // a learner still looking (EXIT) is told so rather than "saved".
      if (this.call("LMSCommit", "") !== "true" || this.bad) {
        this.keep(snap);
        /** @type {TrackerContext} */ (this.ctx).notify("lmsKept");
      }
    }
    this.call("LMSFinish", "");
  };

  SB.trackers.scorm12 = new Scorm12();
})();
