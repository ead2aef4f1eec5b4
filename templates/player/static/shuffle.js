/*
 * Shuffled choices (check `shuffle: true`, issue 12): shipped only with modules that have
 * such a check, after checks.js, which calls P.shuffle when it exists. A new order for
 * every try, drawn from the learner's seed (kept in the state, codec "s"), the check id,
 * the retake and the try, so a reload shows the same order and only the seed is stored.
 */
(function () {
  "use strict";

  var SB = window.SB, P = SB.Player.prototype, $$ = SB.dom.$$;

  function random(seedText) {
    var h = 2166136261;  // FNV-1a of the text, then a xorshift stream
    for (var i = 0; i < seedText.length; i++) h = Math.imul(h ^ seedText.charCodeAt(i), 16777619);
    return function () {
      h ^= h << 13; h ^= h >>> 17; h ^= h << 5;
      return (h >>> 0) / 4294967296;
    };
  }

  /** Put the choices of `form` in the order of try number `tryNo` (0 = the first). */
  P.shuffle = function (form, check, tryNo) {
    if (!check.shuffle) return;
    if (!this.state.seed) this.state.seed = 1 + Math.floor(Math.random() * 999999);
    var next = random(this.state.seed + ":" + check.id + ":" + (this.state.retakes || 0) + ":" + tryNo);
    $$(".sb-choices, select", form).forEach(function (list) {
      var items = $$(list.tagName === "SELECT" ? "option:not([value=''])" : ".sb-choice", list);
      items.forEach(function (el, i) { if (el.sbAt === undefined) el.sbAt = i; });
      items.sort(function (a, b) { return a.sbAt - b.sbAt; });  // from the authored order
      for (var i = items.length - 1; i > 0; i--) {  // Fisher–Yates
        var j = Math.floor(next() * (i + 1)), t = items[i]; items[i] = items[j]; items[j] = t;
      }
      items.forEach(function (el) { list.appendChild(el); });
    });
  };
})();
