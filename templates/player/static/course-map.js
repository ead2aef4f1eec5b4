/*
 * scormbuild learner player — the course's modules with their progress: "This course" on
 * the start page of a bundle's modules, and the list of the bundle's course page
 * (player/course.html.j2) (issue 15: the bundle as one course). Shipped only in packages
 * of several modules.
 *
 * Neither SCORM 1.2 nor 2004 lets a SCO read another SCO's status (each SCO sees only its
 * own cmi data model), so each module records its progress in this browser
 * (localStorage, "<storage key>:progress") whenever it saves, and every module's start page
 * and the course page show what this browser knows — saying so: the LMS holds the official
 * record. The course page is an asset (no LMS API): it only reads what the modules wrote.
 */
(function () {
  "use strict";

  var SB = window.SB;
  var LABELS = { completed: "statusCompleted", passed: "statusPassed", failed: "statusFailed",
                 incomplete: "statusIncomplete" };

  /** @param {string} storageKey @returns {string} */
  function progressKey(storageKey) { return storageKey + ":progress"; }

  /** What this browser recorded of one module, in the course's words.
   *  @param {string} storageKey @param {Strings} S @returns {string} */
  function progressText(storageKey, S) {
    var saved;
    try { saved = JSON.parse(SB.store.get(progressKey(storageKey)) || "null"); } catch (e) { saved = null; }
    return saved && LABELS[saved.status]
      ? S[LABELS[saved.status]] + " — " + SB.dom.fmt(S.lessonsDone, { n: saved.visited, m: saved.lessons })
      : S.notStarted;
  }

  /** Fill each module's [data-course-status] slot (templates/player/course-map.html.j2).
   *  @param {CourseMapEntry[]} modules @param {Strings} S */
  function render(modules, S) {
    modules.forEach(function (mod) {
      var slot = document.querySelector('[data-course-status="' + mod.id + '"]');
      if (slot) slot.textContent = progressText(mod.key, S);
    });
  }

  SB.courseMap = { render: render };

  // The course page: no player, no tracker, no LMS API — its data is in #sb-course-data.
  var data = document.getElementById("sb-course-data");
  if (data) {
    var page = JSON.parse(data.textContent);
    render(page.courseMap, page.strings);
    return;
  }
  if (!SB.Player) return;
  var P = SB.Player.prototype;

  P.recordProgress = function () {
    if (!this.records()) return;
    var sum = this.summary();
    SB.store.set(progressKey(this.cfg.storageKey),
                 JSON.stringify({ status: sum.status, visited: sum.visited, lessons: sum.lessons }));
  };

  P.renderCourseMap = function () { render(this.cfg.courseMap || [], this.S); };

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
