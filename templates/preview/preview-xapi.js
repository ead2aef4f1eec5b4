/*
 * cmi5 and Tin Can in the preview: the launch an LMS would make, against the preview
 * server's in-memory LRS (/lrs/) and cmi5 LMS (/lms/), and the inspector's statement list.
 *
 * The learner's state survives a rebuild because every relaunch of a module uses the same
 * actor, activity id and registration: the player reads back its State API document (and
 * resumes at its bookmark), as after a relaunch in a real LMS. Each relaunch is a new cmi5
 * session (cmi5 8.2: a fetch URL is good for one session).
 */
(function () {
  "use strict";

  var POLL_MS = 300;  // how often the inspector asks the LRS what arrived
  var origin = location.origin;
  var actor = { objectType: "Agent", name: "Preview learner", account: { homePage: origin, name: "preview" } };
  var seen = 0;       // statements listed so far
  var polling = false;

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "10000000-1000-4000-8000-100000000000".replace(/[018]/g, function (c) {
      var n = Number(c);
      return (n ^ (Math.random() * 16) >> (n / 4)).toString(16);
    });
  }

  /** One registration per module for the whole preview tab (xAPI Data 2.4.6). */
  function registration(key) {
    var name = "scormbuild-preview-registration:" + key, reg = sessionStorage.getItem(name);
    if (!reg) { reg = uuid(); sessionStorage.setItem(name, reg); }
    return reg;
  }

  function query(params) {
    return Object.keys(params).filter(function (k) { return params[k] !== ""; }).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
    }).join("&");
  }

  /** The AU's URL with its launch parameters (cmi5 8.1; the Tin Can launch document). */
  function launchUrl(standard, sco, url) {
    var reg = registration(sco.key), who = JSON.stringify(actor);
    startPolling();
    if (standard === "tincan") {
      return url + "?" + query({ endpoint: origin + "/lrs/", auth: "Basic " + btoa("preview:preview"),
                                 actor: who, registration: reg, activity_id: sco.activity });
    }
    // cmi5 8.1: the LMS's activityId for the AU, not the publisher id.
    var activityId = sco.activity + "/preview";
    var fetchUrl = origin + "/lms/fetch/" + uuid() + "?" + query({
      activityId: activityId, registration: reg, actor: who, publisherId: sco.activity,
      moveOn: sco.move_on, masteryScore: sco.mastery_score, returnURL: origin + "/lms/returned" });
    return url + "?" + query({ endpoint: origin + "/lrs/", fetch: fetchUrl, actor: who,
                               registration: reg, activityId: activityId });
  }

  function startPolling() {
    if (polling) return;
    polling = true;
    // index.html: <dt>Commits</dt><dd id="commits">, the inspector's elements below alike.
    /** @type {Element} */ (/** @type {Element} */ (document.querySelector("#commits")).previousElementSibling).textContent =
      "Statements";
    var tick = function () {
      fetch("/lms/inspect?after=" + seen, { cache: "no-store" }).then(function (r) { return r.json(); })
        .then(show).catch(function () { /* the server is stopping */ })
        .then(function () { setTimeout(tick, POLL_MS); });
    };
    tick();
  }

  function display(st) {
    var verb = st.verb || {}, d = verb.display || {};
    var name = d["en-US"] || d.en || d[Object.keys(d)[0]] || String(verb.id || "").split("/").pop();
    var obj = String((st.object || {}).id || "");
    var r = st.result || {}, bits = [];
    if (r.score && r.score.scaled !== undefined) bits.push("score " + r.score.scaled);
    if (r.success !== undefined) bits.push(r.success ? "success" : "no success");
    if (r.completion !== undefined) bits.push(r.completion ? "completion" : "no completion");
    if (r.response !== undefined) bits.push("response " + JSON.stringify(r.response));
    return name + "  " + obj.replace(/^https?:\/\/[^/]+/, "") + (bits.length ? "  (" + bits.join(", ") + ")" : "");
  }

  function show(got) {
    var pv = /** @type {LoadedPreview} */ (window.preview), list = /** @type {Element} */ (document.querySelector("#statements"));
    got.statements.forEach(function (st) {
      var li = document.createElement("li");
      li.textContent = display(st);
      li.setAttribute("data-verb", /** @type {string} */ (String((st.verb || {}).id || "").split("/").pop()));
      list.appendChild(li);
    });
    seen = got.total;
    if (got.statements.length) list.scrollTop = list.scrollHeight;
    /** @type {Element} */ (document.querySelector("#statement-count")).textContent = "(" + got.total + ")";
    pv.commits = got.total;
    pv.apiErrors = got.errors.length;
    pv.lrsErrors = got.errors;
    pv.documents = got.documents;
    pv.renderInspector();
  }

  function render() {
    var pv = /** @type {LoadedPreview} */ (window.preview), docs = pv.documents || [];
    var shown = docs.map(function (d) {
      var body;
      try { body = JSON.parse(d.body); } catch (e) { body = d.body; }
      return { resource: d.resource, id: d.id, document: body };
    }).sort(function (a, b) { return Number(a.id === "LMS.LaunchData") - Number(b.id === "LMS.LaunchData"); });  // the player's own first
    /** @type {Element} */ (document.querySelector("#cmi")).textContent = JSON.stringify(shown, null, 2) +
      (pv.lrsErrors && pv.lrsErrors.length ? "\n\nLRS errors:\n" + pv.lrsErrors.join("\n") : "");
    var state = shown.filter(function (d) { return d.document && typeof d.document.data === "string"; })[0];
    pv.budget(state ? state.document.data.length : 0, 0);
  }

  /** A new registration: the LRS has no state for it, so the player starts a first attempt. */
  function forget(sco) {
    sessionStorage.removeItem("scormbuild-preview-registration:" + sco.key);
  }

  window.previewXapi = { launchUrl: launchUrl, render: render, forget: forget };
})();
