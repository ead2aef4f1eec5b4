// --- state and progress rules --------------------------------------------------------

SB.emptyState = function () {
  // visited: lesson ids; continues: lesson id → segments revealed; answers: check id →
  // "a,c" (the last submitted choice ids); tries: check id → tries used, when more than
  // one; retakes: how often the learner started the checks again; best: the best score of
  // an earlier, complete attempt (or null); seed: for shuffled choices (0: none yet); reflections: "reflection.prompt" → text;
  // values: core-values assessment id → {s: [value ids], t: text};
  // worksheet: worksheet field id → text; media: ids of required media played to the end
  return { visited: [], continues: {}, answers: {}, tries: {}, retakes: 0, best: null, seed: 0,
           reflections: {}, values: {}, worksheet: {}, media: [] };
};

// Question types beyond choices register here (static/question-*.js, shipped only with the
// modules that use them): read/show/reset the form, grade, and their interaction formats.
SB.questions = SB.questions || {};

/** The stored answer ("a,c"; matching "1.a,2.b"; ordering "c,a,b") against the right one:
 *  as a set, or in order for ordering; other types grade themselves.
 *  @param {CheckConfig} check @param {string} saved @returns {boolean} */
function gradeAnswer(check, saved) {
  var q = SB.questions[check.type];
  if (q && q.grade) return q.grade(check, saved);
  var got = saved.split(","), want = check.correct.slice();
  if (!check.ordered) { got.sort(); want.sort(); }
  return got.join(",") === want.join(",");
}

/**
 * Where a learner stands on one check: tries used and left (check.attempts 0: unlimited),
 * whether the last answer is right, and whether it is final — right, or no try left. Only
 * a final answer counts towards the module's result (issue 12).
 * @param {CheckConfig} check
 * @param {LearnerState} state
 * @returns {CheckState}
 */
function checkState(check, state) {
  var saved = state.answers[check.id];
  var used = saved === undefined ? 0 : (state.tries || {})[check.id] || 1;
  // An unscored check (likert: an opinion) is final once answered, never right or wrong.
  var scored = check.scored !== false, right = scored && used > 0 && gradeAnswer(check, saved);
  var left = check.attempts ? Math.max(0, check.attempts - used) : Infinity;
  return { used: used, left: left, right: right, saved: saved || "", chosen: saved ? saved.split(",") : [],
           final: used > 0 && (right || left === 0 || !scored) };
}
SB.checkState = checkState;

/**
 * The completion/mastery rule, shared by every standard: completed when every lesson was
 * visited, every knowledge check has a final answer, every required reflection is
 * written and every required video or audio was played to its end. Only then is there a score (the percentage of checks right; with counts "best",
 * the best complete attempt's) and, with a mastery score, passed/failed: an unfinished
 * module reports no score at all, so an LMS cannot grade it early (issue 12; Moodle's
 * "mastery score overrides status" turns incomplete + score into passed/failed).
 */
/**
 * @param {PlayerConfig} cfg
 * @param {LearnerState} state
 * @param {number | null} mastery
 * @returns {Summary}
 */
function summarize(cfg, state, mastery) {
  var todo = [];
  cfg.lessons.forEach(function (l, i) {
    if (state.visited.indexOf(l.id) < 0) todo.push({ kind: "lesson", lesson: i });
  });
  var right = 0, answered = 0, total = 0;
  cfg.checks.forEach(function (c) {
    var s = checkState(c, state);
    if (c.scored === false) return;  // an opinion asked is not work left to do
    total++;
    if (s.used) answered++;
    if (!s.final) todo.push({ kind: "check", lesson: c.lesson });
    else if (s.right) right++;
  });
  cfg.reflections.forEach(function (r) {
    var missing = r.required && r.prompts.some(function (k) { return !(state.reflections[k] || "").trim(); });
    if (missing) todo.push({ kind: "reflection", lesson: r.lesson });
  });
  (cfg.media || []).forEach(function (m) {  // required video/audio: played to its end
    if ((state.media || []).indexOf(m.id) < 0) todo.push({ kind: "media", lesson: m.lesson });
  });
  var completed = todo.length === 0;
  var own = completed && total ? Math.round((100 * right) / total) : null;
  // A null best compares as 0, never above a score.
  var score = own !== null && cfg.counts === "best" && /** @type {number} */ (state.best) > own ? state.best : own;
  /** @type {Summary["status"]} */
  var status = "incomplete";
  if (completed) {
    status = mastery !== null && score !== null ? (score >= mastery ? "passed" : "failed") : "completed";
  }
  return { completed: completed, status: status, score: score, own: own, mastery: mastery,
           right: right, answered: answered, checks: total, todo: todo, retakes: state.retakes || 0,
           visited: state.visited.length, lessons: cfg.lessons.length };
}
SB.summarize = summarize;
