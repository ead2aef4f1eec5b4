/*
 * scormbuild learner player — video and audio blocks. Shipped beside player.js only in
 * packages whose modules have media (render.py OPTIONAL_PARTS), loaded after it.
 *
 * The browser's native controls do the playing (keyboard operable, WCAG 2.1.1). This file
 * only (1) records a required media as finished when it plays to its end — the rule that
 * a lesson with one is not done before is the player's own (runtime/30-rules.js
 * summarize) — and (2) pauses what plays in a view the learner leaves, so no sound goes
 * on from a hidden lesson (WCAG 1.4.2).
 */
(function () {
  "use strict";

  var SB = window.SB, P = SB.Player.prototype, $$ = SB.dom.$$;

  function markDone(figure, S) {
    var status = figure.querySelector("[data-media-status]");
    if (status) status.textContent = S.mediaDone;
    figure.classList.add("is-done");
  }

  P.onMediaEnded = function (figure) {
    var id = /** @type {string} */ (figure.getAttribute("data-media"));  // every .sb-media has one (blocks/video.html.j2, audio.html.j2)
    if (!this.records() || this.state.media.indexOf(id) >= 0) return;
    this.state.media.push(id);
    markDone(figure, this.S);
    this.save("media");
  };

  P.restoreMedia = function () {
    var self = this;
    $$(".sb-media").forEach(function (figure) {
      if (self.state.media.indexOf(figure.getAttribute("data-media")) >= 0) markDone(figure, self.S);
    });
  };

  var show = P.show;
  P.show = function (view, opts) {
    show.call(this, view, opts);
    $$(".sb-view:not(.is-current) video, .sb-view:not(.is-current) audio").forEach(function (m) {
      if (!m.paused) m.pause();
    });
  };

  var begin = P.begin;
  P.begin = function (got) {
    var self = this, out = begin.call(this, got);
    // "ended" does not bubble: one listener per element, in the capture phase of the document.
    document.addEventListener("ended", function (/** @type {ElementEvent<Event>} */ e) {
      var figure = e.target.closest && e.target.closest(".sb-media");
      if (figure) self.onMediaEnded(figure);
    }, true);
    this.restoreMedia();
    return out;
  };
})();
