// What a group's plan workspace derives from its state: whether an action is overdue,
// the years its yearly cycle shows, and its open actions in the shape of an evening's
// review copy (so the council meeting's screen orders them as a review step does).
import { fieldValue } from "./plans.js";
import { CLOSED } from "./review.js";

/** Overdue: the due date has passed and the action is neither done nor dropped. */
export function isOverdue(action, status, today) {
  const due = fieldValue(action, "due");
  return Boolean(due) && due < today && !CLOSED.includes(status);
}

/** The years to show: every year a plan, a phase, an evaluation or a meaning has, and this one. */
export function yearsOf(state, thisYear) {
  const years = new Set([thisYear]);
  for (const p of state.plans || []) if (p.year) years.add(Number(p.year));
  for (const y of Object.keys(state.years || {})) years.add(Number(y));
  for (const m of state.meanings || []) if (m.year) years.add(Number(m.year));
  return [...years].filter((y) => Number.isInteger(y)).sort((a, b) => a - b);
}

/** The workspace's open actions as a review copy `{source, plans: [{id, title, actions}]}`
 * (static/js/selectors/review.js orders it). */
export function openActionsReview(state) {
  const plans = (state.plans || []).map((plan) => ({
    id: plan.id,
    title: fieldValue(plan, "title"),
    actions: (state.actions || []).filter((a) => a.plan_id === plan.id).map((a) => ({
      id: a.id, what: fieldValue(a, "what"), owner: fieldValue(a, "owner"),
      due: fieldValue(a, "due") || "", status: fieldValue(a, "status") || "idee",
    })).filter((a) => !CLOSED.includes(a.status)),
  }));
  return { source: "open_actions", plans };
}
