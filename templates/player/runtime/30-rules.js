// --- state and progress rules --------------------------------------------------------

SB.emptyState = function () {
  // visited: lesson ids; continues: lesson id → segments revealed; answers: check id →
  // "a,c" (submitted choice ids); reflections: "reflection.prompt" → text;
  // values: core-values assessment id → {s: [value ids], t: text};
  // worksheet: worksheet field id → text
  return { visited: [], continues: {}, answers: {}, reflections: {}, values: {}, worksheet: {} };
};

function gradeAnswer(check, chosen) {
  var want = check.correct.slice().sort().join(",");
  return chosen.slice().sort().join(",") === want;
}

/**
 * The completion/mastery rule, shared by every standard: completed when every lesson was
 * visited, every knowledge check submitted and every required reflection written; with a
 * mastery score the outcome is passed/failed on the percentage of checks answered right.
 */
function summarize(cfg, state, mastery) {
  var todo = [];
  cfg.lessons.forEach(function (l, i) {
    if (state.visited.indexOf(l.id) < 0) todo.push({ kind: "lesson", lesson: i });
  });
  var right = 0, answered = 0;
  cfg.checks.forEach(function (c) {
    var a = state.answers[c.id];
    if (a === undefined) { todo.push({ kind: "check", lesson: c.lesson }); return; }
    answered++;
    if (gradeAnswer(c, a ? a.split(",") : [])) right++;
  });
  cfg.reflections.forEach(function (r) {
    var missing = r.required && r.prompts.some(function (k) { return !(state.reflections[k] || "").trim(); });
    if (missing) todo.push({ kind: "reflection", lesson: r.lesson });
  });
  var total = cfg.checks.length;
  var score = total ? Math.round((100 * right) / total) : null;
  var completed = todo.length === 0;
  var status = "incomplete";
  if (completed) {
    status = mastery !== null && score !== null ? (score >= mastery ? "passed" : "failed") : "completed";
  }
  return { completed: completed, status: status, score: score, mastery: mastery,
           right: right, answered: answered, checks: total, todo: todo,
           visited: state.visited.length, lessons: cfg.lessons.length };
}
SB.summarize = summarize;
