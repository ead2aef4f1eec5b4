/*
 * The xAPI side of the player, shared by the cmi5 and Tin Can trackers: an LRS client,
 * a persistent outbox per session that delivers each statement once and only with that
 * session's credentials (or, for an earlier cmi5 session, drops it on record), statement building, and
 * one tracker base class that turns the player's snapshots into statements and State API
 * documents. tracker-cmi5.js and tracker-tincan.js only add their launch protocol.
 * Every rule cites xAPI 1.0.3 (Part Three: Data Processing, Validation and Security) or
 * the cmi5 specification (Quartz).
 */
(function () {
  "use strict";

  /** @type {SBNamespace} */
  var SB = (window.SB = window.SB || /** @type {SBNamespace} */ ({}));
  var X = (SB.xapi = /** @type {SBXapi} */ ({}));

  // xAPI 1.0.3 §6.2: every request carries the version header.
  X.VERSION = "1.0.3";
  var ADL = "http://adlnet.gov/expapi/verbs/";
  X.VERBS = {
    initialized: ADL + "initialized", completed: ADL + "completed", passed: ADL + "passed",
    failed: ADL + "failed", terminated: ADL + "terminated", suspended: ADL + "suspended",
    experienced: ADL + "experienced", answered: ADL + "answered", responded: ADL + "responded"
  };
  // cmi5 §9.6.2: categories of cmi5 defined statements and of those that count for moveOn.
  X.CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  X.MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  // cmi5 §9.6.3.2: passed/failed judged against the LMS's masteryScore say which one.
  X.MASTERY_EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
  var LESSON_TYPE = "http://adlnet.gov/expapi/activities/lesson";
  var INTERACTION_TYPE = "http://adlnet.gov/expapi/activities/cmi.interaction";
  var BATCH = 25;                              // statements per POST
  var RETRY_MS = [1000, 2000, 4000, 8000, 15000, 30000];
  var SETTLE_MS = 8000;                        // EXIT waits at most this long for the LRS
  var STATE_ID = "https://scormbuild.invalid/xapi/state/learner";  // our State API document
  var OUTBOX = "scormbuild:outbox:";           // + registration:activityId:session
  // Fetch Standard (fetch, keepalive): the keepalive bodies of a page in flight together
  // may not exceed 64 KiB, or the request fails at once. A little is kept in hand.
  var KEEPALIVE_BUDGET = 63 * 1024;

  // --- small helpers -------------------------------------------------------------------

  /** RFC 4122 version 4 UUID (xAPI 1.0.3 §2.4.1: statement ids are UUIDs). */
  X.uuid = function () {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  };

  /** ISO 8601 duration with 0.01 s precision (xAPI 1.0.3 §4.6; cmi5 §9.5.5 durations). */
  X.duration = function (ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000), m = Math.floor((cs % 360000) / 6000), s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s.toFixed(2).replace(/\.?0+$/, "") + "S";
  };

  /** Query parameters; a malformed %-escape keeps its raw text (a launcher's mistake must
   *  reach the launch checks, not throw before the player starts). */
  X.params = function (search) {
    /** @type {Dict<string>} */
    var out = {};
    function dec(t) { t = t.replace(/\+/g, " "); try { return decodeURIComponent(t); } catch (e) { return t; } }
    (search || "").replace(/^\?/, "").split("&").forEach(function (pair) {
      if (!pair) return;
      var i = pair.indexOf("=");
      out[dec(i < 0 ? pair : pair.slice(0, i))] = i < 0 ? "" : dec(pair.slice(i + 1));
    });
    return out;
  };

  /** Tin Can launchers may send {"name": ["x"], "mbox": ["mailto:…"]}: keep the first of each. */
  X.agent = function (json) {
    var a = typeof json === "string" ? JSON.parse(json) : json;
    var out = { objectType: "Agent" };
    ["name", "mbox", "mbox_sha1sum", "openid", "account"].forEach(function (k) {
      if (a[k] !== undefined) out[k] = Array.isArray(a[k]) ? a[k][0] : a[k];
    });
    if (out.account && out.account.accountServiceHomePage === undefined && a.account) {
      out.account = Array.isArray(a.account) ? a.account[0] : a.account;
    }
    return out;
  };

  /** A launch the tracker cannot use; `notice` names what the player tells the learner. */
  X.launchError = function (message, notice) {
    var err = /** @type {Error & {notice?: string}} */ (new Error(message));
    err.notice = notice || "launchError";
    return err;
  };

  function copy(obj) { return obj === undefined ? undefined : JSON.parse(JSON.stringify(obj)); }
  function bytes(text) { return new TextEncoder().encode(text).length; }
  function parse(text) { try { return JSON.parse(text); } catch (e) { return null; } }
  function langMap(lang, text) { var m = {}; m[lang || "en"] = text; return m; }

  // --- the LRS client --------------------------------------------------------------------

  function LRS(endpoint, auth) {
    this.endpoint = endpoint.charAt(endpoint.length - 1) === "/" ? endpoint : endpoint + "/";
    this.auth = auth;
  }

  LRS.prototype.url = function (resource, query) {
    var q = Object.keys(query || {}).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(query[k]);
    }).join("&");
    return this.endpoint + resource + (q ? "?" + q : "");
  };

  /** One request; resolves with the Response for any HTTP status, rejects on network error.
   *  `body` is a value, or JSON text already measured for the keepalive budget. */
  LRS.prototype.send = function (method, resource, query, body, keepalive) {
    var headers = { "X-Experience-API-Version": X.VERSION };
    if (this.auth) headers.Authorization = this.auth;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(this.url(resource, query), {
      method: method, headers: headers,
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      keepalive: !!keepalive, cache: "no-store", credentials: "omit"
    });
  };

  /** A document (State or Agent Profile API) or null when there is none (404). */
  LRS.prototype.getDocument = function (resource, query) {
    return this.send("GET", resource, query).then(function (res) {
      if (res.status === 404) return null;
      if (!res.ok) throw new Error(resource + " GET " + res.status);
      return res.text().then(function (t) { return t ? JSON.parse(t) : null; });
    });
  };

  LRS.prototype.putDocument = function (resource, query, doc, keepalive) {
    return this.send("PUT", resource, query, doc, keepalive).then(function (res) {
      if (!res.ok) throw new Error(resource + " PUT " + res.status);
    });
  };
  X.LRS = LRS;

  // --- the outbox: queued, persisted, batched, retried ----------------------------------
  //
  // Statements carry client-generated ids (xAPI §2.4.1), so sending one twice cannot store
  // it twice: the LRS answers 204/200 for an id it has with the same statement and 409
  // only for a different one (§2.1.3). A statement leaves the outbox only once the LRS has
  // it; until then it survives in localStorage, across an outage or a closed tab.
  //
  // One outbox per session, and a session's statements only ever go with that session's
  // credentials: a cmi5 LMS authorises a request by the session its token was issued for
  // (cmi5 §8.2.1), refuses what comes before "initialized" (§7.1.1) or after "terminated"
  // (§9.3.8), and records an unfinished session "abandoned" itself (§9.3.6). So what an
  // earlier cmi5 session left undelivered is never sent under a later token: it is dropped,
  // with a record in the new session's state document. (Tin Can has no sessions: what an
  // earlier launch left is sent when the new launch carries the same credentials.)

  function Outbox(lrs, scope, session, auth) {
    this.lrs = lrs;
    this.scope = scope;             // registration:activityId
    this.session = session;
    this.auth = auth;               // a fingerprint of the credentials, never the credentials
    this.key = OUTBOX + scope + ":" + session;
    this.items = [];
    this.ended = false;             // the closing statement is queued: nothing may follow it
    this.stateDoc = null;           // the latest learner-state document not yet stored
    this.storedText = null;         // the last one the LRS has
    this.stateUrgent = null;        // that document, when a keepalive request carries it
    this.sending = null;
    this.urgentSending = null;      // keepalive requests of a page going away, unanswered
    this.inFlight = {};             // id → requests carrying that statement, unanswered
    this.keptAlive = {};            // the same, for keepalive requests only
    this.keepaliveBytes = 0;        // keepalive bodies in flight (KEEPALIVE_BUDGET)
    this.failures = 0;
    this.timer = null;
    /** @type {(err?: any) => void} */
    this.onProblem = function () {};
    this.onRecovered = function () {};
    var kept = parse(SB.store.get(this.key));
    if (kept && kept.items) { this.items = kept.items; this.ended = !!kept.ended; }
  }

  Outbox.prototype.persist = function () {
    SB.store.set(this.key, JSON.stringify({ scope: this.scope, session: this.session, auth: this.auth,
                                            ended: this.ended, items: this.items }));
  };

  Outbox.prototype.push = function (statement) {
    this.items.push(statement);
    this.persist();
    this.kick();
  };

  /** The session's closing statement: the last one, ever (cmi5 §9.3.8). */
  Outbox.prototype.end = function (statement) {
    this.ended = true;
    this.push(statement);
  };

  /** Outboxes of earlier sessions of this registration and AU: `adopt` (Tin Can, same
   *  credentials) takes their statements over, in order, ahead of this session's; else they
   *  are dropped. Returns what was dropped: one record per session. */
  Outbox.prototype.takeOthers = function (adopt) {
    var self = this, dropped = [], adopted = [], legacy = OUTBOX + this.scope;
    storedKeys(legacy).forEach(function (key) {
      var rec = parse(SB.store.get(key));
      if (key === self.key || !rec) return;
      if (Array.isArray(rec)) rec = key === legacy ? { scope: self.scope, session: "", items: rec } : {};
      if (rec.scope !== self.scope) return;  // another AU whose id only starts like ours
      var items = rec.items || [];
      if (adopt && rec.auth === self.auth) adopted = adopted.concat(items);
      else if (items.length) {
        dropped.push({ session: rec.session, statements: items.length,
                       verbs: items.map(function (st) { return st.verb.id.split("/").pop(); }),
                       from: items[0].timestamp, to: items[items.length - 1].timestamp,
                       dropped: new Date().toISOString() });
      }
      SB.store.remove(key);
    });
    if (adopted.length) { this.items = adopted.concat(this.items); this.persist(); }
    return dropped;
  };

  function storedKeys(prefix) {
    var keys = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (k && k.indexOf(prefix) === 0) keys.push(k);
      }
    } catch (e) { /* no storage: nothing was kept */ }
    return keys;
  }

  Outbox.prototype.kick = function () {
    var self = this;
    if (this.sending || this.timer) return;
    this.timer = setTimeout(function () { self.timer = null; self.flush(); }, 0);
  };

  Outbox.prototype.stored = function (doc) {
    this.storedText = doc.text;
    if (this.stateDoc === doc) this.stateDoc = null;
  };

  Outbox.prototype.empty = function () { return !this.items.length && !this.stateDoc; };

  Outbox.prototype.idle = function () {
    var f = this.inFlight;
    return this.items.filter(function (st) { return !f[st.id]; });
  };

  /** Counts the requests carrying each statement: all of them (inFlight), and those that
   *  outlive the page (keptAlive). */
  Outbox.prototype.carry = function (batch, d, keepalive) {
    var maps = keepalive ? [this.inFlight, this.keptAlive] : [this.inFlight];
    maps.forEach(function (f) {
      batch.forEach(function (st) { f[st.id] = (f[st.id] || 0) + d; if (f[st.id] <= 0) delete f[st.id]; });
    });
  };

  /** Send what is queued; resolves when all of it is stored or an attempt has failed. */
  Outbox.prototype.flush = function () {
    var self = this;
    if (this.sending) return this.sending;
    if (this.empty()) return Promise.resolve(true);
    this.sending = this.sendSome().then(function (idle) {
      self.sending = null;
      self.succeeded();
      return self.empty() || idle ? self.empty() : self.flush();
    }, function (err) {
      self.sending = null;
      self.failed(err);
      return false;
    });
    return this.sending;
  };

  /** The learner's state first, then statements in order: by the time the LMS sees
   *  "terminated", the bookmark and answers it closes over are already stored. What a
   *  keepalive request is carrying is waited for, not sent again. */
  Outbox.prototype.sendSome = function () {
    var doc = this.stateDoc, self = this, batch = this.idle().slice(0, BATCH);
    if (doc && doc !== this.stateUrgent) {
      return this.lrs.putDocument("activities/state", doc.query, doc.text).then(function () {
        self.stored(doc);
      });
    }
    if (batch.length) return this.sendBatch(batch);
    // Only keepalive requests are out: wait for them (what they fail to deliver is idle again).
    return this.urgentSending ? this.urgentSending.then(function () {}) : Promise.resolve("idle");
  };

  Outbox.prototype.sendBatch = function (batch) {
    var self = this;
    this.carry(batch, 1);
    return this.lrs.send("POST", "statements", null, batch).then(function (res) {
      self.carry(batch, -1);
      if (res.ok) return self.delivered(batch);
      // 409: one of the ids exists with other content. Send one by one with PUT, so the
      // rest still arrive and the conflicting one is reported, not retried forever.
      if (res.status === 409) return self.putEach(batch);
      if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
        return self.putEach(batch);
      }
      throw new Error("statements POST " + res.status);
    }, function (err) {
      self.carry(batch, -1);
      throw err;
    });
  };
  Outbox.prototype.putEach = function (batch) {
    var self = this;
    return batch.reduce(function (p, st) {
      return p.then(function () {
        return self.lrs.send("PUT", "statements", { statementId: st.id }, st).then(function (res) {
          if (res.status >= 500 || res.status === 408 || res.status === 429) throw new Error("statement PUT " + res.status);
          // 204 stored (or already there); any other 4xx is a statement the LRS will never
          // take: drop it rather than block every statement behind it.
          if (!res.ok && window.console) console.warn("LRS rejected statement " + st.id + ": " + res.status);
          self.delivered([st]);
        });
      });
    }, Promise.resolve());
  };

  Outbox.prototype.delivered = function (batch) {
    var ids = {};
    batch.forEach(function (s) { ids[s.id] = true; });
    this.items = this.items.filter(function (s) { return !ids[s.id]; });
    this.persist();
  };

  Outbox.prototype.succeeded = function () {
    if (this.failures) this.onRecovered();
    this.failures = 0;
  };

  Outbox.prototype.failed = function (err) {
    var self = this;
    this.failures++;
    if (this.failures === 1) this.onProblem(err);
    clearTimeout(this.timer);
    var delay = RETRY_MS[Math.min(this.failures - 1, RETRY_MS.length - 1)];
    this.timer = setTimeout(function () { self.timer = null; self.flush(); }, delay);
  };

  /** The page may be going away (hidden, pagehide): no time to wait for answers, so what
   *  is queued goes now in keepalive requests, which outlive the page, within the budget.
   *  The state document first, then the statements in one request: once the session has
   *  ended, all of them, even those already in flight (a repeat stores nothing), so that
   *  "terminated" arrives last in one batch and nothing of the session can come after it.
   *  What does not fit stays queued; an unanswered request is repeated by the next flush. */
  Outbox.prototype.urgent = function () {
    var self = this, room = KEEPALIVE_BUDGET - this.keepaliveBytes, doc = this.stateDoc;
    var last = this.ended ? this.items[this.items.length - 1] : null;
    var lastText = last ? JSON.stringify(last) : "", jobs = [];
    var reserve = last ? this.cost(lastText) + 6 : 0;
    if (doc && doc !== this.stateUrgent) {
      var text = doc.text, size = this.cost(text);
      if (size + reserve <= room) {
        room -= size;
        this.stateUrgent = doc;
        jobs.push(this.keepalive("PUT", "activities/state", doc.query, text).then(function (res) {
          if (res.ok) self.stored(doc);
        }).then(function () { self.stateUrgent = null; }, function () { self.stateUrgent = null; }));
      }
    }
    var pool = last ? this.items.slice(0, -1) : this.idle(), parts = [], batch = [], used = reserve;
    if (last && this.keptAlive[last.id]) pool = last = null;  // the closing batch is on its way
    for (var i = 0; pool && i < pool.length; i++) {
      var one = JSON.stringify(pool[i]), n = this.cost(one) + 3;
      if (used + n > room) break;
      parts.push(one); batch.push(pool[i]); used += n;
    }
    if (last) { parts.push(lastText); batch.push(last); }
    if (batch.length) {
      this.carry(batch, 1, true);
      jobs.push(this.keepalive("POST", "statements", null, "[" + parts.join(",") + "]").then(function (res) {
        self.carry(batch, -1, true);
        if (res.ok) self.delivered(batch);
      }, function () { self.carry(batch, -1, true); }));
    }
    if (!jobs.length) return;
    var all = Promise.all(jobs.concat(this.urgentSending || []));
    this.urgentSending = all;
    all.then(function () { if (self.urgentSending === all) self.urgentSending = null; });
  };

  function beaconOnly() { return !("keepalive" in Request.prototype) && !!navigator.sendBeacon; }

  /** What a body costs of the budget: its bytes, or its form-encoded length for a beacon. */
  Outbox.prototype.cost = function (text) { return beaconOnly() ? encodeURIComponent(text).length : bytes(text); };

  Outbox.prototype.keepalive = function (method, resource, query, text) {
    if (beaconOnly()) return this.beacon(method, resource, query, text);
    var self = this, size = bytes(text);
    this.keepaliveBytes += size;
    function done() { self.keepaliveBytes -= size; }
    return this.lrs.send(method, resource, query, text, true).then(function (res) { done(); return res; },
                                                                   function (err) { done(); throw err; });
  };

  /** A browser whose fetch cannot outlive the page (no Request.keepalive) hands the request
   *  to navigator.sendBeacon in the xAPI alternate request syntax (Comm 1.3: POST with
   *  ?method=, headers and content as form fields). No answer comes back: once the
   *  browser has queued it, it counts as delivered (the browser sends it after the page). */
  Outbox.prototype.beacon = function (method, resource, query, text) {
    var form = new URLSearchParams(query || {});
    if (this.lrs.auth) form.set("Authorization", this.lrs.auth);
    form.set("X-Experience-API-Version", X.VERSION);
    form.set("Content-Type", "application/json");
    form.set("content", text);
    var sent = navigator.sendBeacon(this.lrs.url(resource, { method: method }), form);
    return sent ? Promise.resolve({ ok: true, status: 202 }) : Promise.reject(new Error("beacon refused"));
  };

  /** Resolves when the outbox is empty, or after `ms` (never freezes an EXIT). */
  Outbox.prototype.settle = function (ms) {
    var self = this, deadline = Date.now() + ms;
    function attempt() {
      if (self.empty()) return Promise.resolve(true);
      if (Date.now() > deadline) return Promise.resolve(false);
      return self.flush().then(function (ok) {
        return ok && self.empty() ? true : new Promise(function (r) { setTimeout(r, 250); }).then(attempt);
      });
    }
    return attempt();
  };
  X.Outbox = Outbox;

  // --- the tracker base ------------------------------------------------------------------
  //
  // A launch (from the subclass) gives: lrs, actor, registration, activityId (the AU or
  // course activity), session (cmi5: the LMS's session id; Tin Can: one per page load),
  // contextTemplate, mode ("Normal" | "Browse" | "Review"), mastery (0–1 or null),
  // returnURL, cmi5 (bool). Everything else is the same for both.

  function XapiTracker(name) {
    this.name = name;
    this.launch = null;
    this.ctx = null;
    this.outbox = null;
    this.sent = {};            // cmi5 defined verbs already sent this session
    this.seen = null;          // what has been reported: lessons, prompts, values
    this.finished = false;
    this.leaving = false;      // pagehide has begun: only keepalive requests will arrive
    this.undelivered = [];     // earlier sessions' statements dropped undelivered (a record)
    this.startedAt = 0;
  }

  /** A fingerprint of the credentials: tells whether a queue was filled under the same ones,
   *  without keeping the credentials themselves in the browser. */
  function fingerprint(text) {
    var h = 5381;
    for (var i = 0; i < text.length; i++) h = (h * 33 + text.charCodeAt(i)) | 0;
    return (h >>> 0).toString(36) + ":" + text.length;
  }

  XapiTracker.prototype.params = function () { return X.params(window.location.search); };

  /** @this {XapiTracker & XapiLaunchTracker} (openLaunch(): the subclass's) @param {TrackerContext} ctx */
  XapiTracker.prototype.start = function (ctx) {
    var self = this;
    this.ctx = ctx;
    this.x = /** @type {XapiConfig} */ (ctx.config.xapi);  // an xAPI package's config has it
    this.startedAt = Date.now();
    this.withText = ctx.config.reflectionsMode !== "local";
    // A launch that cannot be read rejects (never throws), so the player falls back to the
    // standalone tracker and tells the learner, instead of leaving a blank page.
    return Promise.resolve().then(function () { return self.openLaunch(); }).then(function (launch) {
      var outbox = new Outbox(launch.lrs, launch.registration + ":" + launch.activityId,
                              launch.session, fingerprint(launch.lrs.auth || ""));
      if (outbox.ended) {
        // This session already queued its closing statement (e.g. this is a reload after
        // pagehide): deliver what is left with its own token, and record nothing more —
        // cmi5 §9.3.8: no statement of any kind after "terminated".
        outbox.flush();
        throw X.launchError(self.name + ": this session has ended", "ended");
      }
      self.launch = launch;
      self.outbox = outbox;
      outbox.onProblem = function () { ctx.notify("lmsError"); };
      outbox.onRecovered = function () { ctx.notify("lmsRecovered"); };
      window.addEventListener("online", function () { outbox.flush(); });
      // The page is going away or out of sight: what is queued goes now, with keepalive.
      // (Before or after the player's own pagehide handler calls finish(): either way.)
      window.addEventListener("pagehide", function () {
        self.leaving = true;
        if (self.finished) outbox.urgent();
      });
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden" && !self.finished) outbox.urgent();
      });
      // Only a Normal session settles what earlier sessions left (Browse/Review leave it for
      // the next Normal one, whose state document gets the record).
      if (self.records()) self.undelivered = outbox.takeOthers(!launch.cmi5);
      self.emit(self.defined("initialized", {}));  // cmi5 §7.1.1, §9.3.2: the first statement
      return self.readState();
    });
  };

  /** cmi5 §10 launchMode: only a Normal launch records anything of the learner's. */
  XapiTracker.prototype.records = function () { return this.launch.mode === "Normal"; };

  XapiTracker.prototype.stateQuery = function () {
    var q = { activityId: this.launch.activityId, agent: JSON.stringify(this.launch.actor), stateId: STATE_ID };
    if (this.launch.registration) q.registration = this.launch.registration;
    return q;
  };

  /** Our State API document → {entry, location, state, mastery} for the player. */
  XapiTracker.prototype.readState = function () {
    var self = this, launch = this.launch;
    var mastery = typeof launch.mastery === "number" ? Math.round(launch.mastery * 100) : null;
    var mode = String(launch.mode || "Normal").toLowerCase();
    return launch.lrs.getDocument("activities/state", this.stateQuery()).catch(function () { return null; })
      .then(function (doc) {
        // Undelivered statements of earlier sessions, dropped: kept on record (the last 20).
        self.undelivered = ((doc && doc.undelivered) || []).concat(self.undelivered).slice(-20);
        if (!doc || !doc.data) {
          self.seen = { lessons: {}, prompts: {}, values: {} };
          return { entry: "ab-initio", location: "", state: null, mastery: mastery, mode: mode };
        }
        self.seen = doc.seen || { lessons: {}, prompts: {}, values: {} };
        (doc.sent || []).forEach(function (v) { self.sent[v] = true; });
        return { entry: "resume", location: doc.location || "", state: /** @type {TrackerContext} */ (self.ctx).codec.decode(doc.data),
                 mastery: mastery, mode: mode };
      });
  };

  // Statements ----------------------------------------------------------------------------

  XapiTracker.prototype.context = function (cmi5Defined, moveOn, parent) {
    var ctx = copy(this.launch.contextTemplate) || {};
    if (this.launch.registration) ctx.registration = this.launch.registration;
    var acts = (ctx.contextActivities = ctx.contextActivities || {});
    if (parent) acts.parent = [{ id: this.launch.activityId, objectType: "Activity" }];
    if (!this.launch.cmi5) acts.grouping = [{ id: /** @type {XapiConfig} */ (this.x).courseIri, objectType: "Activity" }];
    if (cmi5Defined && this.launch.cmi5) {
      acts.category = (acts.category || []).concat([{ id: X.CMI5_CATEGORY, objectType: "Activity" }]);
      if (moveOn) acts.category.push({ id: X.MOVEON_CATEGORY, objectType: "Activity" });
    }
    ctx.language = /** @type {XapiConfig} */ (this.x).language;
    return ctx;
  };

  XapiTracker.prototype.statement = function (verb, object, result, context) {
    var st = {
      id: X.uuid(), actor: this.launch.actor,
      verb: { id: X.VERBS[verb], display: { "en-US": verb } },
      object: object, context: context, timestamp: new Date().toISOString()
    };
    if (result) st.result = result;
    return st;
  };

  XapiTracker.prototype.defined = function (verb, result, moveOn) {
    var object = { id: this.launch.activityId, objectType: "Activity" };
    return this.statement(verb, object, Object.keys(result).length ? result : null,
                          this.context(true, moveOn, false));
  };

  XapiTracker.prototype.allowed = function (verb, object, result) {
    return this.statement(verb, object, result, this.context(false, false, true));
  };

  XapiTracker.prototype.emit = function (statement) { this.outbox.push(statement); };

  XapiTracker.prototype.activity = function (iri, name, type, extra) {
    var def = { type: type, name: langMap(/** @type {XapiConfig} */ (this.x).language, name) };
    Object.keys(extra || {}).forEach(function (k) { def[k] = extra[k]; });
    return { id: iri, objectType: "Activity", definition: def };
  };

  // The player's interface -------------------------------------------------------------

  /** Browse and Review record nothing (cmi5 §10 launchMode), whatever the player asks.
   *  A "hidden" save may be the page's last chance: it is delivered now, with keepalive. */
  /** @param {Snapshot} snap */
  XapiTracker.prototype.save = function (snap) {
    if (this.finished || !this.launch || !this.records()) return;
    this.reportLessons(snap.state);
    this.reportReflections(snap.state);
    this.reportOutcome(snap.summary, snap.reason === "finish");
    this.storeState(snap);
    if (snap.reason === "hidden") this.outbox.urgent();
  };

  /** cmi5 "allowed" experienced: one per lesson, the first time the learner opens it. */
  XapiTracker.prototype.reportLessons = function (state) {
    var self = this;
    state.visited.forEach(function (id) {
      var lesson = /** @type {XapiConfig} */ (self.x).lessons[id];
      if (!lesson || self.seen.lessons[id]) return;
      self.seen.lessons[id] = 1;
      self.emit(self.allowed("experienced", self.activity(lesson.iri, lesson.name, LESSON_TYPE)));
    });
  };

  /** responded: the learner's words — reflections and worksheet fields — each time they
   *  change, unless the course keeps them out of the LMS (reflections: local). */
  XapiTracker.prototype.reportReflections = function (state) {
    if (!this.withText) return;
    this.reportTexts(state.reflections, /** @type {XapiConfig} */ (this.x).prompts, "");
    this.reportTexts(state.worksheet || {}, /** @type {XapiConfig} */ (this.x).worksheet || {}, "worksheet:");
  };

  XapiTracker.prototype.reportTexts = function (answers, activities, prefix) {
    var self = this;
    Object.keys(answers).forEach(function (key) {
      var text = (answers[key] || "").trim(), activity = activities[key], mark = text.length + ":" + hash(text);
      if (!text || !activity || self.seen.prompts[prefix + key] === mark) return;
      self.seen.prompts[prefix + key] = mark;
      var object = self.activity(activity.iri, activity.name, INTERACTION_TYPE, { interactionType: "long-fill-in" });
      self.emit(self.allowed("responded", object, { response: text }));
    });
  };

  function hash(text) {  // a short fingerprint: "has this answer changed since it was sent"
    var h = 0;
    for (var i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
    return (h >>> 0).toString(36);
  }

  /**
   * completed once; then the verdict, never in Browse/Review (cmi5 §10.2.2), only once the
   * result is final (SB.summarize: no score before every check is final). cmi5 §9.3 allows
   * one of passed/failed per session, one passed per registration and no failed after it:
   * so passed goes at once (nothing can follow it), while a failed that a retake may still
   * turn around (course `retake: true`) waits for the end of the session (`closing`), once
   * per attempt. A learner who fails, retakes and passes in one session sends only passed;
   * one who leaves failed sends failed, and passed in a later session.
   */
  /** @param {Summary} sum @param {boolean} [closing] */
  XapiTracker.prototype.reportOutcome = function (sum, closing) {
    if (!sum.completed || this.launch.mode !== "Normal") return;
    var took = X.duration(Date.now() - this.startedAt);
    if (!this.sent.completed) {
      this.sent.completed = true;
      this.emit(this.defined("completed", { completion: true, duration: took }, true));
    }
    var verdict = sum.status, tag = sum.retakes ? "failed@" + sum.retakes : "failed";
    if (verdict !== "passed" && verdict !== "failed") return;
    if (this.sent.passed || this.judged || (verdict === "failed" && (this.sent[tag] || (/** @type {TrackerContext} */ (this.ctx).config.retake && !closing)))) return;
    this.judged = true;  // this session's one verdict
    this.sent[verdict === "passed" ? "passed" : tag] = true;
    // passed/failed come with a score (runtime/30-rules.js).
    var score = { scaled: /** @type {number} */ (sum.score) / 100, raw: sum.score, min: 0, max: 100 };
    var st = this.defined(verdict, { score: score, success: verdict === "passed", duration: took }, true);
    if (this.launch.cmi5 && typeof this.launch.mastery === "number") {
      st.context.extensions = st.context.extensions || {};
      st.context.extensions[X.MASTERY_EXTENSION] = this.launch.mastery;
    }
    this.emit(st);
  };

  /** The state document, unless the LRS already has exactly this one: then a closing page
   *  has only statements left to send, its state stored well before "terminated". */
  /** @param {Snapshot} snap */
  XapiTracker.prototype.storeState = function (snap) {
    var body = { location: snap.location, data: /** @type {TrackerContext} */ (this.ctx).codec.encode(snap.state, this.withText),
                 seen: this.seen, sent: Object.keys(this.sent), status: snap.summary.status };
    if (this.undelivered.length) body.undelivered = this.undelivered;
    var text = JSON.stringify(body), outbox = this.outbox;
    outbox.stateDoc = text === outbox.storedText ? null : { query: this.stateQuery(), text: text };
    outbox.kick();
  };

  /** cmi5 "allowed" answered, with a cmi.interaction definition (xAPI §2.4.4.1.1 interactions). */
  /** @param {InteractionRecord} record */
  XapiTracker.prototype.interaction = function (record) {
    if (!this.launch || this.finished || !this.records()) return;
    var check = /** @type {XapiConfig} */ (this.x).checks[record.id];
    if (!check) return;
    var trueFalse = record.type === "true-false", lang = /** @type {XapiConfig} */ (this.x).language;
    // Types beyond choices define themselves (static/question-*.js: definition, response).
    var q = (SB.questions || {})[record.type], own = q && q.xapi ? q.xapi(record, check, lang) : null;
    var def = own ? own.def : { interactionType: trueFalse ? "true-false" : "choice",
                                correctResponsesPattern: [record.correct.join("[,]")] };
    if (!own && !trueFalse) {
      def.choices = record.choices.map(function (id) { return { id: id, description: langMap(lang, check.choices[id] || id) }; });
    }
    var object = this.activity(check.iri, check.name, INTERACTION_TYPE, def);
    var result = { response: own ? own.response : record.response.join("[,]"), duration: X.duration(record.latencyMs) };
    if (record.result !== null) result.success = !!record.result;  // an opinion (likert) is neither
    this.emit(this.allowed("answered", object, result));
  };

  XapiTracker.prototype.settle = function () {
    return this.outbox ? this.outbox.settle(SETTLE_MS) : Promise.resolve(true);
  };

  /** The last statement (cmi5 §9.3.8 terminated), then hand everything over and leave. */
  /** @param {Snapshot} snap */
  XapiTracker.prototype.finish = function (snap) {
    if (this.finished || !this.launch) return;
    // Browse/Review: the session opens and closes, nothing the learner did is reported.
    this.save(snap);  // the final state, queued before the closing statement
    this.finished = true;
    var verb = this.closingVerb(snap.summary);
    this.outbox.end(this.defined(verb, { duration: X.duration(Date.now() - this.startedAt) }));
    // The page is going away (pagehide, whether it was visible or not — navigation, reload,
    // a closed window): only keepalive requests outlive it, so everything goes now. EXIT:
    // the page stays, so deliver in order and leave once the LRS has everything.
    var ev = window.event;  // called from the player's own pagehide handler
    if (this.leaving || (ev && ev.type === "pagehide") || document.visibilityState === "hidden") {
      this.outbox.urgent();
    } else this.leave();
  };

  /** @type {(summary: Summary) => string} */
  XapiTracker.prototype.closingVerb = function () { return "terminated"; };

  /** After EXIT: wait for delivery, then go where the launcher asked (cmi5 §10.2.7 returnURL). */
  XapiTracker.prototype.leave = function () {
    var url = this.launch.returnURL;
    this.outbox.settle(SETTLE_MS).then(function () { if (url) window.location.assign(url); });
  };

  // x and ctx are start()'s: XapiTrackerBase declares them as its subclasses read them, after start().
  X.XapiTracker = /** @type {SBXapi["XapiTracker"]} */ (XapiTracker);
})();
