// Pure reducers for a resident group's plan workspace (docs/workspace.md): one per event
// name, (state, data) -> new state, nothing changed in place. Actions and plans are edited
// as on an evening, so those reducers are the evening's own. Every applied event is also
// added to `history` (who changed what, and when), the way the server's snapshot lists it.
import { list, mapById, planningReducers } from "./apply-planning.js";

const HISTORY = 100;

function upsertAll(items, added) {
  const byId = new Map(list(items).map((x) => [x.id, x]));
  for (const item of list(added)) byId.set(item.id, item);
  return [...byId.values()];
}

function setYear(state, year, change) {
  const years = { ...(state.years || {}) };
  const key = String(year);
  years[key] = { phase: null, evaluation: null, ...(years[key] || {}), ...change };
  return { ...state, years };
}

export const workspaceReducers = {
  evening_taken_over: (state, data) => ({
    ...state,
    evenings: [...list(state.evenings), data.evening],
    results: upsertAll(state.results, data.results),
    cards: upsertAll(state.cards, data.cards),
    plans: upsertAll(state.plans, data.plans),
    actions: upsertAll(state.actions, data.actions),
    // an evaluation evening also files meanings and answers under its year
    meanings: upsertAll(state.meanings, data.meanings),
    years: { ...(state.years || {}), ...(data.years || {}) },
    // the parked items marked for later on the evening: the plan's open points
    open_points: upsertAll(state.open_points, data.open_points),
  }),

  // a mistaken hand-over taken back: what the evening brought leaves again
  evening_returned: (state, data) => {
    const gone = data.removed || {};
    const keep = (items, ids) => list(items).filter((x) => !list(ids).includes(x.id));
    const years = { ...(state.years || {}) };
    for (const [year, entry] of Object.entries(data.years || {})) {
      if (entry) years[year] = entry;
      else delete years[year];
    }
    const board = data.evening && data.evening.board_id;
    return {
      ...state,
      evenings: list(state.evenings).filter((e) => e.board_id !== board),
      results: keep(state.results, gone.results),
      cards: keep(state.cards, gone.cards),
      plans: keep(state.plans, gone.plans),
      actions: keep(state.actions, gone.actions),
      meanings: keep(state.meanings, gone.meanings),
      open_points: keep(state.open_points, gone.open_points),
      years,
    };
  },

  // a plan document imported into the (empty) workspace: its parts replace the state's
  plan_imported: (state, data) => ({
    ...state,
    evenings: list(data.evenings),
    results: list(data.results),
    cards: list(data.cards),
    plans: list(data.plans),
    actions: list(data.actions),
    meanings: list(data.meanings),
    years: { ...(data.years || {}) },
    // an older server's event has neither: nothing parked, sharing on (the default)
    open_points: list(data.open_points),
    share_progress: data.share_progress !== false,
  }),

  action_added: (state, data) => planningReducers.action_added(
    state, { ...data, action: data.action && { updates: [], ...data.action } }),

  action_updated: planningReducers.action_updated,

  // a plan's year is not a versioned field: it sits on the plan itself
  plan_updated: (state, data) => (data.field === "year"
    ? { ...state, plans: mapById(state.plans, data.plan_id, () => ({ year: data.value })) }
    : planningReducers.plan_updated(state, data)),

  action_update_added: (state, data) => ({
    ...state,
    actions: mapById(state.actions, data.action_id, (a) => ({
      updates: [...list(a.updates).filter((u) => u.id !== data.update.id), data.update],
    })),
  }),

  year_phase_set: (state, data) => setYear(state, data.year, { phase: data.phase }),

  year_evaluated: (state, data) => setYear(state, data.year, { evaluation: data.evaluation }),

  meaning_added: (state, data) => ({ ...state, meanings: upsertAll(state.meanings, [data.meaning]) }),

  // the group's choice whether residents' phones show the progress of their ideas
  share_progress_set: (state, data) => ({ ...state, share_progress: data.on === true }),
};

/** A history line as the server's snapshot gives it: a hand-over or an import without
 * its bulk. */
export function historyEntry(event) {
  const data = event.data || {};
  const short = {
    evening_taken_over: { evening: data.evening, by: data.by, at: data.at },
    plan_imported: { imported: data.imported, by: data.by, at: data.at },
    evening_returned: { evening: data.evening, by: data.by, at: data.at },
  };
  const shown = short[event.name] || data;
  return { version: event.version, name: event.name, data: shown };
}

/** The state after `event`; unknown events change nothing but still enter the history. */
export function applyWorkspaceEvent(state, event) {
  const reducer = workspaceReducers[event.name];
  const next = reducer ? reducer(state, event.data || {}) : state;
  const history = [...list(next.history), historyEntry(event)].slice(-HISTORY);
  return { ...next, history };
}
