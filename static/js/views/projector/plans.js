// Action planning on the projector: every project plan as a column, big and simple: its
// name, owner and goal with its date, then its actions (what, who, when) and what the plan
// adds up to in time and money. Plans that do not fit at the smallest readable type
// ("high": 28 px on a 1920 px wall) are shown in pages (views/projector/pages.js).
import { fitDensity, h } from "../../dom.js";
import { formatDate, formatEuros } from "../../format.js";
import { t, tn } from "../../i18n.js";
import { fieldValue, planActions, planTitle, planTotals } from "../../selectors/plans.js";
import { clips, createPager, pageIndicator } from "./pages.js";

const SMALLEST = "high"; // 1.46vw: 28 px at 1920 px wide, and as much of a smaller wall


export function createProjectorPlans({ root, lang }) {
  let shownFor = "";
  let blocks = [];
  const indicator = pageIndicator("projector-plans-pages");
  root.after(indicator);
  const pager = createPager({ box: root, indicator });

  /** Show the board's plans; returns true (the step is about plans, even with none yet). */
  function show(state) {
    const plans = state.plans || [];
    const data = plans.map((plan) => ({ plan, actions: planActions(state, plan), totals: planTotals(state, plan) }));
    const signature = JSON.stringify([lang, data]);
    if (signature === shownFor) return true;
    shownFor = signature;
    root.dataset.count = String(plans.length);
    blocks = plans.length ? data.map((d) => ({ count: d.actions.length, render: (from, to) => planColumn(d, from, to, lang) }))
      : [{ count: 0, render: () => h("p", { class: "proj-empty" }, t("projector.plans.none")) }];
    return true;
  }

  /**
   * Step the type down while the plans overflow the wall, to SMALLEST; past that, pages
   * (the panel must be visible). Again only when the plans or the panel's place changed
   * (pages.js `fitWhenChanged`).
   */
  function fit() {
    pager.fitWhenChanged(shownFor, blocks, () => fitDensity(root, root, clips(root) ? SMALLEST : "low"));
  }

  return { show, fit };
}

/** One line of a plan's head, or nothing when it has no text. */
function line(text, testid) {
  return text ? h("p", { class: "proj-plan-line", "data-testid": testid }, text) : null;
}

/** A plan with its actions from..to-1 (of `actions`) and its `totals`: the head in full on
 * its first part, the title on the rest. */
function planColumn({ plan, actions, totals }, from, to, lang) {
  const resultBy = fieldValue(plan, "result_by");
  const goal = fieldValue(plan, "goal");
  const owner = fieldValue(plan, "owner");
  const involved = fieldValue(plan, "involved");
  const first = from === 0;
  return h("section", { class: "proj-plan", "data-testid": "projector-plan", "data-plan-id": plan.id,
                        "data-part": first ? null : "rest" },
    h("h2", { class: "proj-plan-title", "data-testid": "projector-plan-title" },
      planTitle(plan) || t("projector.plans.untitled")),
    first ? null : line(t("projector.plans.continued", { i: from + 1 }), "projector-plan-continued"),
    !first ? null : line(owner ? t("projector.plans.owner", { name: owner }) : "", "projector-plan-owner"),
    !first ? null : line(goal && resultBy ? t("projector.plans.goal_by", { goal, date: formatDate(resultBy, lang) })
      : goal ? t("projector.plans.goal", { goal }) : "", "projector-plan-goal"),
    !first ? null : line(involved ? t("projector.plans.involved", { names: involved }) : "", "projector-plan-involved"),
    actions.length ? h("ol", { class: "proj-actions", start: from + 1 }, actions.slice(from, to).map((a) => actionRow(a, lang)))
      : h("p", { class: "proj-plan-empty" }, t("projector.plans.no_actions")),
    totals.actions && to === actions.length ? h("p", { class: "proj-plan-totals", "data-testid": "projector-plan-totals" },
      totalsText(totals, lang)) : null);
}

function actionRow(action, lang) {
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

function totalsText(totals, lang) {
  return [tn("projector.plans.actions", totals.actions),
    totals.hours ? tn("projector.plans.hours", totals.hours) : "",
    totals.euros ? formatEuros(totals.euros, lang) : ""].filter(Boolean).join(" · ");
}
