/*
 * scormbuild learner player — the UI core, the same for every standard.
 *
 * The runtime is written as the files of templates/player/runtime/, read in name order
 * (10-util … 70-session) and shipped concatenated, inside one function scope, as
 * player/player.js (render.py `player_runtime`): no build step outside Python, and names
 * such as `$` or `Player` stay private to the player. Each file is one seam: helpers,
 * the state codec, the progress rules, views, the learner's texts, the session (trackers,
 * saving, page lifecycle). The knowledge-check UI (static/checks.js) and each question
 * type's code (static/question-*.js) ship as their own files, only in packages whose
 * modules use them, and plug in through SB.Player.prototype and SB.questions.
 *
 * The page (player/module.html.j2) holds every lesson; the player shows one view at a
 * time, keeps the learner's state (visited lessons, revealed "continue" segments, submitted
 * answers, reflections, core-value choices, worksheet fields) and hands it to a tracker
 * adapter. Trackers register themselves in SB.trackers (tracker-<name>.js) behind one
 * interface:
 *
 *   available()            → true when this tracker can run here (e.g. an LMS API is found)
 *   start(ctx)             → Promise<{entry, location, state, mastery, mode}>
 *                            ctx = {config, codec, notify(kind)}; entry is "ab-initio",
 *                            "resume" or "" (re-entry); state is null when nothing is stored;
 *                            mode is "normal" (default), "browse" or "review" (SCORM
 *                            cmi.core.lesson_mode, cmi5 launchMode), lower case
 *   save(snapshot)         → commit {location, state, summary, mode, reason} at a meaningful
 *                            point; reason "hidden": the page went to the background and may
 *                            be frozen or discarded without another event, so the work must be
 *                            on its way before save() returns (SCORM: LMSCommit now)
 *   interaction(record)    → one knowledge-check answer (id, type, response, correct, result…)
 *   finish(snapshot)       → last save + end of session; called once (exit, pagehide), so it
 *                            must be synchronous. A page back from the back/forward cache after
 *                            finish() is not restarted: it tells the learner to reopen it.
 *
 * A tracker never lets an LMS failure reach the player: start() rejects (the player then
 * carries on with the standalone tracker and tells the learner), the other calls catch,
 * log, tell the learner through ctx.notify and keep the work in the browser.
 *
 * In review and browse mode the player itself calls neither save() nor interaction():
 * only start() and finish() reach the tracker, which then writes only what its standard
 * requires to open and close a session (see 70-session.js).
 *
 * The first tracker in config.trackers whose available() is true is used, so a cmi5 or
 * Tin Can adapter drops in without a change here. Plain ES2017, no network.
 */
/** @type {SBNamespace} */
var SB = (window.SB = window.SB || /** @type {SBNamespace} */ ({}));
SB.trackers = SB.trackers || {};

// --- small helpers -----------------------------------------------------------------

// `$`/`$$` find elements of any kind (the selector says which), hence `any` (types/player.d.ts SBDom).
/** @param {string} sel @param {ParentNode} [root] @returns {any} */
function $(sel, root) { return (root || document).querySelector(sel); }
/** @param {string} sel @param {ParentNode} [root] @returns {any[]} */
function $$(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
/** "{name}" placeholders of a UI string filled in; an unknown one stays as it is.
 *  @param {string} template @param {Dict<any>} vars (numbers print as they are) @returns {string} */
function fmt(template, vars) {
  return String(template).replace(/\{(\w+)\}/g, function (m, k) { return k in vars ? vars[k] : m; });
}
/** @param {string} s @returns {string} */
function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}
// For the files shipped beside player.js (checks.js: the knowledge-check UI, only in
// packages whose modules have checks).
SB.dom = { $: $, $$: $$, fmt: fmt, esc: escapeHtml };
/** @param {() => void} fn @param {number} ms @returns {Debounced} */
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
