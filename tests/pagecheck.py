"""Structural checks every rendered page must pass, static or served by a handler.

After GOV.UK notifications-admin's page fixture: one ``h1`` that begins the
``<title>`` (after « Erreur : », which a page showing form errors puts first, and only
such a page), unique ids, every form control labelled, landmarks and skip links whose
targets take focus.
"""

from __future__ import annotations

import re

import lxml.html

LABELLABLE = ("input", "select", "textarea")
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}
ERROR_PREFIX = "Erreur : "
FOCUSABLE_TAGS = {"a", "button", "input", "select", "textarea"}
ERROR_SUMMARY = "//*[@data-error-summary or contains(concat(' ', normalize-space(@class), ' '), ' error-summary ')]"


def _text(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def page_problems(html: str) -> list[str]:
    """Return a list of human-readable problems; empty when the page is fine."""
    problems = []
    doc = lxml.html.document_fromstring(html)
    if doc.get("lang") != "fr":
        problems.append('<html> must have lang="fr"')

    h1s = doc.xpath("//h1")
    titles = doc.xpath("//head/title")
    if len(h1s) != 1:
        problems.append(f"expected exactly one h1, found {len(h1s)}")
    if len(titles) != 1 or not _text(titles[0]):
        problems.append("expected one non-empty <title>")
    else:
        title = _text(titles[0])
        if len(h1s) == 1 and not title.removeprefix(ERROR_PREFIX).startswith(_text(h1s[0])):
            problems.append(f"<title> {title!r} does not begin with the h1 {_text(h1s[0])!r}")
        # Screen reader users hear the title first: it says at once that the form came back with errors.
        if doc.xpath(ERROR_SUMMARY) and not title.startswith(ERROR_PREFIX):
            problems.append(f"the page shows form errors but its <title> {title!r} "
                            f"does not begin with {ERROR_PREFIX!r}")
        elif title.startswith(ERROR_PREFIX) and not doc.xpath(ERROR_SUMMARY):
            problems.append(f"<title> {title!r} announces errors the page does not show")

    seen = {}
    for element in doc.xpath("//*[@id]"):
        seen[element.get("id")] = seen.get(element.get("id"), 0) + 1
    problems += [f"duplicate id {key!r} ({count} times)" for key, count in seen.items() if count > 1]

    label_targets = {label.get("for") for label in doc.xpath("//label[@for]")}
    for control in doc.xpath("//input|//select|//textarea"):
        if control.tag == "input" and control.get("type", "text") in UNLABELLED_INPUT_TYPES:
            continue
        control_id = control.get("id")
        labelled = (
            (control_id and control_id in label_targets)
            or control.xpath("ancestor::label")
            or control.get("aria-labelledby")
        )
        if not labelled:
            problems.append(f"form control {control.tag} name={control.get('name')!r} has no <label>")

    for described in doc.xpath("//*[@aria-describedby]"):
        for ref in described.get("aria-describedby").split():
            if ref not in seen:
                problems.append(f"aria-describedby points to missing id {ref!r}")

    if len(doc.xpath("//main")) != 1:
        problems.append("expected exactly one <main>")
    skip = doc.xpath("//body//a[@href]")
    if not skip or not skip[0].get("href", "").startswith("#"):
        problems.append("the first link of the page must be a skip link")
    # Every skip link (the leading in-page links) must land on an element that takes focus,
    # or the next Tab starts again from the top of the page in some browsers.
    for link in skip:
        if not link.get("href", "").startswith("#"):
            break
        problems += _skip_target_problems(doc, link.get("href")[1:])
    # A Python None or a Jinja Undefined printed into the page is always a template bug.
    if re.search(r">[^<]*\bNone\b[^<]*<", html) or "Undefined" in doc.text_content():
        problems.append("the page shows 'None' or 'Undefined': a value is missing in a template")
    for image in doc.xpath("//img[not(@alt)]"):
        problems.append(f"image {image.get('src')!r} has no alt attribute")
    return problems


def _skip_target_problems(doc, target_id: str) -> list[str]:
    targets = doc.xpath("//*[@id=$id]", id=target_id)
    if not targets:
        return [f"skip link target '#{target_id}' does not exist"]
    target = targets[0]
    focusable = target.get("tabindex") is not None or (
        target.tag in FOCUSABLE_TAGS and (target.tag != "a" or target.get("href") is not None)
        and target.get("type") != "hidden")
    if focusable:
        return []
    return [f"skip link target '#{target_id}' ({target.tag}) does not take focus: add tabindex=\"-1\""]
