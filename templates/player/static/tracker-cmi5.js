/*
 * cmi5 tracker: the AU side of cmi5 (Quartz) launch, on the shared xAPI base (xapi.js).
 * §8.1 launch parameters → §8.2 one POST to the fetch URL for the auth token →
 * §10 LMS.LaunchData from the State API → §11 learner preferences (agent profile) →
 * statements (§9.3: initialized first, completed/passed/failed by the rules, terminated last).
 */
(function () {
  "use strict";

  var SB = (window.SB = window.SB || {});
  SB.trackers = SB.trackers || {};
  var X = SB.xapi;
  var REQUIRED = ["endpoint", "fetch", "actor", "registration", "activityId"];  // §8.1
  var LAUNCH_DATA = "LMS.LaunchData";                                             // §10
  var PREFERENCES = "cmi5LearnerPreferences";                                     // §11

  function Cmi5() { X.XapiTracker.call(this, "cmi5"); }
  Cmi5.prototype = Object.create(X.XapiTracker.prototype);

  Cmi5.prototype.available = function () {
    var p = this.params();
    return REQUIRED.every(function (k) { return !!p[k]; });
  };

  /** §8.2: the fetch URL may be used once per launch; a reload of the same launch reuses
   *  the token kept for this tab instead of asking again (which the LMS would refuse). */
  Cmi5.prototype.token = function (fetchUrl) {
    var key = "scormbuild:cmi5-token:" + fetchUrl, kept = null;
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

  Cmi5.prototype.openLaunch = function () {
    var p = this.params(), actor = X.agent(p.actor);
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
        return {
          cmi5: true, lrs: lrs, actor: actor, registration: p.registration, activityId: p.activityId,
          contextTemplate: launchData.contextTemplate || {},
          mode: launchData.launchMode || "Normal",
          mastery: typeof launchData.masteryScore === "number" ? launchData.masteryScore : null,
          returnURL: launchData.returnURL || "", moveOn: launchData.moveOn || "", preferences: got[1]
        };
      });
    });
  };

  SB.trackers.cmi5 = new Cmi5();
})();
