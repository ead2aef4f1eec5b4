// --- knowledge checks

Player.prototype.checkConfig = function (id) {
  return this.cfg.checks.filter(function (c) { return c.id === id; })[0];
};

Player.prototype.chosen = function (form) {
  return $$("input:checked", form).map(function (i) { return i.value; });
};

Player.prototype.onSubmit = function (form) {
  var id = form.getAttribute("data-check"), check = this.checkConfig(id);
  if (!check || this.state.answers[id] !== undefined) return;
  var chosen = this.chosen(form);
  var fb = $(".sb-feedback", form);
  if (!chosen.length) { fb.textContent = this.S.needAnswer; return; }
  var right = gradeAnswer(check, chosen);
  this.state.answers[id] = chosen.join(",");
  this.showResult(form, check, chosen, right);
  this.record(check, chosen, right);
  this.save("check");
};

Player.prototype.record = function (check, chosen, right) {
  if (!this.tracker || !this.tracker.interaction || !this.records()) return;
  this.tracker.interaction({
    id: check.id, type: check.type, choices: check.choices, correct: check.correct,
    response: chosen, result: right, latencyMs: Date.now() - this.shownAt, time: new Date()
  });
};

/** Lock the check, mark choices (text marks, not colour alone: WCAG 1.4.1), fill feedback. */
Player.prototype.showResult = function (form, check, chosen, right) {
  var S = this.S;
  form.classList.add("is-answered");
  $$("input", form).forEach(function (input) {
    input.checked = chosen.indexOf(input.value) >= 0;
    input.disabled = true;
    var box = input.closest(".sb-choice"), marks = [];
    var isRight = check.correct.indexOf(input.value) >= 0, isChosen = input.checked;
    box.classList.toggle("is-right", isRight);
    box.classList.toggle("is-chosen", isChosen);
    if (isChosen) marks.push(S.yourChoice);
    if (isRight) marks.push(S.rightAnswer);
    $(".sb-choice-mark", box).textContent = marks.length ? " (" + marks.join(", ") + ")" : "";
  });
  var button = $('button[type="submit"]', form);
  if (button) button.hidden = true;
  var html = this.feedbackHtml(form, right, chosen);
  $(".sb-feedback", form).innerHTML = html;
};

Player.prototype.feedbackHtml = function (form, right, chosen) {
  function tpl(name) { var t = $('template[data-fb="' + name + '"]', form); return t ? t.innerHTML : ""; }
  return tpl(right ? "correct" : "incorrect") + chosen.map(function (c) { return tpl("choice-" + c); }).join("");
};

Player.prototype.restoreCheck = function (form) {
  var id = form.getAttribute("data-check"), check = this.checkConfig(id), saved = this.state.answers[id];
  if (!check || saved === undefined) return;
  var chosen = saved ? saved.split(",") : [];
  this.showResult(form, check, chosen, gradeAnswer(check, chosen));
};
