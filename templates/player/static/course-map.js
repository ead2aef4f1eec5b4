/*
 * scormbuild learner player — "This course" on the start page of a bundle's modules
 * (issue 15: the bundle as one course). Shipped only in packages of several modules.
 *
 * Neither SCORM 1.2 nor 2004 lets a SCO read another SCO's status (each SCO sees only its
 * own cmi data model), so each module records its progress in this browser
 * (localStorage, "<storage key>:progress") whenever it saves, and every module's start page
 * shows what this browser knows — saying so: the LMS holds the official record.
 */
(function () {
  "use strict";

  var SB = window.SB, P = SB.Player.prototype;
  var LABELS = { completed: "statusCompleted", passed: "statusPassed", failed: "statusFailed",
                 incomplete: "statusIncomplete" };

  function progressKey(storageKey) { return storageKey + ":progress"; }

  P.recordProgress = function () {
    if (!this.records()) return;
    var sum = this.summary();
    SB.store.set(progressKey(this.cfg.storageKey),
                 JSON.stringify({ status: sum.status, visited: sum.visited, lessons: sum.lessons }));
  };

  P.renderCourseMap = function () {
    var S = this.S;
    (this.cfg.courseMap || []).forEach(function (mod) {
      var slot = document.querySelector('[data-course-status="' + mod.id + '"]');
      if (!slot) return;
      var saved;
      try { saved = JSON.parse(SB.store.get(progressKey(mod.key)) || "null"); } catch (e) { saved = null; }
      slot.textContent = saved && LABELS[saved.status]
        ? S[LABELS[saved.status]] + " — " + SB.dom.fmt(S.lessonsDone, { n: saved.visited, m: saved.lessons })
        : S.notStarted;
    });
  };

  var save = P.save;
  P.save = function (reason) {
    save.call(this, reason);
    if (this.started) this.recordProgress();
  };

  var begin = P.begin;
  P.begin = function (got) {
    var out = begin.call(this, got);
    this.recordProgress();
    this.renderCourseMap();
    return out;
  };
})();
