/*
 * SCORM 2004 4th Edition tracker: the player's learner state ↔ the LMS's API_1484_11
 * (SCORM 2004 4th Edition Run-Time Environment, RTE). One adapter behind the interface
 * documented in runtime/10-util.js; every limit is a named constant citing its clause.
 *
 * What it reports: completion and success apart (cmi.completion_status,
 * cmi.success_status), the score once it is final (scaled, raw, min, max), progress,
 * the bookmark (cmi.location), the compact state (cmi.suspend_data, 64,000 characters),
 * one cmi.interactions entry per answer, one cmi.objectives entry per learning objective
 * plus the module's "completed" objective (what a forced order reads), session time,
 * exit, and a navigation request (adl.nav.request) when the session ends.
 */
(function () {
  "use strict";

  /** @type {SBNamespace} */
  var SB = (window.SB = window.SB || /** @type {SBNamespace} */ ({}));
  SB.trackers = SB.trackers || {};

  // RTE 3.3.1 API instance discovery (scorm-api.js): the API is window.API_1484_11 on a
  // parent frame or the opener; ADL's sample walks at most 500 frames.
  var API_NAME = /** @type {"API_1484_11"} */ ("API_1484_11");
  var MAX_PARENT_HOPS = 500;
  // RTE 4.2.24 cmi.suspend_data: characterstring, SPM 64000 characters.
  var SUSPEND_DATA_MAX = 64000;
  // RTE 4.2.14 cmi.location: characterstring, SPM 1000 characters.
  var LOCATION_MAX = 1000;
  // RTE 4.2.9 cmi.interactions.n.id: long_identifier_type, SPM 4000 characters.
  var LONG_IDENTIFIER_MAX = 4000;
  // RTE 4.2.9.1 choice responses: short_identifier_type, SPM 250 characters each.
  var SHORT_IDENTIFIER_MAX = 250;
  // RTE 3.1.7 error codes that are not this player's mistake: 0 no error; 402 an optional
  // element the LMS does not implement; 403 GetValue of an element not yet initialised
  // (cmi.location at a first launch).
  var HARMLESS = ["0", "", "402", "403"];
  // Commit retry schedule after an LMS failure (ms): backoff, then keep the message shown.
  var RETRY_DELAYS = [1000, 2000, 4000, 8000, 16000];

  // --- data types (RTE 4.1.1) --------------------------------------------------------------

  /** timeinterval (second,10,2): an ISO 8601 duration, to the hundredth of a second. */
  function duration(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor((cs % 360000) / 6000), s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s.toFixed(2).replace(/\.?0+$/, "") + "S";
  }

  /** time (second,10,0): ISO 8601 date and time, hundredths at most, in UTC ("Z"). */
  function timestamp(d) {
    return d.toISOString().replace(/(\.\d{2})\d*Z$/, "$1Z");
  }

  function shortId(id) { return String(id).replace(/\s+/g, "_").slice(0, SHORT_IDENTIFIER_MAX); }
  function longId(id) { return String(id).replace(/\s+/g, "_").slice(0, LONG_IDENTIFIER_MAX); }

  // --- interactions (RTE 4.2.9 cmi.interactions.n.*) -----------------------------------------

  function isTrueFalse(record) {
    return record.type === "true-false" && record.choices.every(function (c) { return c === "true" || c === "false"; });
  }

  /** RTE 4.2.9.1: true-false is "true"/"false"; choice is the choice ids joined by "[,]". */
  function responseOf(record, ids) {
    if (isTrueFalse(record)) return ids[0] === "true" ? "true" : "false";
    return ids.map(shortId).join("[,]");
  }

  /**
   * One try's cmi.interactions.n.* elements, in the order RTE 4.2.9 needs them (id, then
   * type: correct_responses and learner_response are read by it). Types beyond choices
   * format themselves (static/question-*.js `scorm2004`: type, patterns, response) in the
   * RTE 4.2.9.1 vocabularies: matching "1[.]a[,]2[.]b", sequencing "a[,]b", fill-in with
   * "{case_matters=true}", numeric "min[:]max", likert with no correct response.
   */
  function interactionValues(record) {
    var q = (SB.questions || {})[record.type], own = q && q.scorm2004 ? q.scorm2004(record) : null;
    var patterns = own ? own.patterns : [responseOf(record, record.correct)];
    var values = [
      ["id", longId(record.id)],
      ["type", own ? own.type : isTrueFalse(record) ? "true-false" : "choice"],
      ["timestamp", timestamp(record.time)],
      // an unscored answer (likert, result null) weighs nothing (RTE 4.2.9 weighting: real)
      ["weighting", record.result === null ? "0" : "1"]
    ];
    patterns.forEach(function (p, i) { values.push(["correct_responses." + i + ".pattern", p]); });
    return values.concat([
      ["learner_response", own ? own.response : responseOf(record, record.response)],
      // RTE 4.2.9 result vocabulary: correct, incorrect, unanticipated, neutral, or a real;
      // an opinion (likert) is neither right nor wrong: "neutral".
      ["result", record.result === null ? "neutral" : record.result ? "correct" : "incorrect"],
      ["latency", duration(record.latencyMs)]
    ]);
  }

  // --- the tracker --------------------------------------------------------------------------

  function Scorm2004() {
    this.api = null;
    this.ctx = null;
    this.startedAt = 0;
    this.mode = "normal";
    this.lastData = null;      // last suspend_data that fitted the budget
    this.overflowed = false;
    this.failures = 0;
    this.retryTimer = null;
    this.finished = false;
    this.dirty = false;
    this.errors = [];          // data-model errors seen: bugs in this player, kept for tests
    this.written = {};         // element → last value the LMS accepted (skip repeats)
    this.objectives = {};      // objective id → its index n in cmi.objectives
  }

  Scorm2004.prototype.available = function () {
    this.api = /** @type {SBScormApi} */ (SB.scormApi).discover(API_NAME, MAX_PARENT_HOPS);  // scorm-api.js ships beside
    return !!this.api;
  };

  /** Every API call goes through here: an LMS may throw instead of answering "false".
   *  @param {keyof Scorm2004Api} fn @param {string[]} args @returns {string} */
  Scorm2004.prototype.call = function (fn, args) {
    try {
      // The API available() found (a tracker is used only then); one that went away throws here.
      var ret = /** @type {Scorm2004Api} */ (this.api)[fn].apply(this.api, args);
      return ret === null || ret === undefined ? "" : String(ret);
    } catch (e) {
      this.errors.push({ element: fn, code: "throw" });
      if (window.console) console.warn("SCORM 2004 " + fn + " threw", e);
      return "false";
    }
  };

  Scorm2004.prototype.get = function (element) {
    var value = this.call("GetValue", [element]);
    this.lastError(element);
    return value;
  };

  Scorm2004.prototype.set = function (element, value) {
    value = String(value);
    if (this.written[element] === value) return true; // unchanged: no LMS traffic
    var ok = this.call("SetValue", [element, value]) === "true";
    if (!this.lastError(element) && !ok) this.errors.push({ element: element, code: "false" });
    if (ok) { this.written[element] = value; this.dirty = true; }
    return ok;
  };

  /** RTE 3.1.7: GetLastError, with GetErrorString and GetDiagnostic for the console. */
  Scorm2004.prototype.lastError = function (element) {
    var code = this.call("GetLastError", []);
    if (HARMLESS.indexOf(code) >= 0) return false;
    this.errors.push({ element: element, code: code });
    if (window.console) {
      console.warn("SCORM 2004 error " + code + " on " + element + ": " + this.call("GetErrorString", [code])
                   + " (" + this.call("GetDiagnostic", [code]) + ")");
    }
    return true;
  };

  /** @param {TrackerContext} ctx */
  Scorm2004.prototype.start = function (ctx) {
    this.ctx = ctx;
    this.startedAt = Date.now();
    if (this.call("Initialize", [""]) !== "true") {
      return Promise.reject(new Error("Initialize failed: " + this.call("GetLastError", [])));
    }
    this.withText = ctx.config.reflectionsMode !== "local";
    this.cfg = ctx.config.scorm2004 || { objectives: [], completedObjective: null };
    // RTE 4.2.7 cmi.entry: "ab-initio" first attempt, "resume" after exit=suspend, "" otherwise.
    var entry = this.get("cmi.entry");
    // RTE 4.2.12 cmi.mode: "normal", or "browse"/"review" where nothing is recorded.
    this.mode = this.get("cmi.mode") || "normal";
    // A first attempt has nothing stored: asking would only earn 403 (RTE 3.1.7.6, not initialised).
    var fresh = entry === "ab-initio";
    var location = fresh ? "" : this.get("cmi.location");
    var data = fresh ? "" : this.get("cmi.suspend_data");
    // RTE 4.2.21 cmi.scaled_passing_score: the LMS's pass mark (from the manifest's
    // imsss:minNormalizedMeasure, or its own), in [-1, 1]; it wins over the package's.
    var passing = parseFloat(this.get("cmi.scaled_passing_score"));
    this.indexObjectives();
    if (this.mode === "normal") this.markStarted();
    var state = fresh ? null : ctx.codec.decode(data);
    this.lastData = state ? data : null;
    return Promise.resolve({ entry: entry, location: location, state: state,
                             mastery: isNaN(passing) ? null : Math.round(passing * 100), mode: this.mode });
  };

  // RTE 4.2.4 cmi.completion_status: "not attempted"/"unknown" until the SCO says otherwise;
  // RTE 4.2.17 cmi.objectives: the LMS lists the manifest's objectives, the SCO adds missing ones.
  Scorm2004.prototype.markStarted = function () {
    var status = this.get("cmi.completion_status");
    if (status === "not attempted" || status === "unknown" || status === "") this.set("cmi.completion_status", "incomplete");
    var self = this;
    this.ownObjectives().forEach(function (o) { self.objective(o.id, o.description); });
    if (this.dirty) this.commit();
  };

  Scorm2004.prototype.indexObjectives = function () {
    var count = parseInt(this.get("cmi.objectives._count"), 10) || 0;
    for (var n = 0; n < count; n++) this.objectives[this.get("cmi.objectives." + n + ".id")] = n;
  };

  Scorm2004.prototype.ownObjectives = function () {
    var list = (/** @type {Scorm2004Config} */ (this.cfg).objectives || []).slice();
    if (/** @type {Scorm2004Config} */ (this.cfg).completedObjective) list.push({ id: /** @type {Scorm2004Config} */ (this.cfg).completedObjective, description: "" });
    return list;
  };

  /** The index of objective `id` in cmi.objectives, created (id first: RTE 4.2.17) if new. */
  Scorm2004.prototype.objective = function (id, description) {
    if (this.objectives[id] === undefined) {
      var n = parseInt(this.get("cmi.objectives._count"), 10) || 0;
      if (!this.set("cmi.objectives." + n + ".id", longId(id))) return -1;
      this.objectives[id] = n;
      if (description) this.set("cmi.objectives." + n + ".description", description);
    }
    return this.objectives[id];
  };

  /** RTE 4.2.18 cmi.progress_measure in [0, 1]: 1 only when completed. */
  function progress(sum) {
    if (sum.completed) return 1;
    var all = sum.lessons + sum.checks, done = sum.visited + sum.answered;
    return all ? Math.min(0.99, Math.round((100 * done) / all) / 100) : 0;
  }

  /** @param {Snapshot} snap */
  Scorm2004.prototype.writeProgress = function (snap) {
    var sum = snap.summary;
    this.set("cmi.location", snap.location.slice(0, LOCATION_MAX));
    this.set("cmi.progress_measure", String(progress(sum)));
    this.set("cmi.completion_status", sum.completed ? "completed" : "incomplete");
    // No score, no success before the verdict is final (the player's summary says when):
    // an LMS that grades on score would otherwise record a half-answered module as failed.
    var verdict = sum.completed && (sum.status === "passed" || sum.status === "failed") ? sum.status : null;
    if (sum.completed && sum.score !== null) {
      // RTE 4.2.20 cmi.score: min/max first so raw is judged by them; scaled in [-1, 1].
      this.set("cmi.score.min", "0");
      this.set("cmi.score.max", "100");
      this.set("cmi.score.raw", String(sum.score));
      this.set("cmi.score.scaled", String(sum.score / 100));
    }
    // RTE 4.2.22 cmi.success_status: passed/failed only with a mastery score; else unknown.
    if (verdict) this.set("cmi.success_status", verdict);
    this.writeObjectives(sum, verdict);
  };

  /** The module's learning objectives share its completion and its verdict; the
   * "completed" objective is satisfied once the module is completed (a forced order's key). */
  Scorm2004.prototype.writeObjectives = function (sum, verdict) {
    var self = this;
    (/** @type {Scorm2004Config} */ (this.cfg).objectives || []).forEach(function (o) {
      var n = self.objective(o.id, o.description);
      if (n < 0) return;
      self.set("cmi.objectives." + n + ".completion_status", sum.completed ? "completed" : "incomplete");
      if (verdict) self.set("cmi.objectives." + n + ".success_status", verdict);
    });
    if (!/** @type {Scorm2004Config} */ (this.cfg).completedObjective) return;
    var k = this.objective(/** @type {Scorm2004Config} */ (this.cfg).completedObjective, "");
    if (k < 0) return;
    this.set("cmi.objectives." + k + ".completion_status", sum.completed ? "completed" : "incomplete");
    if (sum.completed) this.set("cmi.objectives." + k + ".success_status", "passed");
  };

  /** @param {Snapshot} snap */
  Scorm2004.prototype.save = function (snap) {
    if (this.finished || this.mode !== "normal") return;
    this.writeProgress(snap);
    this.storeData(/** @type {TrackerContext} */ (this.ctx).codec.pack(snap.state, SUSPEND_DATA_MAX, this.withText));
    if (this.dirty || this.failures) this.commit(); // nothing new: no commit round trip
  };

  /** @param {{data: string | null, dropped: string[]}} packed */
  Scorm2004.prototype.storeData = function (packed) {
    if (packed.data !== null && packed.data !== this.lastData) {
      if (this.set("cmi.suspend_data", packed.data)) this.lastData = packed.data;
    }
    if (packed.dropped.length && !this.overflowed) /** @type {TrackerContext} */ (this.ctx).notify("overflow");
    this.overflowed = packed.dropped.length > 0;
  };

  /** RTE 3.1.3.3 Commit; on failure retry with backoff and tell the learner, never block. */
  Scorm2004.prototype.commit = function () {
    var ok = this.call("Commit", [""]) === "true" && this.call("GetLastError", []) === "0";
    if (ok) {
      this.dirty = false;
      if (this.failures) /** @type {TrackerContext} */ (this.ctx).notify("lmsRecovered");
      this.failures = 0;
      return true;
    }
    this.failures++;
    if (this.failures === 1) /** @type {TrackerContext} */ (this.ctx).notify("lmsError");
    this.scheduleRetry();
    return false;
  };

  Scorm2004.prototype.scheduleRetry = function () {
    var self = this;
    if (this.retryTimer || this.finished) return;
    var delay = RETRY_DELAYS[Math.min(this.failures - 1, RETRY_DELAYS.length - 1)];
    this.retryTimer = setTimeout(function () { self.retryTimer = null; if (!self.finished) self.commit(); }, delay);
  };

  /** @param {InteractionRecord} record */
  Scorm2004.prototype.interaction = function (record) {
    if (this.mode !== "normal") return;
    var n = parseInt(this.get("cmi.interactions._count"), 10) || 0;
    var self = this;
    // RTE 4.2.9: id first, then type (learner_response and correct_responses depend on it).
    interactionValues(record).forEach(function (kv) {
      self.set("cmi.interactions." + n + "." + kv[0], kv[1]);
    });
  };

  /**
   * RTE 4.4 adl.nav.request at the end of the session: on to the next module when the
   * LMS says "continue" is valid, else leave this one ("exit"); an unfinished module
   * suspends the whole attempt ("suspendAll") so the learner resumes where they were.
   * A navigation the LMS itself started (its menu, its exit button) takes precedence.
   */
  Scorm2004.prototype.navRequest = function (completed) {
    if (!completed) return "suspendAll";
    return this.get("adl.nav.request_valid.continue") === "true" ? "continue" : "exit";
  };

  /** @param {Snapshot} snap */
  Scorm2004.prototype.finish = function (snap) {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.retryTimer);
    if (snap.mode !== "normal" || this.mode !== "normal") {  // RTE 4.2.12 browse/review: record nothing
      this.call("Terminate", [""]);
      return;
    }
    // Everything here is synchronous on purpose: pagehide gives no time for promises.
    this.writeProgress(snap);
    this.storeData(/** @type {TrackerContext} */ (this.ctx).codec.pack(snap.state, SUSPEND_DATA_MAX, this.withText));
    // RTE 4.2.8 cmi.exit: "suspend" keeps the attempt open for a resume; "normal" ends it.
    this.set("cmi.exit", snap.summary.completed ? "normal" : "suspend");
    // RTE 4.2.23 cmi.session_time: timeinterval, this session only.
    this.set("cmi.session_time", duration(Date.now() - this.startedAt));
    this.set("adl.nav.request", this.navRequest(snap.summary.completed));
    this.call("Commit", [""]);
    this.call("Terminate", [""]);
  };

  SB.trackers.scorm2004 = new Scorm2004();
  SB.scorm2004 = { duration: duration, timestamp: timestamp, SUSPEND_DATA_MAX: SUSPEND_DATA_MAX };
})();
