/*
 * The generic learner of `scormbuild play` (plain ES2017), evaluated in every frame of the
 * course: it looks at what a person sees and names the one thing to do next; Playwright
 * then does it (a real click, real typing), so the page gets a learner's events.
 *
 * Order: answer what is unanswered (the first radio of each group, the first box of each
 * group, a few words in each empty text field, the first real option of each select), then
 * a control named like submit/check, then one named like start/next/continue. Controls are
 * found by their accessible name (aria-label, aria-labelledby, text, value, title, an
 * image's alt); ones that end or leave the session (exit, back, download…) are never used.
 *
 * Called as a function of {answers: "first"|"correct"|"wrong", skip: [keys]}: `skip` holds
 * the controls already used on this very page state that changed nothing. Returns null when
 * nothing is left to do here, else {kind, marks, name, key, value, note}.
 */
(function (opts) {
  "use strict";
  var MARK = "data-scormbuild-play";
  // The whole name says it, with at most a noun after ("Next page", "Submit answers",
  // "Continue ›"): "Next steps" is a lesson's title in a menu, not the way on.
  var SUBMIT = /^\W*(submit|check|grade|score|done)(\s+(my\s+|the\s+)?(answers?|quiz|test|assessment|responses?))?\W*$/i;
  var NEXT = /^\W*(start|begin|next|continue|proceed|go on|forward|resume)(\s+(the\s+)?(page|slide|screen|lesson|section|topic|question|course|module|step))?\W*$|^\s*[›»→>]+\s*$/i;
  var AVOID = /\b(exit|quit|close|log ?out|back|previous|prev|download|print|journal|restart|reset|start over|review|contents|menu|help|glossary)\b/i;
  // A check that gives another try is not done until it is final: a learner takes the try
  // (after a submit, before going on). Retaking a whole module is not a step a walk takes.
  var RETRY = /^\W*(try again|retry)\W*$/i;
  var TEXT = "input:not([type]), input[type=text], input[type=email], input[type=search], input[type=number], " +
             "input[type=tel], input[type=url], textarea";
  // Buttons before links: a link named like "Next steps" is more often a title in a menu
  // than the way on.
  var BUTTONS = "button, [role=button], input[type=button], input[type=submit], input[type=image]";
  var LINKS = "a[href], [role=link]";
  var counter = 0;
  var skip = {};
  (opts.skip || []).forEach(function (k) { skip[k] = true; });

  function visible(el) {
    if (!el.getClientRects().length) return false;
    var style = getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none" && !el.closest("[inert], [hidden], [aria-hidden=true]");
  }
  function usable(el) {
    return visible(el) && !el.disabled && el.getAttribute("aria-disabled") !== "true";
  }
  function squash(s) { return String(s || "").replace(/\s+/g, " ").trim(); }
  function name(el) {
    var label = el.getAttribute("aria-label");
    if (label) return squash(label);
    var by = el.getAttribute("aria-labelledby");
    if (by) {
      return squash(by.split(/\s+/).map(function (id) {
        var ref = document.getElementById(id);
        return ref ? ref.textContent : "";
      }).join(" "));
    }
    var field = /^(TEXTAREA|SELECT)$/.test(el.tagName) || (el.tagName === "INPUT" && !/^(button|submit|reset|image)$/.test(el.type));
    if (field && el.labels && el.labels.length) return squash(el.labels[0].textContent);
    // An unlabelled choice (no <label>): the text beside it, as a sighted learner reads it.
    if (/^(radio|checkbox)$/.test(el.type) && el.parentElement) return squash(el.parentElement.innerText).slice(0, 80);
    if (el.tagName === "INPUT") return squash(el.value || el.getAttribute("alt") || el.title || el.placeholder);
    var text = squash(el.innerText || el.textContent);
    if (!text) {
      var img = el.querySelector("img[alt]");
      if (img) text = squash(img.alt);
    }
    return text || squash(el.title);
  }
  function mark(el) {
    counter += 1;
    var id = String(counter);
    el.setAttribute(MARK, id);
    return id;
  }

  // Our player carries its checks' answers (the #sb-config JSON): there the answer asked
  // for is knowable; in anyone else's package the first choice is taken.
  function ownChecks() {
    var node = document.getElementById("sb-config");
    if (!node) return null;
    try {
      var found = {};
      (JSON.parse(node.textContent).checks || []).forEach(function (c) { found[c.id] = c; });
      return found;
    } catch (e) { return null; }
  }
  var checks = opts.answers === "first" ? null : ownChecks();

  /** The inputs of a group to tick; `note` says how they were chosen. */
  function choose(group) {
    var first = group.inputs[0];
    var check = checks && /^sb-q-/.test(first.name || "") ? checks[first.name.slice(5)] : null;
    if (!check) return { inputs: [first], note: opts.answers === "first" ? "first" : "first (answer not knowable)" };
    var right = check.correct || [];
    var wanted = opts.answers === "correct"
      ? right : [check.choices.filter(function (c) { return right.indexOf(c) < 0; })[0]];
    var picked = group.inputs.filter(function (el) { return wanted.indexOf(el.value) >= 0; });
    return picked.length ? { inputs: picked, note: opts.answers } : { inputs: [first], note: "first" };
  }

  /** The check of our player a field or select belongs to (null elsewhere). */
  function checkOf(el) {
    var form = checks && el.closest("form[data-check]");
    return form ? checks[form.getAttribute("data-check")] || null : null;
  }

  /** Our player's select rows (matching: a target per source; ordering: an item per
   *  position): the option the answers ask for; elsewhere the first real option. */
  function selectValue(s) {
    var values = Array.prototype.slice.call(s.options, 1).map(function (o) { return o.value; });
    var check = checkOf(s), key = s.getAttribute("data-source") || "";
    if (!check) return values[0];
    var right = "";
    if (check.type === "matching") {
      right = ((check.correct || []).filter(function (p) { return p.split(".")[0] === key; })[0] || "").split(".")[1] || "";
    } else if (check.type === "ordering") {
      right = (check.correct || [])[Number(key) - 1] || "";
    }
    var want = opts.answers === "correct" ? right : values.filter(function (v) { return v !== right; })[0];
    return values.indexOf(want) >= 0 ? want : values[0];
  }

  /** Our player's fill-in and numeric fields: an accepted answer, or one that is not. */
  function fieldValue(f) {
    var check = checkOf(f);
    if (check && check.type === "fill-in") return opts.answers === "correct" ? (check.correct || [""])[0] : "zzz";
    if (check && check.type === "numeric") {
      var at = typeof check.low === "number" ? check.low : check.high;
      return String(opts.answers === "correct" ? at : at - 1000);
    }
    return f.type === "number" ? "1" : f.type === "email" ? "learner@example.invalid"
      : f.type === "url" ? "https://example.invalid/" : "A few words from scormbuild play.";
  }

  function groups(type) {
    var byKey = {}, order = [];
    Array.prototype.forEach.call(document.querySelectorAll("input[type=" + type + "]"), function (el) {
      if (!usable(el)) return;
      var holder = el.closest("fieldset, [role=radiogroup], [role=group], form");
      var key = el.name ? "name:" + el.name : holder ? "holder:" + order.length : "self:" + order.length;
      if (!byKey[key]) { byKey[key] = { key: key, inputs: [] }; order.push(byKey[key]); }
      byKey[key].inputs.push(el);
    });
    return order.filter(function (g) { return !g.inputs.some(function (el) { return el.checked; }); });
  }

  function answerStep() {
    var i, g = groups("radio").concat(groups("checkbox"));
    for (i = 0; i < g.length; i++) {
      var picked = choose(g[i]);
      var key = "tick:" + g[i].key;
      if (skip[key]) continue;
      return { kind: "check", marks: picked.inputs.map(mark), name: name(picked.inputs[0]) || picked.inputs[0].value,
               key: key, note: picked.note };
    }
    var fields = document.querySelectorAll(TEXT);
    for (i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (!usable(f) || f.readOnly || f.value) continue;
      var fkey = "fill:" + (f.id || f.name || i);
      if (skip[fkey]) continue;
      return { kind: "fill", marks: [mark(f)], name: name(f) || f.id || f.name, key: fkey, value: fieldValue(f) };
    }
    var selects = document.querySelectorAll("select");
    for (i = 0; i < selects.length; i++) {
      var s = selects[i];
      var skey = "select:" + (s.id || s.name || i);
      if (!usable(s) || s.selectedIndex > 0 || s.options.length < 2 || skip[skey]) continue;
      return { kind: "select", marks: [mark(s)], name: name(s) || s.id, key: skey, value: selectValue(s) };
    }
    return null;
  }

  function controlStep(selector, pattern) {
    var seen = {};
    var all = document.querySelectorAll(selector);
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (!usable(el)) continue;
      var label = name(el);
      if (!label || AVOID.test(label) || !pattern.test(label)) continue;
      if (el.tagName === "A" && /^(mailto|tel|javascript:void)/i.test(el.getAttribute("href") || "")) continue;
      seen[label] = (seen[label] || 0) + 1;
      var key = "click:" + label + "#" + seen[label];
      if (skip[key]) continue;
      return { kind: "click", marks: [mark(el)], name: label, key: key };
    }
    return null;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[" + MARK + "]"), function (el) { el.removeAttribute(MARK); });
  return answerStep() || controlStep(BUTTONS, SUBMIT) || controlStep(BUTTONS, RETRY) || controlStep(BUTTONS, NEXT) ||
    controlStep(LINKS, SUBMIT) || controlStep(LINKS, NEXT);
})
