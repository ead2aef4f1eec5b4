/*
 * Fill-in and numeric checks: one text field. Fill-in compares with the accepted answers
 * under the author's rules (case_sensitive, spacing: exact | collapse | ignore); numeric
 * accepts a number within [low, high] (one value when they are equal), "," or "." as the
 * decimal mark. Interactions: SCORM 1.2 RTE 3.4.4 "fill-in" (every accepted answer a
 * correct_responses.n.pattern) and "numeric" (a CMIDecimal pattern: written for one value;
 * 1.2 has no way to write a range, so a range has none); xAPI 1.0.3 §2.4.4.1 "fill-in"
 * ({case_matters=true} when it does) and "numeric" ("low[:]high").
 */
(function () {
  "use strict";

  var SB = window.SB, D = SB.dom, $ = D.$;
  var RESPONSE_MAX = 255;  // SCORM 1.2 RTE 3.4.4 student_response: CMIString255

  function norm(check, text) {
    var t = String(text);
    if (check.spacing === "collapse") t = t.trim().replace(/\s+/g, " ");
    else if (check.spacing === "ignore") t = t.replace(/\s+/g, "");
    return check.caseSensitive ? t : t.toLowerCase();
  }

  function number(text) {
    var t = String(text).trim().replace(",", ".");
    return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
  }

  function range(c) { return c.low === c.high ? String(c.low) : c.low + "–" + c.high; }

  function field(form) { return $("input[type=text]", form); }

  function base(grade, answerText) {
    return {
      need: "needText",
      grade: grade,
      show: function (form, check, st, reveal, S) {
        var input = field(form), mark = $(".sb-choice-mark", form);
        input.value = st.saved;
        input.disabled = true;
        form.classList.toggle("is-right", reveal && st.right);
        mark.textContent = reveal && !st.right ? " (" + D.fmt(S.rowWrong, { answer: answerText(check) }) + ")" : "";
      },
      reset: function (form) {
        var input = field(form);
        input.value = "";
        input.disabled = false;
        form.classList.remove("is-right");
        $(".sb-choice-mark", form).textContent = "";
      }
    };
  }

  var fill = base(function (check, saved) {
    return check.correct.some(function (a) { return norm(check, a) === norm(check, saved); });
  }, function (check) { return check.correct[0]; });
  fill.read = function (form) { return field(form).value.trim(); };
  fill.scorm12 = function (rec) {
    return { type: "fill-in", patterns: rec.check.correct.map(function (a) { return a.slice(0, RESPONSE_MAX); }),
             response: rec.answer.slice(0, RESPONSE_MAX) };
  };
  fill.xapi = function (rec) {
    var prefix = rec.check.caseSensitive ? "{case_matters=true}" : "";
    return { def: { interactionType: "fill-in", correctResponsesPattern: rec.check.correct.map(function (a) { return prefix + a; }) },
             response: rec.answer };
  };

  var numeric = base(function (check, saved) {
    var n = number(saved);
    return n >= (check.low === null ? -Infinity : check.low) && n <= (check.high === null ? Infinity : check.high);
  }, range);
  numeric.read = function (form) {
    var n = number(field(form).value);
    return isNaN(n) ? "" : String(n);
  };
  numeric.scorm12 = function (rec) {
    var c = rec.check;
    return { type: "numeric", patterns: c.low === c.high ? [String(c.low)] : [], response: rec.answer };
  };
  numeric.xapi = function (rec) {
    var c = rec.check, low = c.low === null ? "" : String(c.low), high = c.high === null ? "" : String(c.high);
    return { def: { interactionType: "numeric", correctResponsesPattern: [low === high ? low : low + "[:]" + high] },
             response: rec.answer };
  };

  SB.questions["fill-in"] = fill;
  SB.questions.numeric = numeric;
})();
