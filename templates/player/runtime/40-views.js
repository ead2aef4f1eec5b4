// --- the player ------------------------------------------------------------------------

/**
 * The player of one module page. Its members used across files, and the methods the later
 * parts and the static files add, are declared in templates/player/types/player.d.ts
 * (`interface Player`, merged with this function by tsc).
 * @param {PlayerConfig} cfg
 */
function Player(cfg) {
  this.cfg = cfg;
  this.S = cfg.strings;
  this.state = SB.emptyState();
  /** @type {string | number} "start", "end", "journal", "exited" or a lesson's index */
  this.view = "start";
  /** @type {string | number} */
  this.lastView = "start";
  this.mastery = cfg.mastery;
  /** @type {string} "normal", "browse" or "review" (70-session.js MODES) */
  this.mode = "normal";
  /** @type {Tracker | null} */
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
  return { location: this.location(), state: this.state, summary: this.summary(), reason: reason, mode: this.mode };
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
  var order = /** @type {Array<string | number>} */ (["start"]).concat(this.cfg.lessons.map(function (_, i) { return i; }), ["end"]);
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
