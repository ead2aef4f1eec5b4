/*
 * SCORM API discovery, shared by the SCORM 1.2 and 2004 trackers: the LMS's API object is
 * a property of the SCO's window or of one of its parent frames, else of the window that
 * opened it or of one of that window's parents (SCORM 1.2 RTE 3.3; SCORM 2004 4th Edition
 * RTE 3.3.1). The standards differ only in the property's name (window.API,
 * window.API_1484_11) and in how many parents ADL's sample walks: each tracker passes its own.
 */
(function () {
  "use strict";

  /** @type {SBNamespace} */
  var SB = (window.SB = window.SB || /** @type {SBNamespace} */ ({}));

  /** The API object `win` holds as `name`, or null. @param {Window} win @param {string} name */
  function apiIn(win, name) {
    try { return win[name] || null; } catch (e) { return null; } // cross-origin frame: not ours
  }

  /** The API object on `win` or on one of at most `maxHops` of its parents, or null.
   *  @param {Window} win @param {string} name @param {number} maxHops */
  function find(win, name, maxHops) {
    for (var hops = 0; win && hops <= maxHops; hops++) {
      var api = apiIn(win, name);
      if (api) return api;
      var parent;
      try { parent = win.parent; } catch (e) { parent = null; }
      if (!parent || parent === win) return null;
      win = parent;
    }
    return null;
  }

  /** The API object for this page: from its own window up, then from its opener up.
   *  @param {string} name @param {number} maxHops */
  function discover(name, maxHops) {
    var api = find(window, name, maxHops);
    if (!api) {
      var opener;
      try { opener = window.opener; } catch (e) { opener = null; }
      if (opener) api = find(opener, name, maxHops);
    }
    return api;
  }

  SB.scormApi = /** @type {SBScormApi} */ ({ find: find, discover: discover });
})();
