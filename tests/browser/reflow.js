/* WCAG 1.4.10 Reflow, measured in the page at a 320 CSS px wide viewport (run by
   tests/browser/conftest.py). Returns a list of problems, empty when the page reflows:
   - the page scrolls sideways (its scroll width exceeds the viewport): the elements
     where the overflow starts are named, widest first;
   - a box scrolls sideways without being a labelled, focusable region (role="region",
     aria-label or aria-labelledby, tabindex="0"): only such a region may hold content
     that needs two dimensions, such as the results table;
   - a box hides content that does not fit (overflow: hidden or clip), which "fixes"
     the scroll bar by cutting the content off.
   WebDriver runs this file as a function body, hence the top-level return. */
return (function () {
  "use strict";
  var root = document.documentElement;
  var limit = root.clientWidth;
  var problems = [];

  function describe(el) {
    var name = el.tagName.toLowerCase();
    if (el.id) { name += "#" + el.id; }
    if (typeof el.className === "string" && el.className.trim()) {
      name += "." + el.className.trim().split(/\s+/).join(".");
    }
    var text = (el.textContent || "").replace(/\s+/g, " ").trim();
    return name + (text ? " « " + (text.length > 40 ? text.slice(0, 40) + "…" : text) + " »" : "");
  }

  // The box an element is laid out in: what clips it when that box does not let it overflow.
  function layoutParent(el) {
    var position = getComputedStyle(el).position;
    if (position === "fixed") { return null; }
    var parent = el.parentElement;
    if (position === "absolute") {
      while (parent && parent !== document.body && getComputedStyle(parent).position === "static") {
        parent = parent.parentElement;
      }
    }
    return parent;
  }

  function clippedByAncestor(el) {
    for (var box = layoutParent(el); box && box !== document.body && box !== root; box = layoutParent(box)) {
      if (getComputedStyle(box).overflowX !== "visible") { return true; }
    }
    return false;
  }

  function isFormControl(el) {
    return /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(el.tagName);
  }

  function accessibleName(el) {
    var label = (el.getAttribute("aria-label") || "").trim();
    var ids = (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    ids.forEach(function (id) {
      var target = document.getElementById(id);
      if (target) { label += target.textContent.trim(); }
    });
    return label;
  }

  var all = Array.prototype.slice.call(document.body.querySelectorAll("*"));
  var scrollX = window.scrollX;

  if (root.scrollWidth > limit) {
    var offending = new Set();
    all.forEach(function (el) {
      if (getComputedStyle(el).position === "fixed") { return; }
      var rect = el.getBoundingClientRect();
      if (!rect.width && !rect.height) { return; }
      // Only the right edge: what lies left of the page (the skip links' -999em) cannot be scrolled to.
      if (rect.right + scrollX > limit + 0.5 && !clippedByAncestor(el)) {
        offending.add(el);
      }
    });
    // Name where the overflow starts: an element that overflows while the box it sits in does not.
    var culprits = Array.from(offending).filter(function (el) { return !offending.has(layoutParent(el)); });
    culprits.sort(function (a, b) { return b.getBoundingClientRect().right - a.getBoundingClientRect().right; });
    problems.push("the page scrolls sideways: " + root.scrollWidth + " px wide in a " + limit + " px viewport; " +
      (culprits.length ? "overflowing: " + culprits.slice(0, 4).map(function (el) {
        var rect = el.getBoundingClientRect();
        return describe(el) + " [" + Math.round(rect.left + scrollX) + "–" + Math.round(rect.right + scrollX) + " px]";
      }).join("; ") : "no element found outside the viewport"));
  }

  all.concat([document.body, root]).forEach(function (el) {
    if (isFormControl(el) || el.scrollWidth <= el.clientWidth + 1) { return; }
    var overflow = getComputedStyle(el).overflowX;
    if (overflow === "auto" || overflow === "scroll") {
      if (el === root || el === document.body) { return; }  // the page itself: measured above
      if (el.getAttribute("role") !== "region" || !accessibleName(el) || el.getAttribute("tabindex") !== "0") {
        problems.push(describe(el) + " scrolls sideways (" + el.scrollWidth + " px in " + el.clientWidth +
          " px) but is not a labelled, focusable region (role=\"region\", aria-label(ledby), tabindex=\"0\")");
      }
    } else if ((overflow === "hidden" || overflow === "clip") && el.clientWidth > 1) {
      // 1 px boxes are the visually hidden texts, meant for screen readers only.
      problems.push(describe(el) + " cuts off content that does not fit (" + el.scrollWidth + " px in " +
        el.clientWidth + " px, overflow: " + overflow + ")");
    }
  });
  return problems;
}());
