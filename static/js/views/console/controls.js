// Small bound controls for the console's editors: a select and a list of checkboxes that
// show a value from the board state and hand a change to `onSave(changes, element)`.
// A control with a change on its way (`data-pending`) or with focus is not overwritten.
import { h, setAttr, setOptions, setText, stableList } from "../../dom.js";
import { t } from "../../i18n.js";

let counter = 0;
const uid = (prefix) => `${prefix}-${(counter += 1)}`;

/** A labelled <select> for `result[field]`; `options(state, result)` -> [{value, label}]. */
export function selectField(field, labelKey, options, parse) {
  const id = uid(`f-${field}`);
  const select = h("select", { class: "input", id, "data-testid": `result-${field}` });
  const control = {
    el: h("div", { class: "field" }, h("label", { class: "label", for: id }, t(labelKey)), select),
    onSave: null,
    patch(state, result) {
      const value = result[field];
      setOptions(select, options(state, result), value === undefined ? null : value);
    },
  };
  select.addEventListener("change", () => {
    const raw = select.value;
    const value = raw === "" ? null : parse ? parse(raw) : raw;
    if (control.onSave) control.onSave({ [field]: value }, select);
  });
  return control;
}

/**
 * A fieldset of checkboxes, one per result `items(state)` offers, for a list of ids in
 * `result[field]` (e.g. the barriers a strategy weakens). Saves the whole new list.
 */
export function checkList(field, legendKey, items, emptyKey) {
  const base = uid(`c-${field}`);
  const list = h("ul", { class: "check-list" });
  const empty = h("p", { class: "hint" });
  const renderItems = stableList(list);
  const control = {
    el: h("fieldset", { class: "check-group", "data-testid": `result-${field}` },
      h("legend", {}, t(legendKey)), list, empty),
    onSave: null,
    patch(state, result) {
      const offered = items(state).filter((x) => x.id !== result.id);
      const chosen = new Set(result[field] || []);
      setText(empty, offered.length ? "" : t(emptyKey));
      renderItems(offered, (x) => x.id, (x) => {
        const id = `${base}-${x.id}`;
        const box = h("input", { type: "checkbox", class: "check", id, "data-id": x.id });
        box.addEventListener("change", () => save(box));
        return h("li", { class: "check-item" }, box, h("label", { for: id, class: "check-label" }));
      }, (li, x) => {
        const box = li.querySelector("input");
        if (!box.dataset.pending) box.checked = chosen.has(x.id);
        setText(li.querySelector("label"), x.title);
      });
    },
  };
  function save(box) {
    const ids = [...list.querySelectorAll("input:checked")].map((b) => b.dataset.id);
    if (control.onSave) control.onSave({ [field]: ids }, box);
  }
  return control;
}

/**
 * A small button that stays in the tab order while it may not be used: `aria-disabled`
 * instead of `disabled` (`enable` flips it), so a keyboard user can still reach it and
 * hear why; a click on it then does nothing.
 */
export function guardedButton(label, testid, onclick, extra = "") {
  return h("button", { class: `button button-small ${extra}`, type: "button", "data-testid": testid,
                       onclick: (e) => { if (e.currentTarget.getAttribute("aria-disabled") !== "true") onclick(); } },
    label);
}

export function enable(btn, on) {
  setAttr(btn, "aria-disabled", on ? "false" : "true");
}
