/*
 * The LMS page of `scormbuild preview` (plain ES2017, no build step).
 *
 * The server pushes its status (Server-Sent Events, /api/events) after every build: the
 * SCOs to play, the author's errors. A new good build reopens the SCO shown at the new URL
 * with the learner's data carried over, the way an LMS hands it back at a relaunch
 * (cmi.core.entry / cmi.entry "resume", lesson_location / location, suspend_data, status
 * and score): the player reopens at the same lesson with the same answers. A failed build
 * changes nothing but the error list: the last good build keeps playing.
 *
 * SCORM: scorm-again's real Scorm12API / Scorm2004API is the API, each call logged in the
 * inspector. cmi5 and Tin Can: the server is the LRS; the inspector lists its statements.
 */
(function () {
  "use strict";

  // suspend_data budgets: SCORM 1.2 RTE 3.4.4 (CMIString4096); SCORM 2004 4th Ed. RTE 4.2.23
  // (SPM 64000 characters).
  var LIMITS = { scorm12: 4096, scorm2004: 64000 };
  var RUNTIMES = { scorm12: "scorm12.js", scorm2004: "scorm2004.js" };
  var KEEP_CALLS = 400;     // log entries shown; older ones are dropped from the page
  var STORE = "scormbuild-preview";  // sessionStorage: the learner's data survives a page reload

  function $(sel) { return document.querySelector(sel); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var saved = readStore();
  /** @type {PreviewState} */
  var pv = (window.preview = {
    status: null,       // the server's last status
    generation: 0,      // the build playing
    sco: null,          // the SCO playing ({key, title, url, activity})
    api: null,          // its scorm-again API (SCORM)
    calls: [],          // every API call: {fn, args, ret, error, text}
    commits: 0,
    apiErrors: 0,
    opened: 0,          // how many times a SCO was (re)opened: tests wait on it
    saved: saved        // key -> the CMI of that SCO (SCORM), kept across rebuilds
  });

  function readStore() {
    try { return JSON.parse(sessionStorage.getItem(STORE) || "{}"); } catch (e) { return {}; }
  }
  function writeStore() {
    try { sessionStorage.setItem(STORE, JSON.stringify(saved)); } catch (e) { /* private mode */ }
  }
  function isScorm(standard) { return standard === "scorm12" || standard === "scorm2004"; }

  // --- what an LMS hands back at a relaunch -----------------------------------------------

  function pick(obj, names) {
    var out = {};
    names.forEach(function (n) { if (obj && obj[n] !== undefined && obj[n] !== "") out[n] = obj[n]; });
    return out;
  }

  /** SCORM 1.2 RTE 3.4.4: entry "resume" when there is something to resume. */
  // What the LMS sets itself (RTE 3.4.4 cmi.core.student_*, cmi.student_data.mastery_score
  // from adlcp:masteryscore; RTE 4.2 cmi.learner_*, cmi.scaled_passing_score from the
  // primary objective's minNormalizedMeasure), then what the learner left last time.
  function handback12(cmi, sco) {
    cmi = cmi || { core: {} };  // a first launch: entry "ab-initio" (scorm-again leaves it "")
    /** @type {Dict<any>} */
    var core = Object.assign({ student_id: "preview", student_name: "Learner, Preview" },
                             pick(cmi.core, ["lesson_location", "lesson_status"]));
    core.score = pick(cmi.core.score, ["raw", "min", "max"]);
    core.entry = core.lesson_location || cmi.suspend_data ? "resume" : "ab-initio";
    /** @type {Dict<any>} */
    var out = Object.assign(pick(cmi, ["suspend_data"]), { core: core });
    if (sco.mastery_score) out.student_data = { mastery_score: sco.mastery_score };
    return out;
  }

  function handback2004(cmi, sco) {
    cmi = cmi || {};
    var out = pick(cmi, ["location", "suspend_data", "completion_status", "success_status", "progress_measure"]);
    var score = pick(cmi.score, ["scaled", "raw", "min", "max"]);
    if (Object.keys(score).length) out.score = score;
    out.entry = out.location || out.suspend_data ? "resume" : "ab-initio";
    out.learner_id = "preview";
    out.learner_name = "Learner, Preview";
    if (sco.mastery_score) out.scaled_passing_score = sco.mastery_score;
    return out;
  }

  // --- SCORM: scorm-again as the API, every call logged -----------------------------------

  function cmiOf(api) {
    var all = JSON.parse(JSON.stringify(api.renderCMIToJSONObject()));
    return all.cmi || all;
  }

  function makeApi(standard, sco) {
    var v12 = standard === "scorm12";
    // The start below loads the standard's scorm-again build before anything launches.
    var Api = /** @type {new (settings: object) => ScormAgainApi} */ (v12 ? window.Scorm12API : window.Scorm2004API);
    var api = new Api({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
    api.loadFromJSON((v12 ? handback12 : handback2004)(saved[sco.key], sco));
    var names = v12 ? ["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit"]
                    : ["Initialize", "Terminate", "GetValue", "SetValue", "Commit"];
    var lastError = (v12 ? api.LMSGetLastError : api.GetLastError).bind(api);
    var errorText = (v12 ? api.LMSGetErrorString : api.GetErrorString).bind(api);
    names.forEach(function (fn) {
      var real = api[fn].bind(api);
      api[fn] = function () {
        var args = Array.prototype.slice.call(arguments);
        while (args.length && args[args.length - 1] === undefined) args.pop();
        var entry = { fn: fn, args: args };
        try {
          entry.ret = String(real.apply(null, args));
        } catch (e) {
          entry.ret = "throw";
          entry.text = String(e);
          throw e;
        } finally {
          entry.error = String(lastError());
          if (entry.error !== "0" && entry.error !== "" && !entry.text) entry.text = String(errorText(entry.error));
          if (api === pv.api) called(entry, api);
        }
        return entry.ret;
      };
    });
    return api;
  }

  function called(entry, api) {
    pv.calls.push(entry);
    var failed = entry.ret === "throw" || (entry.error !== "0" && entry.error !== "");
    if (failed) pv.apiErrors++;
    if (/Commit$/.test(entry.fn)) pv.commits++;
    // The "LMS" stores the data at every commit and at the end (SCORM RTE: LMSCommit,
    // LMSFinish / Commit, Terminate persist), so a page reload loses nothing either.
    if (/Commit$|Finish$|Terminate$/.test(entry.fn)) keep(api);
    showCall(entry, failed);
    scheduleInspector();
  }

  function keep(api) {
    if (!pv.sco) return;
    saved[pv.sco.key] = cmiOf(api);
    writeStore();
  }

  // --- opening a SCO ----------------------------------------------------------------------

  function close() {
    var frame = $("#frame-holder iframe");
    // Removing the frame fires the SCO's pagehide, where it finishes (LMSFinish/Terminate)
    // before the next one opens: one session at a time, as in an LMS.
    if (frame) frame.remove();
    if (pv.api) keep(pv.api);
  }

  /** Launch `sco`; `fresh`: as a learner who never opened it (a first attempt). */
  function open(sco, fresh) {
    var standard = pv.status.standard;
    close();
    if (fresh) forget(sco);
    pv.sco = sco;
    var url = "/pkg/" + sco.url;
    if (isScorm(standard)) {
      pv.api = makeApi(standard, sco);
      if (standard === "scorm12") window.API = pv.api; else window.API_1484_11 = pv.api;
    } else {
      // The start below loads preview-xapi.js for the xAPI standards before anything launches.
      url = /** @type {NonNullable<Window["previewXapi"]>} */ (window.previewXapi).launchUrl(standard, sco, url);
    }
    var frame = el("iframe");
    frame.title = "course: " + sco.title;
    frame.src = url;
    $("#frame-holder").appendChild(frame);
    pv.opened++;
    try { sessionStorage.setItem(STORE + "-sco", sco.key); } catch (e) { /* private mode */ }
    scheduleInspector();
  }

  function forget(sco) {
    delete saved[sco.key];
    writeStore();
    if (window.previewXapi) window.previewXapi.forget(sco);
  }

  function current(scos) {
    var want = pv.sco ? pv.sco.key : sessionStorage.getItem(STORE + "-sco");
    for (var i = 0; i < scos.length; i++) if (scos[i].key === want) return scos[i];
    return scos[0] || null;
  }

  // --- the server's status ----------------------------------------------------------------

  function apply(status) {
    var first = !pv.status;
    pv.status = status;
    if (first) start(status.standard);
    showProblems(status);
    showPicker(status.scos);
    if (status.generation && status.generation !== pv.generation) {
      pv.generation = status.generation;
      var sco = current(status.scos);
      if (sco) open(sco);
    }
    var b = $("#build");
    b.textContent = status.generation ? "build " + status.generation + (status.ok ? " (" + status.seconds + " s)" : "") : "";
    if (!status.version) b.textContent = "building…";
    else if (!status.ok) b.textContent += (b.textContent ? " · " : "") + "last build failed";
    b.className = status.version && !status.ok ? "failed" : "";
  }

  function start(standard) {
    $("#standard").textContent = { scorm12: "SCORM 1.2", scorm2004: "SCORM 2004", cmi5: "cmi5", tincan: "Tin Can" }[standard];
    $("#calls-box").hidden = !isScorm(standard);
    $("#statements-box").hidden = isScorm(standard);
    if (!isScorm(standard)) {
      $("#data-title").textContent = "State API (the player's saved state)";
      $("#budget-name").textContent = "state";
    }
    $("#budget-meter").max = LIMITS[standard] || 0;
  }

  function showProblems(status) {
    var box = $("#problems"), list = $("#problems ol");
    list.textContent = "";
    status.errors.forEach(function (p) {
      var li = el("li");
      li.appendChild(el("span", "where", p.file + ":" + p.line + ":" + p.col + ": "));
      li.appendChild(el("span", "message", p.message + " [" + p.code + "]"));
      if (p.fix) li.appendChild(el("span", "fix", " — " + p.fix));
      list.appendChild(li);
    });
    $("#problems .keeps").textContent = status.generation
      ? "The last good build keeps playing below." : "Nothing was built yet.";
    box.hidden = status.errors.length === 0;
    var warn = $("#warnings ol");
    warn.textContent = "";
    status.warnings.forEach(function (p) { warn.appendChild(el("li", "", p.text)); });
    $("#warnings").hidden = status.warnings.length === 0;
  }

  function showPicker(scos) {
    var select = $("#sco");
    var keys = scos.map(function (s) { return s.key + "\n" + s.title; }).join("\n");
    if (select.getAttribute("data-keys") !== keys) {
      select.setAttribute("data-keys", keys);
      select.textContent = "";
      scos.forEach(function (s) { var o = el("option", "", s.title); o.value = s.key; select.appendChild(o); });
    }
    if (pv.sco) select.value = pv.sco.key;
    $("#picker").hidden = scos.length < 2;
  }

  $("#restart").addEventListener("click", function () {
    if (pv.sco) open(pv.sco, true);
  });

  $("#sco").addEventListener("change", /** @this {HTMLSelectElement} */ function () {
    var key = this.value;
    var sco = pv.status.scos.filter(function (s) { return s.key === key; })[0];
    if (sco) open(sco);
  });

  // --- the inspector ----------------------------------------------------------------------

  function showCall(entry, failed) {
    var read = /GetValue$/.test(entry.fn);
    var li = el("li", failed ? "error" : read ? "read" : "");
    li.textContent = entry.fn + "(" + entry.args.map(function (a) { return JSON.stringify(a); }).join(", ") + ") → " +
      JSON.stringify(entry.ret) + (failed ? "  error " + entry.error + (entry.text ? ": " + entry.text : "") : "");
    li.hidden = read && !failed && !$("#show-reads").checked;
    var list = $("#calls");
    list.appendChild(li);
    while (list.children.length > KEEP_CALLS) list.removeChild(list.firstChild);
    list.scrollTop = list.scrollHeight;
  }

  $("#show-reads").addEventListener("change", /** @this {HTMLInputElement} */ function () {
    var on = this.checked;
    Array.prototype.forEach.call(document.querySelectorAll("#calls li.read"), function (li) { li.hidden = !on; });
  });

  var pending = false;
  function scheduleInspector() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; renderInspector(); });
  }

  function renderInspector() {
    var standard = pv.status && pv.status.standard;
    if (isScorm(standard) && pv.api) {
      var cmi = cmiOf(pv.api);
      $("#cmi").textContent = JSON.stringify(cmi, null, 2);
      budget((cmi.suspend_data || "").length, LIMITS[standard]);
    } else if (window.previewXapi) {
      window.previewXapi.render();
    }
    $("#commits").textContent = String(pv.commits);
    $("#api-errors").textContent = String(pv.apiErrors);
    $("#api-errors").className = pv.apiErrors ? "over" : "";
  }

  function budget(used, limit) {
    $("#budget-meter").value = used;
    var text = used.toLocaleString("en") + (limit ? " / " + limit.toLocaleString("en") + " characters" : " characters");
    $("#budget").textContent = text;
    $("#budget").className = limit && used > limit ? "over" : "";
  }
  pv.budget = budget;
  pv.renderInspector = scheduleInspector;

  // --- start ------------------------------------------------------------------------------

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = el("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  fetch("/api/state").then(function (r) { return r.json(); }).then(function (status) {
    var runtime = RUNTIMES[status.standard];
    return (runtime ? loadScript("/scorm-again/" + runtime) : loadScript("/preview/preview-xapi.js")).then(function () {
      apply(status);
      // A status per build; the browser reconnects by itself if the stream drops.
      var events = new EventSource("/api/events");
      events.onmessage = function (e) {
        var next = JSON.parse(e.data);
        if (next.version !== pv.status.version) apply(next);
      };
    });
  });
})();
