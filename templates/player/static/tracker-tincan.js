/*
 * Tin Can tracker: the launch a Tin Can (tincan.xml) launcher gives — endpoint, auth,
 * actor, registration, activity_id as query parameters — on the shared xAPI base
 * (xapi.js). The same statements as cmi5 without cmi5's categories and launch data; an
 * unfinished session ends with "suspended", a finished one with "terminated".
 */
(function () {
  "use strict";

  /** @type {SBNamespace} */
  var SB = (window.SB = window.SB || /** @type {SBNamespace} */ ({}));
  SB.trackers = SB.trackers || {};
  var X = /** @type {SBXapi} */ (SB.xapi);  // xapi.js is loaded before the trackers (module.html.j2)

  function TinCan() { X.XapiTracker.call(this, "tincan"); }
  TinCan.prototype = Object.create(X.XapiTracker.prototype);

  /** @this {XapiLaunchTracker} */
  TinCan.prototype.available = function () {
    var p = this.params();
    return !!(p.endpoint || p.actor);  // launched; whether the launch is usable is start()'s question
  };

  /** A malformed actor (not JSON, no identifier) throws here, inside start()'s promise:
   *  the player then runs standalone and says so, rather than stopping. */
  /** @this {XapiLaunchTracker} */
  TinCan.prototype.openLaunch = function () {
    var p = this.params(), x = this.x, actor;
    try { actor = X.agent(p.actor); } catch (e) { actor = {}; }
    if (!(actor.mbox || actor.mbox_sha1sum || actor.openid || actor.account)) {
      throw X.launchError("tincan launch parameters: actor is not an Agent");
    }
    return Promise.resolve({
      cmi5: false, lrs: new X.LRS(p.endpoint, p.auth || ""), actor: actor, session: X.uuid(),
      registration: p.registration || "", activityId: p.activity_id || x.moduleIri,
      contextTemplate: {}, mode: "Normal", mastery: null, returnURL: ""
    });
  };

  /** @this {XapiLaunchTracker} */
  TinCan.prototype.closingVerb = function (summary) {
    return summary.completed ? "terminated" : "suspended";
  };

  // TinCan inherits X.XapiTracker through Object.create, which tsc does not follow.
  SB.trackers.tincan = /** @type {XapiLaunchTracker} */ (/** @type {unknown} */ (new TinCan()));
})();
