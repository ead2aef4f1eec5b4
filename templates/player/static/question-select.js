/*
 * Matching and ordering checks, answered with one <select> per row: keyboard and screen
 * reader users get the platform's own control, nothing to drag (WCAG 2.1.1, 2.5.1).
 * Matching: each source picks its target; stored "1.a,2.b" (source id . target id).
 * Ordering: each position picks an item; stored "c,a,b" (item ids, in position order).
 * Interactions: SCORM 1.2 RTE 3.4.4 "matching" / "sequencing", whose identifiers are
 * single characters (the n-th source, target or item is CHARS[n]); xAPI 1.0.3 §2.4.4.1
 * "matching" (source and target components) / "sequencing" (choices).
 */
(function () {
  "use strict";

  var SB = window.SB, D = SB.dom, $ = D.$, $$ = D.$$;
  var CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  function selects(form) { return $$("select[data-source]", form); }

  /** Stored answer → {row: value}: the row is the source id (matching) or position "1".. (ordering). */
  function rows(check, saved) {
    var out = {};
    (saved ? saved.split(",") : []).forEach(function (part, i) {
      if (check.ordered) out[String(i + 1)] = part;
      else out[part.split(".")[0]] = part.split(".")[1];
    });
    return out;
  }

  function optionText(select, value) {
    var o = $('option[value="' + value + '"]', select);
    return o ? o.textContent : value;
  }

  function box(select) { return select.closest(".sb-choice"); }

  var hooks = {
    need: "needAll",
    read: function (form, check) {
      var parts = [], missing = false;
      selects(form).forEach(function (s) {
        if (!s.value) missing = true;
        parts.push(check.ordered ? s.value : s.getAttribute("data-source") + "." + s.value);
      });
      return missing ? "" : parts.join(",");
    },
    // Rows are marked in text only once the answer is final and the author lets it show.
    show: function (form, check, st, reveal, S) {
      var got = rows(check, st.saved), want = rows(check, check.correct.join(","));
      selects(form).forEach(function (s) {
        var row = s.getAttribute("data-source"), ok = got[row] === want[row];
        s.value = got[row] || "";
        s.disabled = true;
        box(s).classList.toggle("is-right", reveal && ok);
        box(s).classList.toggle("is-chosen", reveal && !ok);
        $(".sb-choice-mark", box(s)).textContent = !reveal ? "" : " (" + (ok ? S.rowRight
          : D.fmt(S.rowWrong, { answer: optionText(s, want[row]) })) + ")";
      });
    },
    reset: function (form) {
      selects(form).forEach(function (s) {
        s.value = "";
        s.disabled = false;
        box(s).classList.remove("is-right", "is-chosen");
        $(".sb-choice-mark", box(s)).textContent = "";
      });
    },
    // SCORM 1.2: "1.a,2.b" → "a.a,b.b" (matching), "c,a,b" → "c,a,b" by item index (sequencing).
    scorm12: function (rec) {
      var c = rec.check;
      function code(saved) {
        return saved.split(",").map(function (part) {
          if (c.ordered) return CHARS.charAt(c.choices.indexOf(part));
          var p = part.split(".");
          return CHARS.charAt(c.choices.indexOf(p[0])) + "." + CHARS.charAt(c.targets.indexOf(p[1]));
        }).join(",");
      }
      return { type: c.ordered ? "sequencing" : "matching", patterns: [code(c.correct.join(","))],
               response: code(rec.answer) };
    },
    // xAPI: the same answers with "[,]" and "[.]" delimiters, components named in the course language.
    xapi: function (rec, names, lang) {
      var c = rec.check;
      function comps(map, ids) {
        return ids.map(function (id) { var d = {}; d[lang] = (map || {})[id] || id; return { id: id, description: d }; });
      }
      function fmt(saved) { return saved.split(",").join("[,]").split(".").join("[.]"); }
      var def = { interactionType: c.ordered ? "sequencing" : "matching", correctResponsesPattern: [fmt(c.correct.join(","))] };
      if (c.ordered) def.choices = comps(names.choices, c.choices);
      else { def.source = comps(names.choices, c.choices); def.target = comps(names.targets, c.targets); }
      return { def: def, response: fmt(rec.answer) };
    }
  };

  SB.questions.matching = hooks;
  SB.questions.ordering = hooks;
})();
