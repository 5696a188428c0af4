// Action planning on the phone: pick a project plan, edit its fields and its actions
// (update_plan / add_action / update_action / remove_action, each with `base`), all
// through the durable outbox. Readable, not editable, while input is closed.
import { announce, byId, h, setText } from "../../dom.js";
import { formatDate, formatEuros } from "../../format.js";
import { t, tn } from "../../i18n.js";
import { storage } from "../../outbox.js";
import {
  fieldValue, fieldVersion, planActions, planById, planTitle, planTotals,
} from "../../selectors/plans.js";
import { stepUses } from "../../selectors/steps.js";
import { createField } from "./field.js";

const PLAN_FIELDS = [["title", "text"], ["owner", "text"], ["involved", "text"],
  ["goal", "long"], ["result_by", "date"], ["notes", "long"]];
const ACTION_FIELDS = [["what", "text"], ["owner", "text"], ["helpers", "text"],
  ["partners", "text"], ["start", "date"], ["due", "date"], ["hours", "hours"],
  ["euros", "euros"], ["money_source", "text"]];
const CONFIRM_MS = 5000;

export function createPhonePlan({ boot, store, live, outbox }) {
  const lang = boot.lang;
  const limits = boot.limits || {}; // the server's maxima per field (pages/join.py)
  const el = {
    panel: byId("plan-panel"),
    help: byId("plan-help"),
    picker: byId("plan-picker"),
    editor: byId("plan-editor"),
  };
  const pickKey = `weefwerk:plan:${boot.board_id}`;
  const problems = new Map(); // field key -> {superseded, message, mine}
  const ownV = new Map();     // field key -> the v our own accepted edit made
  let selected = storage.read(pickKey, null);
  let pickerFor = "";
  let editorFor = null;
  let view = null;            // the editor's parts for the selected plan
  let addError = "";
  let confirming = null;
  let confirmTimer = null;

  function owner(kind, id) {
    const state = store.state;
    const items = kind === "plan" ? state.plans : state.actions;
    return (items || []).find((x) => x.id === id) || null;
  }

  function pendingFor(key) {
    return outbox().list().filter((e) => e.meta && e.meta.key === key);
  }

  /** The `v` an edit made now should carry: the store's, our own accepted edits, our queue. */
  function baseNow(kind, id, field) {
    const key = `${kind}:${id}:${field}`;
    let v = fieldVersion(owner(kind, id), field);
    if ((ownV.get(key) || 0) > v) v = ownV.get(key);
    for (const entry of pendingFor(key)) v = Math.max(v, entry.args.base + 1);
    return v;
  }

  function field(kind, id, name, type) {
    const key = `${kind}:${id}:${name}`;
    const command = kind === "plan" ? "update_plan" : "update_action";
    return createField({
      id: `f-${kind}-${id}-${name}`,
      label: t(`phone.${kind}_field.${name}`),
      kind: type,
      maxLength: limits[kind] && limits[kind][name],
      testid: `${kind}-field-${name}`,
      read: () => { const o = owner(kind, id); return { value: fieldValue(o, name), v: fieldVersion(o, name) }; },
      baseNow: () => baseNow(kind, id, name),
      save: (value, base) => outbox().enqueue(command,
        { [`${kind}_id`]: id, field: name, value, base }, { key }),
      problem: () => problems.get(key) || null,
      setProblem: (p) => (p ? problems.set(key, p) : problems.delete(key)),
    });
  }

  /** The server answered a plan command. Returns true when this module handled it. */
  function onResult(entry, ack) {
    const names = ["update_plan", "update_action", "add_action", "remove_action"];
    if (!names.includes(entry.name)) return false;
    if (ack.ok) live.catchUp(ack.version);
    const message = (ack.error && ack.error.message) || t("phone.plan.failed");
    if (entry.name.startsWith("update_")) {
      const key = entry.meta && entry.meta.key;
      if (ack.ok) ownV.set(key, entry.args.base + 1);
      else problems.set(key, { superseded: ack.error && ack.error.code === "superseded",
                               message, mine: entry.args.value });
    } else if (!ack.ok) {
      addError = message;
    }
    if (!ack.ok) announce(message);
    render();
    return true;
  }

  function render() {
    const state = store.state;
    el.panel.hidden = !state || !stepUses(state, "action_plan");
    if (el.panel.hidden) return;
    const editable = Boolean(state.input_open);
    const plans = state.plans || [];
    // closed: the input line above already says so ("phone.plan.help_closed"), once
    setText(el.help, !plans.length ? t("phone.plan.none") : editable ? t("phone.plan.help_open") : "");
    el.help.hidden = !el.help.textContent;
    if (!planById(state, selected)) selected = plans.length === 1 ? plans[0].id : null;
    renderPicker(plans);
    if (editorFor !== selected) buildEditor(selected);
    if (view) updateEditor(state, editable);
  }

  function renderPicker(plans) {
    const signature = JSON.stringify([plans.map((p) => [p.id, planTitle(p)]), selected]);
    if (signature === pickerFor) return;
    pickerFor = signature;
    el.picker.hidden = plans.length < 2;
    el.picker.replaceChildren(...plans.map((plan) => h("button", {
      class: "button plan-pick", type: "button", "data-testid": "plan-pick", "data-plan-id": plan.id,
      "aria-pressed": plan.id === selected ? "true" : "false",
      onclick: () => { selected = plan.id; storage.write(pickKey, selected); render(); },
    }, planTitle(plan) || t("phone.plan.untitled"))));
  }

  function buildEditor(planId) {
    editorFor = planId;
    confirming = null;
    if (!planId) {
      view = null;
      el.editor.replaceChildren();
      return;
    }
    const fields = PLAN_FIELDS.map(([name, type]) => field("plan", planId, name, type));
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
      if (!what) { addError = t("phone.plan.add_empty"); render(); addInput.focus(); return; }
      addError = "";
      outbox().enqueue("add_action", { plan_id: planId, fields: { what } }, {});
      addInput.value = "";
      render();
    });
    view = {
      fields,
      totals: h("p", { class: "plan-totals", "data-testid": "plan-totals" }),
      actions: h("ol", { class: "action-list", "data-testid": "action-list" }),
      waiting: h("ul", { class: "card-list" }),
      addError: h("p", { class: "form-error", "aria-live": "assertive" }),
      addForm,
      rows: new Map(),
    };
    el.editor.replaceChildren(
      h("div", { class: "plan-fields" }, fields.map((f) => f.root)),
      h("h3", { class: "plan-actions-heading" }, t("phone.plan.actions_heading")),
      view.totals, view.actions, view.waiting, addForm, view.addError);
  }

  function updateEditor(state, editable) {
    const plan = planById(state, editorFor);
    for (const f of view.fields) { f.setEditable(editable); f.update(false); }
    const actions = planActions(state, plan);
    const totals = planTotals(state, plan);
    setText(view.totals, [tn("phone.plan.action_count", totals.actions),
      totals.hours ? tn("phone.plan.hours", totals.hours) : "",
      totals.euros ? formatEuros(totals.euros, lang) : "",
      totals.start || totals.due ? t("phone.plan.span", { start: formatDate(totals.start, lang) || "…",
                                                    due: formatDate(totals.due, lang) || "…" }) : "",
    ].filter(Boolean).join(" · "));
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
      confirmTimer = setTimeout(() => { confirming = null; render(); }, CONFIRM_MS);
      render();
      return;
    }
    confirming = null;
    outbox().enqueue("remove_action", { action_id: actionId }, {});
    render();
  }

  return { render, onResult };
}
