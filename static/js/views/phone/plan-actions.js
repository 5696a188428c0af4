// A project plan's actions on the phone: each a folded row with its fields, remove with a
// second tap to confirm, the ones this phone is adding, and the form to add one. It owns
// `add_action` and `remove_action` and their answers (a refusal is said under the form).
import { announce, h, setText } from "../../dom.js";
import { formatDate } from "../../format.js";
import { t } from "../../i18n.js";
import { fieldValue } from "../../selectors/plans.js";

const ACTION_FIELDS = [["what", "text"], ["owner", "text"], ["helpers", "text"],
  ["partners", "text"], ["start", "date"], ["due", "date"], ["hours", "hours"],
  ["euros", "euros"], ["money_source", "text"]];
const CONFIRM_MS = 5000;

/**
 * `field(kind, id, name, type)` makes a field's editor (views/phone/plan-fields.js);
 * `outbox` is a function returning the phone's outbox; `onChange()` draws the plan again.
 */
export function createPlanActions({ boot, live, outbox, field, onChange }) {
  const lang = boot.lang;
  const limits = boot.limits || {}; // the server's maxima per field (pages/join.py)
  let view = null; // the parts of the plan's action list
  let addError = "";
  let confirming = null;
  let confirmTimer = null;

  /** A new plan in the editor: no remove waits for its second tap. */
  function reset() {
    confirming = null;
  }

  /** The list, the waiting ones, the add form and its error line for plan `planId`. */
  function build(planId) {
    const addInput = h("input", { class: "input", type: "text", id: "new-action",
                                  maxlength: limits.action && limits.action.what,
                                  "data-testid": "new-action-what" });
    const addForm = h("form", { class: "add-action", "data-testid": "add-action", novalidate: true },
      h("label", { class: "label", for: "new-action" }, t("phone.plan.add_label")),
      h("div", { class: "add-action-row" }, addInput,
        h("button", { class: "button button-primary", type: "submit", "data-testid": "add-action-submit" },
          t("phone.plan.add"))));
    addForm.addEventListener("submit", (e) => {
      e.preventDefault();
      const what = addInput.value.trim();
      if (!what) { addError = t("phone.plan.add_empty"); onChange(); addInput.focus(); return; }
      addError = "";
      outbox().enqueue("add_action", { plan_id: planId, fields: { what } }, {});
      addInput.value = "";
      onChange();
    });
    view = {
      actions: h("ol", { class: "action-list", "data-testid": "action-list" }),
      waiting: h("ul", { class: "card-list" }),
      addError: h("p", { class: "form-error", "aria-live": "assertive" }),
      addForm,
      rows: new Map(),
    };
    return view;
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
      if (!row) { row = buildAction(action.id); view.rows.set(action.id, row); }
      if (view.actions.children[i] !== row.li) view.actions.insertBefore(row.li, view.actions.children[i] || null);
      setText(row.what, fieldValue(action, "what") || t("phone.plan.untitled_action"));
      const due = fieldValue(action, "due");
      setText(row.meta, [fieldValue(action, "owner"), due ? t("phone.plan.due", { date: formatDate(due, lang) }) : ""]
        .filter(Boolean).join(" · "));
      for (const f of row.fields) { f.setEditable(editable); f.update(false); }
      row.remove.hidden = !editable;
      setText(row.remove, confirming === action.id ? t("phone.plan.remove_confirm") : t("phone.plan.remove"));
      row.remove.classList.toggle("button-danger", confirming === action.id);
    });
  }

  function buildAction(actionId) {
    const fields = ACTION_FIELDS.map(([name, type]) => field("action", actionId, name, type));
    const row = {
      what: h("span", { class: "action-what" }),
      meta: h("span", { class: "action-meta" }),
      fields,
      remove: h("button", { class: "button button-small", type: "button", "data-testid": "remove-action",
                            onclick: () => remove(actionId) }),
    };
    row.li = h("li", { class: "action-item", "data-testid": "action-item", "data-action-id": actionId },
      h("details", { class: "action-details" },
        h("summary", { class: "action-summary", "data-testid": "action-summary" }, row.what, row.meta),
        h("div", { class: "action-fields" }, fields.map((f) => f.root), row.remove)));
    return row;
  }

  function remove(actionId) {
    if (confirming !== actionId) {
      confirming = actionId;
      clearTimeout(confirmTimer);
      confirmTimer = setTimeout(() => { confirming = null; onChange(); }, CONFIRM_MS);
      onChange();
      return;
    }
    confirming = null;
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
