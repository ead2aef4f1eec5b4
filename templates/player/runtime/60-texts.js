// --- reflections and core values

Player.prototype.onReflection = function (textarea) {
  this.state.reflections[textarea.getAttribute("data-prompt")] = textarea.value;
  this.journalBackup.schedule();
  this.autosave.schedule();
  var saved = $(".sb-saved", textarea.closest(".sb-reflection"));
  if (saved) saved.textContent = "";
};

Player.prototype.onValues = function (box) {
  var id = box.getAttribute("data-corevalues");
  this.state.values[id] = {
    s: $$('input[type="checkbox"]:checked', box).map(function (i) { return i.value; }),
    t: $("textarea", box).value
  };
  this.journalBackup.schedule();
  this.autosave.schedule();
};

/** A worksheet field may be filled in two lessons: every textarea of it shows the same text. */
Player.prototype.onWorksheet = function (textarea) {
  var id = textarea.getAttribute("data-worksheet-field");
  this.state.worksheet[id] = textarea.value;
  $$('textarea[data-worksheet-field="' + id + '"]').forEach(function (t) {
    if (t !== textarea) t.value = textarea.value;
  });
  this.journalBackup.schedule();
  this.autosave.schedule();
};

Player.prototype.restoreText = function () {
  var self = this;
  $$("textarea[data-prompt]").forEach(function (t) {
    t.value = self.state.reflections[t.getAttribute("data-prompt")] || "";
  });
  $$("textarea[data-worksheet-field]").forEach(function (t) {
    t.value = self.state.worksheet[t.getAttribute("data-worksheet-field")] || "";
  });
  $$("[data-corevalues]").forEach(function (box) {
    var v = self.state.values[box.getAttribute("data-corevalues")];
    if (!v) return;
    $$('input[type="checkbox"]', box).forEach(function (i) { i.checked = (v.s || []).indexOf(i.value) >= 0; });
    $("textarea", box).value = v.t || "";
  });
};

// The learner's words are also kept in this browser: when the LMS budget is exceeded, or
// reflections are "local" (course setting), or the LMS fails, nothing written is lost.
Player.prototype.journalKey = function () { return this.cfg.storageKey + ":journal"; };

Player.prototype.backupJournal = function () {
  if (!this.records()) return;  // browse/review work must never come back as the learner's
  SB.store.set(this.journalKey(), JSON.stringify({ r: nonEmpty(this.state.reflections), k: this.state.values,
                                                   w: nonEmpty(this.state.worksheet) }));
};

Player.prototype.mergeJournalBackup = function () {
  var raw = SB.store.get(this.journalKey()), saved;
  try { saved = JSON.parse(raw || "null"); } catch (e) { saved = null; }
  if (!saved) return;
  [["reflections", "r"], ["worksheet", "w"]].forEach(/** @this {Player} */ function (pool) {
    var have = this.state[pool[0]], kept = saved[pool[1]] || {};
    Object.keys(kept).forEach(function (k) { if (!have[k]) have[k] = kept[k]; });
  }, this);
  var k = this.state.values;
  Object.keys(saved.k || {}).forEach(function (id) {
    if (!k[id]) k[id] = saved.k[id];
    else if (!k[id].t && saved.k[id].t) k[id].t = saved.k[id].t;
  });
};

// --- journal view, print and download

Player.prototype.journalEntries = function () {
  var self = this, out = [];
  $$(".sb-lesson").forEach(function (lessonEl) {
    var lessonTitle = $("h1", lessonEl).textContent;
    $$(".sb-reflection", lessonEl).forEach(function (block) {
      var items = $$("textarea[data-prompt]", block).map(function (t) {
        var label = $('label[for="' + t.id + '"] .sb-prompt-text', block);
        return { q: label ? label.textContent : "", a: self.state.reflections[t.getAttribute("data-prompt")] || "" };
      });
      out.push({ lesson: lessonTitle, title: $(".sb-block-title", block).textContent, items: items });
    });
    $$("[data-corevalues]", lessonEl).forEach(function (box) {
      var v = self.state.values[box.getAttribute("data-corevalues")] || { s: [], t: "" };
      var names = (v.s || []).map(function (id) {
        var l = $('label[for="' + box.id + "-" + id + '"]', box);
        return l ? l.textContent : id;
      });
      out.push({ lesson: lessonTitle, title: $("legend", box).textContent, items: [
        { q: self.S.coreValuesChosen, a: names.join(", ") },
        { q: self.S.coreValuesText, a: v.t || "" }
      ] });
    });
  });
  return out;
};

Player.prototype.journalHtml = function () {
  var self = this;
  return this.journalEntries().map(function (e) {
    return "<section class=\"sb-journal-entry\"><h2>" + escapeHtml(e.title) + "</h2><p class=\"sb-journal-lesson\">" +
      escapeHtml(e.lesson) + "</p>" + e.items.map(function (it) {
        return "<h3>" + escapeHtml(it.q) + "</h3>" + self.answerHtml(it.a);
      }).join("") + "</section>";
  }).join("");
};

