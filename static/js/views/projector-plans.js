// Action planning on the projector: every project plan as a column, big and simple: its
// name, owner and goal with its date, then its actions (what, who, when) and what the plan
// adds up to in time and money.
import { h, fitDensity } from "../dom.js";
import { t, tn } from "../i18n.js";
import {
  fieldValue, formatDate, formatEuros, planActions, planTitle, planTotals,
} from "../selectors.js";


export function createProjectorPlans({ root, lang }) {
  let shownFor = "";

  /** Show the board's plans; returns true (the step is about plans, even with none yet). */
  function show(state) {
    const plans = state.plans || [];
    const data = plans.map((plan) => ({ plan, actions: planActions(state, plan), totals: planTotals(state, plan) }));
    const signature = JSON.stringify([lang, data]);
    if (signature === shownFor) return true;
    shownFor = signature;
    root.dataset.count = String(plans.length);
    root.replaceChildren(...(plans.length ? data.map(planColumn)
      : [h("p", { class: "proj-empty" }, t("projector.plans.none"))]));
    return true;
  }

  function line(text, testid) {
    return text ? h("p", { class: "proj-plan-line", "data-testid": testid }, text) : null;
  }

  function planColumn({ plan, actions, totals }) {
    const resultBy = fieldValue(plan, "result_by");
    const goal = fieldValue(plan, "goal");
    const owner = fieldValue(plan, "owner");
    const involved = fieldValue(plan, "involved");
    return h("section", { class: "proj-plan", "data-testid": "projector-plan", "data-plan-id": plan.id },
      h("h2", { class: "proj-plan-title", "data-testid": "projector-plan-title" },
        planTitle(plan) || t("projector.plans.untitled")),
      line(owner ? t("projector.plans.owner", { name: owner }) : "", "projector-plan-owner"),
      line(goal && resultBy ? t("projector.plans.goal_by", { goal, date: formatDate(resultBy, lang) })
        : goal ? t("projector.plans.goal", { goal }) : "", "projector-plan-goal"),
      line(involved ? t("projector.plans.involved", { names: involved }) : "", "projector-plan-involved"),
      actions.length ? h("ol", { class: "proj-actions" }, actions.map(actionRow))
        : h("p", { class: "proj-plan-empty" }, t("projector.plans.no_actions")),
      totals.actions ? h("p", { class: "proj-plan-totals", "data-testid": "projector-plan-totals" },
        totalsText(totals)) : null);
  }

  function actionRow(action) {
    const start = fieldValue(action, "start");
    const due = fieldValue(action, "due");
    const when = start && due ? t("projector.plans.from_to", { start: formatDate(start, lang), due: formatDate(due, lang) })
      : due ? t("projector.plans.due", { date: formatDate(due, lang) })
        : start ? t("projector.plans.starts", { date: formatDate(start, lang) }) : "";
    const who = fieldValue(action, "owner");
    return h("li", { class: "proj-action", "data-testid": "projector-action", "data-action-id": action.id },
      h("p", { class: "proj-action-what" }, fieldValue(action, "what") || t("projector.plans.untitled_action")),
      who || when ? h("p", { class: "proj-action-meta" },
        who ? h("span", { class: "proj-action-who" }, who) : null,
        who && when ? " · " : null,
        when ? h("span", { class: "proj-action-when" }, when) : null) : null);
  }

  function totalsText(totals) {
    return [tn("projector.plans.actions", totals.actions),
      totals.hours ? tn("projector.plans.hours", totals.hours) : "",
      totals.euros ? formatEuros(totals.euros, lang) : ""].filter(Boolean).join(" · ");
  }

  /** Step the type down while it overflows the wall (the panel must be visible). */
  function fit() {
    fitDensity(root);
  }

  return { show, fit };
}
