/*
 * scormbuild learner player — embeds (issue 15). Shipped only in packages whose modules
 * have an embed block. The provider's iframe is created when the learner activates the
 * placeholder's button, never before: no request reaches the provider until they ask.
 *
 * The iframe is sandboxed without allow-top-navigation: content that could navigate the
 * top frame would navigate the LMS's SCO frame away and end the session.
 */
(function () {
  "use strict";

  function load(figure) {
    var slot = figure.querySelector(".sb-embed-slot");
    var frame = document.createElement("iframe");
    frame.className = "sb-embed-iframe";
    frame.title = figure.getAttribute("data-embed-title");  // WCAG 4.1.2: a frame's name
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-presentation");
    frame.setAttribute("allow", "fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.src = figure.getAttribute("data-embed-src");
    slot.innerHTML = "";
    slot.appendChild(frame);
    figure.classList.add("is-loaded");
    frame.focus();  // keyboard users go on inside what they asked for
  }

  document.addEventListener("click", function (/** @type {ElementEvent<MouseEvent>} */ e) {
    var button = e.target.closest && e.target.closest("[data-embed-load]");
    if (button) load(button.closest(".sb-embed"));
  });
})();
