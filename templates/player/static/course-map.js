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

  /** What this browser recorded of one module: its status (course-map.css colours it),
   *  the share of lessons visited (the course page's bar) and the words that say both.
   *  @param {string} storageKey @param {Strings} S
   *  @returns {{state: string, share: number, text: string}} */
  function progress(storageKey, S) {
    var saved;
    try { saved = JSON.parse(SB.store.get(progressKey(storageKey)) || "null"); } catch (e) { saved = null; }
    if (!saved || !LABELS[saved.status]) return { state: "new", share: 0, text: S.notStarted };
    var done = saved.status === "completed" || saved.status === "passed";
    return { state: saved.status,
             share: done ? 1 : Math.min(1, saved.visited / Math.max(1, saved.lessons)),
             text: S[LABELS[saved.status]] + " — " + SB.dom.fmt(S.lessonsDone, { n: saved.visited, m: saved.lessons }) };
  }

  /** Fill each module's [data-course-status] slot and [data-course-bar], if any
   *  (templates/player/course-map.html.j2).
   *  @param {CourseMapEntry[]} modules @param {Strings} S */
  function render(modules, S) {
    modules.forEach(function (mod) {
      var now = progress(mod.key, S);
      var slot = document.querySelector('[data-course-status="' + mod.id + '"]');
      if (slot) { slot.textContent = now.text; slot.setAttribute("data-state", now.state); }
      var bar = /** @type {HTMLElement | null} */ (document.querySelector('[data-course-bar="' + mod.id + '"]'));
      if (bar) bar.style.width = Math.round(now.share * 100) + "%";
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
