// Project plans and their actions: a field's value and change counter, a plan's actions
// in its own order, and what they add up to in time and money. Pure functions; plans and
// actions are edited field by field, each field `{value, v}` (docs/protocol.md).

const list = (value) => (Array.isArray(value) ? value : []);

/** The value of one `{value, v}` field of a plan or action. */
export function fieldValue(item, name) {
  const field = item && item.fields && item.fields[name];
  return field ? field.value : undefined;
}

/** The change counter `v` of a field (0 when the field was never set). */
export function fieldVersion(owner, name) {
  const field = owner && owner.fields && owner.fields[name];
  return field && typeof field.v === "number" ? field.v : 0;
}

export function planTitle(plan) {
  return fieldValue(plan, "title") || (plan && plan.title) || "";
}

export function planById(state, id) {
  return list(state && state.plans).find((p) => p.id === id) || null;
}

/** The plan made from a strategy or challenge, or null. */
export function planOfSource(state, sourceId) {
  return list(state && state.plans).find((p) => p.source_id === sourceId) || null;
}

/** A plan's actions in the plan's own order. */
export function planActions(state, plan) {
  const byId = new Map(list(state && state.actions).map((a) => [a.id, a]));
  return list(plan.action_ids).map((id) => byId.get(id)).filter(Boolean);
}

/**
 * The derived time line and budget of a list of actions: actions by date, first start,
 * last due, hours and euros added up (euros in cents to stay exact).
 */
export function actionTotals(actions) {
  let hours = 0;
  let cents = 0;
  const dates = [];
  for (const action of actions) {
    const h = fieldValue(action, "hours");
    const e = fieldValue(action, "euros");
    if (typeof h === "number") hours += h;
    if (typeof e === "number") cents += Math.round(e * 100);
    for (const name of ["start", "due"]) {
      const d = fieldValue(action, name);
      if (d) dates.push(d);
    }
  }
  dates.sort();
  const timeline = actions
    .map((a) => ({ action: a, when: fieldValue(a, "start") || fieldValue(a, "due") || "" }))
    .sort((a, b) => (a.when || "9999").localeCompare(b.when || "9999"))
    .map((x) => x.action);
  return { hours, euros: cents / 100, first: dates[0] || null, last: dates[dates.length - 1] || null,
           timeline };
}

/**
 * What a plan adds up to, from its actions: {actions, hours, euros, start, due} with
 * `start` the earliest start and `due` the latest due date ("" when none).
 */
export function planTotals(state, plan) {
  const actions = plan ? planActions(state, plan) : [];
  const { hours, euros } = actionTotals(actions);
  const starts = actions.map((a) => fieldValue(a, "start")).filter(Boolean).sort();
  const dues = actions.map((a) => fieldValue(a, "due")).filter(Boolean).sort();
  return { actions: actions.length, hours, euros, start: starts[0] || "", due: dues[dues.length - 1] || "" };
}
