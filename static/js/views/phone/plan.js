// Action planning on the phone: pick a project plan and edit its fields
// (views/phone/plan-fields.js) and its actions (views/phone/plan-actions.js), every edit
// with its `base`, all through the durable outbox. Readable, not editable, while input
// is closed.
import { byId, h, setText } from "../../dom.js";
import { formatDate, formatEuros } from "../../format.js";
import { t, tn } from "../../i18n.js";
import { storage } from "../../outbox.js";
import { planActions, planById, planTitle, planTotals } from "../../selectors/plans.js";
import { stepUses } from "../../selectors/steps.js";
import { createPlanActions } from "./plan-actions.js";
import { createPlanFields } from "./plan-fields.js";

const PLAN_FIELDS = [["title", "text"], ["owner", "text"], ["involved", "text"],
  ["goal", "long"], ["result_by", "date"], ["notes", "long"]];

export function createPhonePlan({ boot, store, live, outbox }) {
  const lang = boot.lang;
  const el = {
    panel: byId("plan-panel"),
    help: byId("plan-help"),
    picker: byId("plan-picker"),
    editor: byId("plan-editor"),
  };
  const pickKey = `weefwerk:plan:${boot.board_id}`;
  const fields = createPlanFields({ boot, store, live, outbox });
  const actionList = createPlanActions({ boot, live, outbox, field: fields.field, onChange: render });
  let selected = storage.read(pickKey, null);
  let pickerFor = "";
  let editorFor = null;
  let view = null;            // the editor's parts for the selected plan

  /** The server answered a plan command. Returns true when this module handled it. */
  function onResult(entry, ack) {
    if (!fields.onResult(entry, ack) && !actionList.onResult(entry, ack)) return false;
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
    actionList.reset();
    if (!planId) {
      view = null;
      el.editor.replaceChildren();
      return;
    }
    const planFields = PLAN_FIELDS.map(([name, type]) => fields.field("plan", planId, name, type));
    const actions = actionList.build(planId);
    view = { fields: planFields, totals: h("p", { class: "plan-totals", "data-testid": "plan-totals" }) };
    el.editor.replaceChildren(
      h("div", { class: "plan-fields" }, planFields.map((f) => f.root)),
      h("h2", { class: "plan-actions-heading" }, t("phone.plan.actions_heading")),
      view.totals, actions.actions, actions.waiting, actions.addForm, actions.addError);
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
    actionList.update(plan, actions, editable);
  }

  return { render, onResult };
}