Player.prototype.answerHtml = function (text) {
  return text ? "<p class=\"sb-journal-answer\">" + escapeHtml(text).replace(/\n/g, "<br>") + "</p>"
    : "<p class=\"sb-journal-empty\">" + escapeHtml(this.S.noAnswer) + "</p>";
};

/**
 * The worksheet (rendered at build time in the journal view, every field in worksheet
 * order) with the learner's answers filled in. A blank field links to the lesson that
 * asks for it, except in the downloaded copy, which must stand alone.
 */
Player.prototype.renderWorksheet = function (withLinks) {
  var sheet = $("#sb-worksheet"), self = this, cfg = this.cfg;
  if (!sheet || !cfg.worksheet) return "";
  cfg.worksheet.fields.forEach(function (f) {
    var slot = $('[data-ws-answer="' + f.id + '"]', sheet), text = self.state.worksheet[f.id] || "";
    if (!slot) return;
    var html = self.answerHtml(text);
    if (!text && withLinks && f.lessons.length) {
      var l = cfg.lessons[f.lessons[0]];
      html += "<p><a href=\"#sb-l-" + escapeHtml(l.id) + "\" data-go=\"" + f.lessons[0] + "\">" +
        escapeHtml(fmt(self.S.todoLesson, { title: l.title })) + "</a></p>";
    }
    slot.innerHTML = html;
  });
  return sheet.outerHTML;
};

Player.prototype.renderJournal = function () {
  $("#sb-journal-body").innerHTML = this.journalHtml();
  this.renderWorksheet(true);
};

/** A standalone page: the journal, then the worksheet, with its own small stylesheet. */
Player.prototype.downloadJournal = function () {
  var cfg = this.cfg, title = this.S.journal + " — " + cfg.module.title;
  var sheet = this.renderWorksheet(false).replace(/ tabindex="-1"/g, "");
  if (this.view === "journal") this.renderWorksheet(true);
  var doc = "<!doctype html><html lang=\"" + escapeHtml(cfg.course.language) + "\"><head><meta charset=\"utf-8\">" +
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
    "<title>" + escapeHtml(title) + "</title><style>body{font:1rem/1.5 system-ui,sans-serif;max-width:42rem;" +
    "margin:2rem auto;padding:0 1rem}h2{margin-top:2rem}.sb-journal-lesson,.sb-ws-hint{color:#555}" +
    ".sb-journal-answer{white-space:pre-wrap;border-left:3px solid #999;padding-left:.75rem}" +
    ".sb-journal-empty{color:#555;font-style:italic}.sb-ws-field{border:1px solid #999;border-radius:6px;" +
    "padding:.25rem 1rem .5rem;margin:.75rem 0;break-inside:avoid}.sb-ws-field h3{margin:.5rem 0 .25rem}" +
    "@media print{.sb-worksheet-sheet{break-before:page}}</style></head><body>" +
    "<h1>" + escapeHtml(title) + "</h1><p>" + escapeHtml(cfg.course.title) + "</p>" + this.journalHtml() + sheet +
    "</body></html>";
  var url = URL.createObjectURL(new Blob([doc], { type: "text/html" }));
  var a = document.createElement("a");
  a.href = url;
  a.download = "journal-" + cfg.module.id + ".html";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
};

/** The journal view, scrolled to the worksheet, its heading focused (keyboard, screen readers). */
Player.prototype.showWorksheet = function () {
  this.show("journal", { quiet: true });
  var h = $("#sb-worksheet-h");
  if (h) { h.focus({ preventScroll: true }); h.scrollIntoView(); }
};

// --- end-of-module summary

Player.prototype.renderSummary = function () {
  var S = this.S, sum = this.summary(), cfg = this.cfg;
  var label = { completed: S.statusCompleted, passed: S.statusPassed, failed: S.statusFailed, incomplete: S.statusIncomplete }[sum.status];
  // "Status: Passed" / "État : Réussi": the catalogue places the colon (French puts a space before it).
  var html = "<p class=\"sb-status sb-status--" + sum.status + "\"><strong>" + escapeHtml(fmt(S.status, { status: label })) + "</strong></p>";
  if (sum.score !== null) {
    html += "<p>" + escapeHtml(sum.mastery !== null ? fmt(S.score, { score: sum.score, mastery: sum.mastery }) : fmt(S.scoreOnly, { score: sum.score })) + "</p>";
  }
  html += "<p>" + escapeHtml(fmt(S.lessonsDone, { n: sum.visited, m: sum.lessons })) + "</p>";
  if (sum.todo.length) {
    var key = { lesson: "todoLesson", check: "todoCheck", reflection: "todoReflection", media: "todoMedia" };
    html += "<p>" + escapeHtml(S.todo) + "</p><ul class=\"sb-todo\">" + sum.todo.map(function (t) {
      var l = cfg.lessons[t.lesson];
      return "<li><a href=\"#sb-l-" + escapeHtml(l.id) + "\" data-go=\"" + t.lesson + "\">" +
        escapeHtml(fmt(S[key[t.kind]], { title: l.title })) + "</a></li>";
    }).join("") + "</ul>";
  }
  $("#sb-summary").innerHTML = html;
};
