/*
 * Likert checks: an opinion on a scale, answered with radios like a single-choice check,
 * never right or wrong (not scored: player rules, `scored: false`). Interactions: SCORM 1.2
 * RTE 3.4.4 "likert" with result "neutral", weighting 0 and no correct response; xAPI
 * 1.0.3 §2.4.4.1 "likert" with the scale as components and no correctResponsesPattern.
 */
(function () {
  "use strict";

  var SB = window.SB, CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  SB.questions.likert = {
    scorm12: function (rec) {
      return { type: "likert", patterns: [], response: CHARS.charAt(rec.check.choices.indexOf(rec.answer)) };
    },
    xapi: function (rec, names, lang) {
      var scale = rec.check.choices.map(function (id) {
        var d = {}; d[lang] = (names.choices || {})[id] || id; return { id: id, description: d };
      });
      return { def: { interactionType: "likert", scale: scale }, response: rec.answer };
    }
  };
})();
