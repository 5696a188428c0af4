// A review step that looks back at the group's own plans (docs/protocol.md, `review_filled`):
// the evening keeps a copy of the group's plan workspace per step in `state.reviews`,
// `{source, year, at, total, plans: [{id, title, actions: [{id, what, owner, due, status}]}]}`.
// Pure helpers shared by the projector, the phone and the console; a snapshot without
// `reviews` reads as having none.
import { optionsOf, stepAt, uses } from "./steps.js";

export const WORKSPACE_SOURCES = ["open_actions", "year_actions"];
export const CLOSED = ["gereed", "geschrapt"]; // done or dropped: no longer open

const list = (value) => (Array.isArray(value) ? value : []);

/** The workspace source of a step ("open_actions" or "year_actions"), else null. */
export function reviewSource(step) {
  if (!uses(step, "review")) return null;
  const source = optionsOf(step, "review").source;
  return WORKSPACE_SOURCES.includes(source) ? source : null;
}

/**
 * The copy of the group's plans a step (default: the current one) shows, or null when the
 * step is no review of the group's plans. A review not filled yet reads as empty.
 */
export function workspaceReview(state, index) {
  if (!state) return null;
  const at = index === undefined ? state.step : index;
  const source = reviewSource(stepAt(state, at));
  if (!source) return null;
  const reviews = state.reviews && typeof state.reviews === "object" ? state.reviews : {};
  const review = reviews[String(at)];
  if (!review || typeof review !== "object") return { source, year: null, at: null, total: 0, plans: [] };
  return { ...review, source: review.source || source };
}

/**
 * The plans with their actions in the order the room reads them: open actions whose due
 * date is before `today` (YYYY-MM-DD, the device's own date) first, then by due date
 * (undated last); done and dropped ones (a year review) after the open ones. Plans with
 * an overdue action come first. Each action gets `closed` and `overdue`.
 */
export function reviewGroups(review, today) {
  const order = (a, b) => (a.closed - b.closed) || (b.overdue - a.overdue)
    || ((a.due || "9999") < (b.due || "9999") ? -1 : (a.due || "9999") > (b.due || "9999") ? 1 : 0);
  const groups = list(review && review.plans).map((plan) => {
    const actions = list(plan.actions).map((action) => {
      const status = action.status || "idee";
      const due = action.due || "";
      const closed = CLOSED.includes(status);
      return { ...action, status, due, closed, overdue: !closed && Boolean(due) && due < today };
    }).sort(order);
    return { id: plan.id, title: plan.title || "", actions, overdue: actions.filter((a) => a.overdue).length };
  }).filter((g) => g.actions.length);
  return groups.sort((a, b) => (b.overdue > 0) - (a.overdue > 0));
}

/** How many actions the copy counted but does not list (it lists at most 200). */
export function reviewHidden(review) {
  const listed = list(review && review.plans).reduce((n, p) => n + list(p.actions).length, 0);
  return Math.max(0, ((review && review.total) || 0) - listed);
}
