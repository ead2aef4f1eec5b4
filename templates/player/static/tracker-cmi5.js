/*
 * cmi5 tracker: the AU side of cmi5 (Quartz) launch, on the shared xAPI base (xapi.js).
 * §8.1 launch parameters → §8.2 one POST to the fetch URL for the auth token →
 * §10 LMS.LaunchData from the State API → §11 learner preferences (agent profile) →
 * statements (§9.3: initialized first, completed/passed/failed by the rules, terminated last).
 */
(function () {
  "use strict";

  /** @type {SBNamespace} */
  var SB = (window.SB = window.SB || /** @type {SBNamespace} */ ({}));
  SB.trackers = SB.trackers || {};
  var X = /** @type {SBXapi} */ (SB.xapi);  // xapi.js is loaded before the trackers (module.html.j2)
  var REQUIRED = ["endpoint", "fetch", "actor", "registration", "activityId"];  // §8.1
  var LAUNCH_DATA = "LMS.LaunchData";                                             // §10
  var PREFERENCES = "cmi5LearnerPreferences";                                     // §11
  var SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";    // §9.6.3.1

  function Cmi5() { X.XapiTracker.call(this, "cmi5"); }
  Cmi5.prototype = Object.create(X.XapiTracker.prototype);

  /** Launched by a cmi5 LMS: any of the §8.1 parameters is there. Whether they are all
   *  there and well formed is start()'s question, whose refusal the learner is told of. */
  /** @this {Cmi5Tracker} */
  Cmi5.prototype.available = function () {
    var p = this.params();
    return REQUIRED.some(function (k) { return !!p[k]; });
  };

  /** §8.1: what is wrong with the launch parameters ("" when nothing), checked before the
   *  one fetch of §8.2 is spent. The actor is used exactly as given (§8.1.3: an Agent with
   *  an account, §9.2): the LMS compares it with the launch actor on every request. */
  function launchProblem(p) {
    var missing = REQUIRED.filter(function (k) { return !p[k]; });
    if (missing.length) return "missing " + missing.join(", ");
    var actor;
    try { actor = JSON.parse(p.actor); } catch (e) { return "actor is not JSON"; }
    var account = actor && actor.account;
    if (!account || typeof account.name !== "string" || typeof account.homePage !== "string") {
      return "actor is not an Agent with an account";
    }
    if (!/^https?:\/\//i.test(p.endpoint) || !/^https?:\/\//i.test(p.fetch)) return "endpoint or fetch is not a URL";
    return "";
  }

  /** §8.2: the fetch URL may be used once per launch; a reload of the same launch reuses
   *  the token kept for this tab instead of asking again (which the LMS would refuse).
   *  @this {Cmi5Tracker} */
  Cmi5.prototype.token = function (fetchUrl) {
    var key = "scormbuild:cmi5-token:" + fetchUrl, kept;
    try { kept = window.sessionStorage.getItem(key); } catch (e) { kept = null; }
    if (kept) return Promise.resolve(kept);
    return fetch(fetchUrl, { method: "POST", cache: "no-store", credentials: "omit" })
      .then(function (res) { return res.json(); })
      .then(function (body) {
        if (!body || !body["auth-token"]) {
          throw new Error("cmi5 fetch refused: " + (body && body["error-text"] || "no auth-token"));
        }
        try { window.sessionStorage.setItem(key, body["auth-token"]); } catch (e) { /* ignore */ }
        return body["auth-token"];
      });
  };

  /** @this {Cmi5Tracker} */
  Cmi5.prototype.openLaunch = function () {
    var p = this.params(), problem = launchProblem(p);
    if (problem) throw X.launchError("cmi5 launch parameters: " + problem);
    var actor = JSON.parse(p.actor);
    return this.token(p.fetch).then(function (token) {
      var lrs = new X.LRS(p.endpoint, "Basic " + token);
      var agent = JSON.stringify(actor);
      var data = lrs.getDocument("activities/state", {
        activityId: p.activityId, agent: agent, registration: p.registration, stateId: LAUNCH_DATA
      });
      // Preferences are optional for the LMS to set; a failure to read them changes nothing.
      var prefs = lrs.getDocument("agents/profile", { agent: agent, profileId: PREFERENCES })
        .catch(function () { return null; });
      return Promise.all([data, prefs]).then(function (got) {
        var launchData = got[0];
        if (!launchData) throw new Error("cmi5: no LMS.LaunchData for this launch");
        var ext = (launchData.contextTemplate || {}).extensions || {};
        return {
          cmi5: true, lrs: lrs, actor: actor, registration: p.registration, activityId: p.activityId,
          session: ext[SESSION_ID] || p.fetch,  // the fetch URL is one per session too (§8.2)
          contextTemplate: launchData.contextTemplate || {},
          mode: launchData.launchMode || "Normal",
          mastery: typeof launchData.masteryScore === "number" ? launchData.masteryScore : null,
          returnURL: launchData.returnURL || "", moveOn: launchData.moveOn || "", preferences: got[1]
        };
      });
    });
  };

  // Cmi5 inherits X.XapiTracker through Object.create, which tsc does not follow.
  SB.trackers.cmi5 = /** @type {Cmi5Tracker} */ (/** @type {unknown} */ (new Cmi5()));
})();
