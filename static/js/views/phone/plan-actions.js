// A project plan's actions on the phone: each a folded row with its fields, remove with a
// second tap to confirm, the ones this phone is adding, and the form to add one. It owns
// `add_action` and `remove_action` and their answers (a refusal is said under the form).
import { announce, h, setText } from "../../dom.js";
import { formatDate } from "../../format.js";
import { t } from "../../i18n.js";
import { fieldValue } from "../../selectors/plans.js";
import { createSecondTap } from "../shared/second-tap.js";

const ACTION_FIELDS = [["what", "text"], ["owner", "text"], ["helpers", "text"],
  ["partners", "text"], ["start", "date"], ["due", "date"], ["hours", "hours"],
  ["euros", "euros"], ["money_source", "text"]];

/**
 * `field(kind, id, name, type)` makes a field's editor (views/phone/plan-fields.js);
 * `outbox` is a function returning the phone's outbox; `onChange()` draws the plan again.
 */
export function createPlanActions({ boot, live, outbox, field, onChange }) {
  const lang = boot.lang;
  const limits = boot.limits || {}; // the server's maxima per field (pages/join.py)
  let view = null; // the parts of the plan's action list
  let addError = "";
  const removeTap = createSecondTap(() => onChange()); // "remove" asks for a second tap

  /** A new plan in the editor: no remove waits for its second tap. */
  function reset() {
    removeTap.clear();
  }

  /** The list, the waiting ones, the add form and its error line for plan `planId`. */
  function build(planId) {
    view = {
      actions: h("ol", { class: "action-list", "data-testid": "action-list" }),
      waiting: h("ul", { class: "card-list" }),
      addError: h("p", { class: "form-error", "aria-live": "assertive" }),
      addForm: buildAddForm(limits, (input) => add(planId, input)),
      rows: new Map(),
    };
    return view;
  }

  function add(planId, input) {
    const what = input.value.trim();
    if (!what) { addError = t("phone.plan.add_empty"); onChange(); input.focus(); return; }
    addError = "";
    outbox().enqueue("add_action", { plan_id: planId, fields: { what } }, {});
    input.value = "";
    onChange();
  }

  /** Show the plan's `actions`, what this phone is still adding, and the form while editable. */
  function update(plan, actions, editable) {
    updateActions(actions, editable);
    const adding = outbox().list().filter((e) => e.name === "add_action" && e.args.plan_id === plan.id);
    view.waiting.replaceChildren(...adding.map((e) => h("li", { class: "card my-card", "data-state": "waiting" },
      h("p", { class: "card-text" }, e.args.fields.what), h("p", { class: "card-state" }, t("phone.plan.adding")))));
    view.addForm.hidden = !editable;
    setText(view.addError, addError);
  }

  function updateActions(actions, editable) {
    const keep = new Set(actions.map((a) => a.id));
    for (const [id, row] of view.rows) if (!keep.has(id)) { row.li.remove(); view.rows.delete(id); }
    actions.forEach((action, i) => {
      let row = view.rows.get(action.id);
      if (!row) {
        const fields = ACTION_FIELDS.map(([name, type]) => field("action", action.id, name, type));
        row = buildActionRow(action.id, fields, () => remove(action.id));
        view.rows.set(action.id, row);
      }
      if (view.actions.children[i] !== row.li) view.actions.insertBefore(row.li, view.actions.children[i] || null);
      setText(row.what, fieldValue(action, "what") || t("phone.plan.untitled_action"));
      const due = fieldValue(action, "due");
      setText(row.meta, [fieldValue(action, "owner"), due ? t("phone.plan.due", { date: formatDate(due, lang) }) : ""]
        .filter(Boolean).join(" · "));
      for (const f of row.fields) { f.setEditable(editable); f.update(false); }
      row.remove.hidden = !editable;
      const armed = removeTap.isArmed(action.id);
      setText(row.remove, armed ? t("phone.plan.remove_confirm") : t("phone.plan.remove"));
      row.remove.classList.toggle("button-danger", armed);
    });
  }

  function remove(actionId) {
    if (!removeTap.confirms(actionId)) return;
    outbox().enqueue("remove_action", { action_id: actionId }, {});
    onChange();
  }

  /** The server answered adding or removing an action. Returns true when it was one. */
  function onResult(entry, ack) {
    if (entry.name !== "add_action" && entry.name !== "remove_action") return false;
    if (ack.ok) live.catchUp(ack.version);
    if (!ack.ok) {
      addError = (ack.error && ack.error.message) || t("phone.plan.failed");
      announce(addError);
    }
    return true;
  }

  return { reset, build, update, onResult };
}

/** The form that adds an action; `onAdd(input)` hears a submit. */
function buildAddForm(limits, onAdd) {
  const input = h("input", { class: "input", type: "text", id: "new-action",
                             maxlength: limits.action && limits.action.what,
                             "data-testid": "new-action-what" });
  const form = h("form", { class: "add-action", "data-testid": "add-action", novalidate: true },
    h("label", { class: "label", for: "new-action" }, t("phone.plan.add_label")),
    h("div", { class: "add-action-row" }, input,
      h("button", { class: "button button-primary", type: "submit", "data-testid": "add-action-submit" },
        t("phone.plan.add"))));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    onAdd(input);
  });
  return form;
}

/** One action, folded: its "what" and meta as the summary, its `fields` and "remove"
 * (`onRemove()`) inside. Returns the row's parts. */
function buildActionRow(actionId, fields, onRemove) {
  const row = {
    what: h("span", { class: "action-what" }),
    meta: h("span", { class: "action-meta" }),
    fields,
    remove: h("button", { class: "button button-small", type: "button", "data-testid": "remove-action",
                          onclick: onRemove }),
  };
  row.li = h("li", { class: "action-item", "data-testid": "action-item", "data-action-id": actionId },
    h("details", { class: "action-details" },
      h("summary", { class: "action-summary", "data-testid": "action-summary" }, row.what, row.meta),
      h("div", { class: "action-fields" }, fields.map((f) => f.root), row.remove)));
  return row;
}
