/*
 * Standalone tracker: no LMS found (a plain folder, file://, a web server). Progress lives
 * in this browser's localStorage under config.storageKey, with the same behaviour as in an
 * LMS: bookmark, answers, reflections, completion. Always available, so it is the fallback.
 */
(function () {
  "use strict";

  /** @type {SBNamespace} */
  var SB = (window.SB = window.SB || /** @type {SBNamespace} */ ({}));
  SB.trackers = SB.trackers || {};

  function Standalone() {
    this.ctx = null;
    this.key = "";
    this.finished = false;
    this.interactions = 0;
  }

  Standalone.prototype.available = function () { return true; };

  Standalone.prototype.read = function () {
    try { return JSON.parse(SB.store.get(this.key) || "null"); } catch (e) { return null; }
  };

  /** @param {TrackerContext} ctx */
  Standalone.prototype.start = function (ctx) {
    this.ctx = ctx;
    this.key = ctx.config.storageKey;
    var stored = this.read();
    // Nothing stored is a first visit, but not "ab-initio": a journal kept in this browser
    // by an earlier LMS session must still be merged back.
    if (!stored) return Promise.resolve({ entry: "", location: "", state: null, mastery: null });
    this.interactions = stored.interactions || 0;
    return Promise.resolve({ entry: "resume", location: stored.location || "",
                             state: ctx.codec.decode(stored.data), mastery: null });
  };

  // `c`: the SCORM tracker's copy of what its LMS confirmed (tracker-scorm12.js keep()); a
  // browser that refuses it needs no notice then, the LMS has the work.
  // It runs once start() set ctx, or with the ctx of the SCORM tracker that calls it.
  /** @param {Snapshot} snap @param {number} [c] */
  Standalone.prototype.write = function (snap, c) {
    var record = {
      c: c,
      location: snap.location,
      // The browser is the learner's own store: reflections are kept whatever the course's
      // reflections mode (that setting only keeps text out of the LMS).
      data: /** @type {TrackerContext} */ (this.ctx).codec.encode(snap.state, true),
      status: snap.summary.status,
      score: snap.summary.score,
      interactions: this.interactions
    };
    if (!SB.store.set(this.key, JSON.stringify(record)) && !c) /** @type {TrackerContext} */ (this.ctx).notify("noStorage");
  };

  /** @param {Snapshot} snap */
  Standalone.prototype.save = function (snap) { if (!this.finished) this.write(snap); };
  Standalone.prototype.interaction = function () { this.interactions++; };
  /** @param {Snapshot} snap */
  Standalone.prototype.finish = function (snap) {
    if (this.finished) return;
    this.write(snap);
    this.finished = true;
  };

  SB.trackers.standalone = new Standalone();
})();
