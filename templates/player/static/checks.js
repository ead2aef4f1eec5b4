/*
 * scormbuild learner player — knowledge checks: answer, "Try again", the final answer,
 * "Retake the checks". Shipped beside player.js only in packages whose modules have
 * checks (render.py `player_static`), and loaded after it: it adds methods to SB.Player
 * before the player boots (SB.boot runs once the document is parsed).
 *
 * The rules (what is final, what counts) are the player's own (runtime/30-rules.js
 * SB.checkState, SB.summarize), so every tracker reports the same result; this file only
 * shows them. Tries and the answers of the current attempt live in the learner state
 * (answers, tries, retakes, best), so a reload or a relaunch resumes a retry where it was.
 */
(function () {
  "use strict";

  var SB = window.SB, P = SB.Player.prototype, D = SB.dom, $ = D.$, $$ = D.$$;

  P.checkConfig = function (id) {
    return this.cfg.checks.filter(function (c) { return c.id === id; })[0];
  };

  function hooks(check) { return SB.questions[check.type] || {}; }

  /** The learner's answer as stored ("" when none yet): choice ids "a,c", or the type's own form. */
  P.chosen = function (form, check) {
    var q = hooks(check);
    if (q.read) return q.read(form, check);
    return $$("input:checked", form).map(function (i) { return i.value; }).join(",");
  };

  P.onSubmit = function (form) {
    // Every .sb-check form carries data-check (blocks/check.html.j2).
    var id = /** @type {string} */ (form.getAttribute("data-check")), check = this.checkConfig(id);
    if (!check || form.classList.contains("is-answered") || SB.checkState(check, this.state).final) return;
    var chosen = this.chosen(form, check);
    if (!chosen) { $(".sb-feedback", form).textContent = this.S[hooks(check).need || "needAnswer"]; return; }
    var tries = SB.checkState(check, this.state).used + 1;
    this.state.answers[id] = chosen;
    if (tries > 1) this.state.tries[id] = tries;
    var now = SB.checkState(check, this.state), fb = $(".sb-feedback", form), retry = this.offersRetry(form, now);
    // The submit button is hidden now, so focus must move on, not fall to <body> (WCAG 2.4.3
    // Focus Order): to "Try again", which replaces it, or, once the answer is final, to the
    // feedback (tabindex="-1"), the content that just appeared: the WAI-ARIA APG's way of
    // leading a user to new static content (Dialog (Modal) Pattern, note on initial focus:
    // a static element given tabindex="-1" and focused).
    // One announcement each way, never two: focusing the feedback makes a screen reader read
    // it, so before it is written it stops being a live region (aria-live="off"; resetCheck
    // turns it back on). With "Try again" focused instead, the live region says the verdict
    // and the tries left, as it says "choose an answer first" beside the submit button.
    fb.setAttribute("aria-live", retry ? "polite" : "off");
    this.showResult(form, check, now);
    // One record per try: SCORM 1.2 appends a cmi.interactions.n, xAPI sends an "answered".
    this.record(check, chosen, now, tries);
    this.save("check");
    if (retry) $('[data-action="retry"]', form).focus();
    else fb.focus();
  };

  /** Whether the answer just shown leaves "Try again" (tries left, not in review mode). */
  P.offersRetry = function (form, st) {
    return !!$('[data-action="retry"]', form) && !st.final && this.mode !== "review";
  };

  P.record = function (check, answer, st, attempt) {
    if (!this.tracker || !this.tracker.interaction || !this.records()) return;
    // `answer` is the stored form; `response` its choice ids (choice types); `result` is
    // null for an unscored check (likert). Trackers format both per their standard, with
    // the type's own hooks (SB.questions[type].scorm12 / .xapi) for the newer types.
    this.tracker.interaction({
      id: check.id, type: check.type, choices: check.choices, correct: check.correct, check: check,
      answer: answer, response: answer.split(","), result: check.scored === false ? null : st.right,
      attempt: attempt, retake: this.state.retakes || 0, latencyMs: Date.now() - this.shownAt, time: new Date()
    });
  };

  /**
   * Lock the check and say how it went. Choices are marked in text, not colour alone (WCAG
   * 1.4.1). The right answer and the author's feedback wait until the answer is final, so
   * a retry is a real one; while tries are left the feedback says how many.
   */
  P.showResult = function (form, check, st) {
    var S = this.S, reveal = st.final && check.showCorrect && check.scored !== false, q = hooks(check);
    form.classList.add("is-answered");
    if (q.show) q.show(form, check, st, reveal, S);
    else $$("input", form).forEach(function (input) {
      input.checked = st.chosen.indexOf(input.value) >= 0;
      input.disabled = true;
      var box = input.closest(".sb-choice"), marks = [];
      var isRight = reveal && check.correct.indexOf(input.value) >= 0, isChosen = input.checked;
      box.classList.toggle("is-right", isRight);
      box.classList.toggle("is-chosen", isChosen);
      if (isChosen) marks.push(S.yourChoice);
      if (isRight) marks.push(S.rightAnswer);
      $(".sb-choice-mark", box).textContent = marks.length ? " (" + marks.join(", ") + ")" : "";
    });
    $('button[type="submit"]', form).hidden = true;
    var again = $('[data-action="retry"]', form);
    if (again) again.hidden = !this.offersRetry(form, st);
    var html;
    if (check.scored === false) {
      html = "<p>" + D.esc(S.thanks) + "</p>";
    } else if (st.final) {
      html = this.feedbackHtml(form, st.right, st.chosen);
    } else {
      // unlimited tries: no count to give
      var left = st.left === Infinity ? "" : "<p>" + D.esc(D.fmt(st.left === 1 ? S.oneTryLeft : S.triesLeft, { n: st.left })) + "</p>";
      html = "<p class=\"sb-fb-verdict sb-fb--incorrect\">" + D.esc(S.incorrect) + "</p>" + left;
    }
    $(".sb-feedback", form).innerHTML = html;
  };

  P.feedbackHtml = function (form, right, chosen) {
    function tpl(name) { var t = $('template[data-fb="' + name + '"]', form); return t ? t.innerHTML : ""; }
    return tpl(right ? "correct" : "incorrect") + chosen.map(function (c) { return tpl("choice-" + c); }).join("");
  };

  P.restoreCheck = function (form) {
    var check = this.checkConfig(/** @type {string} */ (form.getAttribute("data-check")));
    var st = check && SB.checkState(check, this.state);
    if (!st || !st.used) { this.resetCheck(form); return; }
    // A state (st) means a check was found.
    if (this.shuffle) this.shuffle(form, /** @type {CheckConfig} */ (check), st.used - 1);  // the order the saved answer was given in
    this.showResult(form, /** @type {CheckConfig} */ (check), st);
  };

  /** An open check again: nothing chosen, no marks, the submit button back. */
  P.resetCheck = function (form) {
    form.classList.remove("is-answered");
    var check = this.checkConfig(/** @type {string} */ (form.getAttribute("data-check"))), q = check ? hooks(check) : {};
    if (q.reset) q.reset(form, /** @type {CheckConfig} */ (check));  // q has hooks only for a check
    else $$("input", form).forEach(function (input) {
      input.checked = false;
      input.disabled = false;
      var box = input.closest(".sb-choice");
      box.classList.remove("is-right", "is-chosen");
      $(".sb-choice-mark", box).textContent = "";
    });
    $('button[type="submit"]', form).hidden = false;
    var again = $('[data-action="retry"]', form);
    if (again) again.hidden = true;
    var fb = $(".sb-feedback", form);
    fb.innerHTML = "";
    fb.setAttribute("aria-live", "polite");  // a live region again until the next final answer (onSubmit)
    if (check && this.shuffle) this.shuffle(form, check, SB.checkState(check, this.state).used);
  };

  /** "Try again": the tries used stay in the state; only the form opens again. */
  P.retry = function (form) {
    this.resetCheck(form);
    var first = $("input, select", form);
    if (first) first.focus();
  };

  P.canRetake = function () {
    return !!this.cfg.retake && this.mode !== "review" && this.summary().status === "failed";
  };

  /**
   * "Retake the checks": a new attempt at every check of the module. Reflections, values
   * and the worksheet are the learner's own work and stay. The score of the attempt that
   * ends here is kept as `best` when it beats the earlier ones (course `counts: best`).
   */
  P.retake = function () {
    if (!this.canRetake()) return;
    var st = this.state, own = this.summary().own, self = this;
    if (own !== null && (st.best === null || own > st.best)) st.best = own;
    st.answers = {};
    st.tries = {};
    st.retakes = (st.retakes || 0) + 1;
    $$(".sb-check").forEach(function (form) { self.resetCheck(form); });
    this.save("retake");
    this.show(this.cfg.checks.length ? this.cfg.checks[0].lesson : 0);
  };

  var renderSummary = P.renderSummary;
  P.renderSummary = function () {
    renderSummary.call(this);
    if (this.canRetake()) {
      $("#sb-summary").insertAdjacentHTML("beforeend", "<p><button type=\"button\" class=\"sb-btn sb-btn--primary\" " +
        "data-action=\"retake\">" + D.esc(this.S.retake) + "</button></p>");
    }
  };

  document.addEventListener("click", function (/** @type {ElementEvent<MouseEvent>} */ e) {
    var el = e.target.closest('[data-action="retry"], [data-action="retake"]'), p = SB.player;
    if (!el || !p) return;
    if (el.getAttribute("data-action") === "retake") p.retake(); else p.retry(/** @type {HTMLElement} */ (el.closest(".sb-check")));  // "Try again" is inside its check
  });
})();
