/*
 * Tin Can tracker: the launch a Tin Can (tincan.xml) launcher gives — endpoint, auth,
 * actor, registration, activity_id as query parameters — on the shared xAPI base
 * (xapi.js). The same statements as cmi5 without cmi5's categories and launch data; an
 * unfinished session ends with "suspended", a finished one with "terminated".
 */
(function () {
  "use strict";

  var SB = (window.SB = window.SB || {});
  SB.trackers = SB.trackers || {};
  var X = SB.xapi;

  function TinCan() { X.XapiTracker.call(this, "tincan"); }
  TinCan.prototype = Object.create(X.XapiTracker.prototype);

  TinCan.prototype.available = function () {
    var p = this.params();
    return !!(p.endpoint && p.actor);
  };

  TinCan.prototype.openLaunch = function () {
    var p = this.params(), x = this.x;
    return Promise.resolve({
      cmi5: false, lrs: new X.LRS(p.endpoint, p.auth || ""), actor: X.agent(p.actor),
      registration: p.registration || "", activityId: p.activity_id || x.moduleIri,
      contextTemplate: {}, mode: "Normal", mastery: null, returnURL: ""
    });
  };

  TinCan.prototype.closingVerb = function (summary) {
    return summary.completed ? "terminated" : "suspended";
  };

  SB.trackers.tincan = new TinCan();
})();
