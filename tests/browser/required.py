"""RGAA 11.10 in the browser tests: a field the server reports as missing must have been announced
as required before the form was sent. ``Visitor.submit`` notes, just before it sends a form, how
each field of the form is announced and whether it is empty; on the page that answers, every empty
field the error summary names must have been announced, by ``required`` / ``aria-required`` (on
the field or its radio group) or by « obligatoire » in its label, legend or hint, or by a sentence
before the fields saying that all of them are (« Tous les champs sont obligatoires ») when its own
text does not say « facultatif »."""

from __future__ import annotations

SNAPSHOT = r"""
const button = arguments[0];
const form = button.form || button.closest("form");
if (!form) { return {}; }
const scope = form.closest("main") || document.body;
// A sentence saying all fields are required counts for the fields after it.
const general = Array.from(scope.querySelectorAll("p, li")).filter(p =>
  /(tous les champs|toutes les rubriques)[^.]*obligatoires/i.test(p.textContent) &&
  (p.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING || form.contains(p)));
const fields = {};
for (const el of form.elements) {
  if (!el.name || !el.id || ["hidden", "submit", "button", "reset"].includes(el.type)) { continue; }
  const box = el.closest(".field") || el.parentElement;
  const words = Array.from(box.querySelectorAll(`label[for="${el.id}"], legend, .field__label, .field__hint`))
    .map(node => node.textContent).join(" ");
  let empty;
  if (el.type === "radio" || el.type === "checkbox") {
    empty = !Array.from(form.elements).some(other => other.name === el.name && other.checked);
  } else {
    empty = !el.value.trim();
  }
  fields[el.id] = {
    name: el.name, empty: empty,
    announced: el.required || el.getAttribute("aria-required") === "true" ||
      !!el.closest("[aria-required=true]") || /obligatoire/i.test(words) ||
      (general.length > 0 && !/facultatif/i.test(words)),
  };
}
return fields;
"""

REPORTED = r"""
return Array.from(document.querySelectorAll("[data-error-summary] a[href^='#']"))
  .map(a => a.getAttribute("href").slice(1));
"""


def snapshot(browser, button) -> dict:
    return browser.execute_script(SNAPSHOT, button)


def unannounced(browser, before: dict) -> list[str]:
    """The problems of the page that answered a form noted by ``snapshot``."""
    problems = []
    for target in browser.execute_script(REPORTED):
        field = before.get(target)
        if field and field["empty"] and not field["announced"]:
            problems.append(f"11.10: « {field['name']} » was left empty and reported missing, but nothing "
                            "said it was required before the form was sent")
    return problems
