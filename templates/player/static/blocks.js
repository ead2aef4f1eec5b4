/*
 * Content blocks that a script enhances (issue 15): tabs, flashcards, process, labelled
 * graphic and gallery. Shipped only in packages whose modules use one of them. The page
 * reads top to bottom without this file (every panel, step, note and image shown); here
 * each block becomes its WAI-ARIA Authoring Practices pattern. Nothing is saved: these
 * blocks reveal content and never hold back completion.
 */
(function () {
  "use strict";

  function all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function fill(text, n, m) { return String(text || "").replace("{n}", n).replace("{m}", m); }

  // --- tabs: APG Tabs with automatic activation ---------------------------------------
  // Left/Right arrows move between tabs (wrapping), Home/End to the first/last; the tab
  // that receives focus is selected and shows its panel. Only the selected tab is in the
  // Tab sequence (roving tabindex); Tab then moves into the panel.

  function selectTab(tab, focus) {
    var list = tab.parentNode;
    all('[role="tab"]', list).forEach(function (t) {
      var on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(t.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
    if (focus) tab.focus();
  }

  function tabKey(e, tab) {
    var tabs = all('[role="tab"]', tab.parentNode), i = tabs.indexOf(tab), next = null;
    if (e.key === "ArrowRight") next = tabs[(i + 1) % tabs.length];
    else if (e.key === "ArrowLeft") next = tabs[(i - 1 + tabs.length) % tabs.length];
    else if (e.key === "Home") next = tabs[0];
    else if (e.key === "End") next = tabs[tabs.length - 1];
    if (!next) return;
    e.preventDefault();
    selectTab(next, true);
  }

  // --- flashcards and labelled-graphic markers: APG Disclosure -------------------------

  function toggle(button, open) {
    button.setAttribute("aria-expanded", String(open));
    var target = document.getElementById(button.getAttribute("aria-controls"));
    if (target) target.hidden = !open;
    var card = button.closest(".sb-card");
    if (card) card.classList.toggle("is-flipped", open);
  }

  function openMarker(marker) {
    var open = marker.getAttribute("aria-expanded") !== "true";
    var graphic = marker.closest("[data-graphic]");
    all(".sb-marker", graphic).forEach(function (m) { if (m !== marker) toggle(m, false); });
    toggle(marker, open);
  }

  // --- process: one step at a time, "Step n of N" --------------------------------------

  function showStep(proc, index, focus) {
    var steps = all(".sb-pstep", proc);
    index = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach(function (s, i) { s.hidden = i !== index; });
    proc.setAttribute("data-at", String(index));
    var prev = proc.querySelector('[data-step="-1"]'), next = proc.querySelector('[data-step="1"]');
    prev.disabled = index === 0;
    next.disabled = index === steps.length - 1;
    // Focus goes to the step now shown (WCAG 2.4.3), whose group name says "Step n of N".
    if (focus) steps[index].focus();
  }

  // --- gallery: APG Carousel, no rotation; previous/next wrap around ------------------

  function showSlide(gallery, index) {
    var slides = all(".sb-slide", gallery), n = slides.length;
    index = (index + n) % n;
    slides.forEach(function (s, i) { s.hidden = i !== index; });
    gallery.setAttribute("data-at", String(index));
    var where = gallery.querySelector(".sb-slide-where");
    where.textContent = fill(where.getAttribute("data-of"), index + 1, n);
  }

  function step(box, delta, show, focus) {
    show(box, Number(box.getAttribute("data-at") || 0) + delta, focus);
  }

  function onClick(e) {
    var el = e.target.closest('[role="tab"], .sb-card-flip, .sb-marker, [data-step], [data-slide]');
    if (!el) return;
    if (el.getAttribute("role") === "tab") return selectTab(el, false);
    if (el.classList.contains("sb-card-flip")) return toggle(el, el.getAttribute("aria-expanded") !== "true");
    if (el.classList.contains("sb-marker")) return openMarker(el);
    if (el.hasAttribute("data-step")) return step(el.closest("[data-process]"), Number(el.getAttribute("data-step")), showStep, true);
    step(el.closest("[data-gallery]"), Number(el.getAttribute("data-slide")), showSlide);
  }

  function onKey(e) {
    var el = e.target;
    if (!el.closest) return;
    if (el.getAttribute("role") === "tab") return tabKey(e, el);
    // Escape closes the open note of a labelled graphic and returns focus to its marker.
    var graphic = el.closest("[data-graphic]");
    if (e.key === "Escape" && graphic) {
      var open = graphic.querySelector('.sb-marker[aria-expanded="true"]');
      if (open) { toggle(open, false); open.focus(); }
    }
  }

  function init() {
    all("[data-tabs]").forEach(function (box) { selectTab(box.querySelector('[role="tab"]'), false); });
    all(".sb-card-flip, .sb-marker").forEach(function (b) { toggle(b, false); });
    all("[data-process]").forEach(function (p) { showStep(p, 0, false); });
    all("[data-gallery]").forEach(function (g) { showSlide(g, 0); });
    document.addEventListener("click", onClick);
    document.addEventListener("keydown", onKey);
  }

  init();
})();
