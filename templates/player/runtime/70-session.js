// --- notices (one polite live region: never blocks the learner, WCAG 4.1.3)

Player.prototype.notify = function (kind) {
  var text = this.S[{ review: "reviewMode", browse: "browseMode" }[kind] || kind] || kind;
  var box = $("#sb-notice");
  box.setAttribute("data-kind", kind);
  box.innerHTML = "<div class=\"sb-notice-body\"><p>" + escapeHtml(text) + "</p>" + (kind === "overflow"
    ? "<p><button type=\"button\" class=\"sb-btn\" data-action=\"download\">" + escapeHtml(this.S.downloadJournal) + "</button></p>" : "")
    + "</div><button type=\"button\" class=\"sb-btn sb-btn--quiet sb-notice-close\" data-action=\"dismiss\">"
    + escapeHtml(this.S.close) + "</button>";
  box.classList.add("is-shown");
  this.placeNotice();
};

/** A notice that says nothing new after the first time: once per browser session (tab). */
Player.prototype.notifyOnce = function (kind) {
  var key = "scormbuild:told:" + kind;
  try {
    if (window.sessionStorage.getItem(key)) return;
    window.sessionStorage.setItem(key, "1");
  } catch (e) { /* no session storage: tell every time rather than never */ }
  this.notify(kind);
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
  // Focus was on the button just removed.
  if (main) main.focus({ preventScroll: true });
};

// --- saving and finishing

// SCORM 1.2 RTE 3.4.4 cmi.core.lesson_mode, cmi5 §10.2.2 launchMode: in "review" the
// learner looks back at recorded work and in "browse" looks around without credit. Only
// "normal" sessions record anything: the player then neither saves nor reports answers,
// and keeps nothing in the browser that a later normal session could pick up.
var MODES = ["normal", "browse", "review"];

Player.prototype.records = function () { return this.mode === "normal"; };

Player.prototype.save = function (reason) {
  if (!this.tracker || this.finished || !this.started || !this.records()) return;
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
  var el = e.target.closest('[data-action], [data-go], .sb-acc-button, a[href^="#sb-l-"]');
  if (!el) return;
  if (el.classList.contains("sb-acc-button")) return this.toggleAccordion(el);
  if (!el.hasAttribute("data-go") && !el.hasAttribute("data-action")) return this.followLessonLink(e, el);
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

/** A link in the prose to another lesson (links.py made it "#sb-l-<id>"): move there in
 *  the player, never by navigating the SCO's frame. */
Player.prototype.followLessonLink = function (e, a) {
  var id = a.getAttribute("href").slice(6);
  var i = this.cfg.lessons.map(function (l) { return l.id; }).indexOf(id);
  if (i < 0) return;
  e.preventDefault();
  this.show(i);
};

Player.prototype.bind = function () {
  var self = this;
  document.addEventListener("click", function (/** @type {ElementEvent<MouseEvent>} */ e) { self.onClick(e); });
  document.addEventListener("submit", function (/** @type {ElementEvent<SubmitEvent>} */ e) {
    if (!e.target.matches(".sb-check")) return;
    e.preventDefault();
    self.onSubmit(e.target);
  });
  document.addEventListener("input", function (/** @type {ElementEvent<InputEvent>} */ e) {
    if (e.target.matches("textarea[data-prompt]")) self.onReflection(/** @type {HTMLTextAreaElement} */ (e.target));
    if (e.target.matches("textarea[data-worksheet-field]")) self.onWorksheet(/** @type {HTMLTextAreaElement} */ (e.target));
    var box = e.target.closest("[data-corevalues]");
    if (box) self.onValues(box);
  });
  // Leaving a text field is a meaningful point: save now rather than on every keystroke.
  document.addEventListener("focusout", function (/** @type {ElementEvent<FocusEvent>} */ e) {
    if (e.target.matches("textarea") && self.autosave.pending()) self.autosave.flush();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && document.body.classList.contains("sb-toc-open")) {
      self.closeToc();
      $('[data-action="toc"]').focus();
    }
  });
  // Page lifecycle (HTML "page visibility", "unloading documents"; web.dev/bfcache):
  // - hidden (another tab, a phone's home button, a screen lock) may be the last moment the
  //   page runs: the work pending is saved now, reason "hidden". Going visible again needs
  //   nothing: the session goes on.
  // - pagehide is the last event a closed tab, a navigation or a frame torn down by its LMS
  //   gets: the session ends there, even when the page enters the back/forward cache, which
  //   may drop it without another event. No unload handler (deprecated, keeps the page out
  //   of that cache), no beforeunload (cancellable). finish() runs once.
  // - pageshow from that cache: the session ended (SCORM 1.2 RTE 3.3.2.1: no call after
  //   LMSFinish), so the page says so and locks, rather than record into a closed session.
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState !== "hidden") return;
    self.journalBackup.flush();
    self.autosave.flush();
    self.save("hidden");
  });
  window.addEventListener("pagehide", function () { self.finish(); });
  window.addEventListener("pageshow", function (e) {
    if (e.persisted && self.finished) { self.exit(); self.notify("ended"); }
  });
  window.addEventListener("resize", function () { self.placeNotice(); });
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

/** Review: what was recorded is shown as it was, and nothing can be changed. */
Player.prototype.lockInputs = function () {
  $$(".sb-lesson textarea").forEach(function (t) { t.readOnly = true; });
  $$(".sb-lesson input, .sb-lesson select").forEach(function (i) { i.disabled = true; });
  $$('.sb-check button[type="submit"]').forEach(function (b) { b.hidden = true; });
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
  // An LMS that refuses or throws (Moodle 5.0's LMSInitialize on a second SCO in one page)
  // must not leave a blank page: the lesson shows, the work goes to the browser, the learner
  // is told. Promise.resolve().then also catches a tracker that throws instead of rejecting.
  return Promise.resolve().then(function () { return /** @type {{ impl: Tracker }} */ (picked).impl.start(ctx); }).catch(function (err) {
    if (window.console) console.warn(err);
    self.fallback = (err && err.notice) || "lmsStart";  // a tracker may name a closer notice
    self.tracker = /** @type {StandaloneTracker} */ (SB.trackers.standalone);  // always shipped (render.py)
    self.trackerName = "standalone";
    return self.tracker.start(ctx);
  }).then(function (got) { self.begin(got || {}); });
};

Player.prototype.begin = function (got) {
  var mode = String(got.mode || "normal").toLowerCase();
  this.mode = MODES.indexOf(mode) >= 0 ? mode : "normal";
  // A new attempt starts clean.
  if (got.entry === "ab-initio" && this.records()) SB.store.remove(this.journalKey());
  if (got.state) this.state = got.state;
  if (got.entry !== "ab-initio") this.mergeJournalBackup();
  if (typeof got.mastery === "number") this.mastery = got.mastery;
  this.restore();
  this.started = true;
  document.documentElement.classList.add("sb-mode-" + this.mode);
  if (this.mode === "review") this.lockInputs();
  if (this.trackerName === "standalone" && this.cfg.standard !== "standalone") {
    if (this.fallback) this.notify(this.fallback);  // the LMS failed: say so every time
    else this.notifyOnce("standalone");
  }
  else if (!this.records()) this.notify(this.mode);
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
