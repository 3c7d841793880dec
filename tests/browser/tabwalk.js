// The keyboard walk of a page (RGAA 10.7, 10.14, 12.8, 12.9), in two calls around real Tab
// presses sent by WebDriver: ``start`` lists what Tab should reach, notes how each element
// looks unfocused and starts listening; the Tab presses follow; ``finish`` reads what the
// focus did, puts the page back as it was (focus, scroll) and returns the problems.
// Called with arguments[0] = "start" or "finish"; WebDriver runs this file as a function body.
return (function (phase) {
  "use strict";
  var PROPS = ["outline-style", "outline-width", "outline-color", "box-shadow", "background-color", "color",
    "text-decoration-line", "border-top-color", "border-bottom-width"];

  function looks(el) {
    var style = getComputedStyle(el);
    return PROPS.map(function (p) { return style.getPropertyValue(p); }).join("|");
  }
  function name(el) {
    var text = (el.getAttribute("aria-label") || el.textContent || el.value || el.name || "").replace(/\s+/g, " ").trim();
    return el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.name ? "[name=" + el.name + "]" : "") +
      (text ? " « " + text.slice(0, 40) + " »" : "");
  }
  // Inside a closed <details>, only its <summary> is shown (Chromium still gives the hidden
  // content client rects: its content slot is only ``content-visibility: hidden``).
  function inClosedDetails(el) {
    for (var d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      var summary = d.querySelector(":scope > summary");
      if (!d.open && !(summary && summary.contains(el))) { return true; }
    }
    return false;
  }
  function visible(el) {
    if (!el.getClientRects().length || inClosedDetails(el)) { return false; }
    var style = getComputedStyle(el);
    return style.visibility !== "hidden" && !el.closest("[inert]");
  }
  // What sequential navigation reaches: no positive tabindex is used on the site (axe
  // ``tabindex``), so the order is the document's; a radio group is one stop (its checked
  // radio, or its first).
  function tabbables() {
    var seen = {}, list = [];
    var all = document.querySelectorAll(
      "a[href], button, input, select, textarea, summary, [tabindex], [contenteditable=true]");
    Array.prototype.forEach.call(all, function (el) {
      if (el.tabIndex < 0 || el.disabled || (el.type === "hidden") || !visible(el)) { return; }
      if (el.type === "radio" && el.name) {
        var key = (el.form ? "form" + Array.prototype.indexOf.call(document.forms, el.form) : "") + el.name;
        var group = Array.prototype.filter.call(document.getElementsByName(el.name),
          function (r) { return r.type === "radio" && r.form === el.form && visible(r); });
        var stop = group.filter(function (r) { return r.checked; })[0] || group[0];
        if (el !== stop || seen[key]) { return; }
        seen[key] = true;
      }
      list.push(el);
    });
    return list;
  }

  if (phase === "start") {
    var walk = {
      stops: [], focused: document.activeElement, scroll: [window.scrollX, window.scrollY],
      marker: document.createElement("span")
    };
    // The walk starts from the top of the page, as after loading it; the unfocused looks
    // are noted once nothing of the page has the focus.
    walk.marker.tabIndex = -1;
    document.body.insertBefore(walk.marker, document.body.firstChild);
    walk.marker.focus();
    var expected = tabbables();
    walk.expected = expected;
    walk.before = expected.map(looks);
    walk.listener = function (event) {
      var el = event.target, rect = el.getBoundingClientRect();
      walk.stops.push({
        el: el, looks: looks(el),
        onScreen: rect.width > 1 && rect.height > 1 && rect.bottom > 0 && rect.right > 0 &&
          rect.top < window.innerHeight && rect.left < window.innerWidth
      });
    };
    document.addEventListener("focusin", walk.listener, true);
    window.__tabWalk = walk;
    return expected.length;
  }

  var w = window.__tabWalk, problems = [];
  document.removeEventListener("focusin", w.listener, true);
  w.marker.remove();
  var position = function (el) { return w.expected.indexOf(el); };
  var last = -1, reached = {};
  for (var i = 0; i < w.stops.length; i++) {
    var stop = w.stops[i], at = position(stop.el);
    if (stop.el === document.body || stop.el === document.documentElement) { break; }
    if (at >= 0 && reached[at]) { break; }  // came round again: the walk is over
    if (at >= 0) {
      if (at < last) {
        problems.push("tab order goes back from " + name(w.expected[last]) + " to " + name(stop.el) + " (12.8)");
      }
      last = Math.max(last, at);
      reached[at] = true;
      if (stop.looks === w.before[at]) { problems.push("no visible focus on " + name(stop.el) + " (10.7)"); }
    }
    if (stop.el.closest(".skip-links") && !stop.onScreen) {
      problems.push("skip link not shown on screen when focused: " + name(stop.el) + " (10.14)");
    }
  }
  var missed = w.expected.filter(function (el, index) { return !reached[index]; });
  if (missed.length) {
    problems.push(missed.length + " element(s) never reached by Tab (trap or unreachable, 12.9), first " +
      name(missed[0]));
  }
  if (w.focused && w.focused !== document.body) { w.focused.focus({ preventScroll: true }); }
  else if (document.activeElement) { document.activeElement.blur(); }
  window.scrollTo(w.scroll[0], w.scroll[1]);
  delete window.__tabWalk;
  return problems;
})(arguments[0]);
