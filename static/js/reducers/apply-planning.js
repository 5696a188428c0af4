// Pure reducers for the planning techniques (docs/protocol.md, "The planning techniques"):
// clusters, votes, the matrix, promoted results, project plans and their actions, and the
// copy of the group's plans a review step shows.
// Each is (state, data, opts) -> new state; nothing is changed in place. A snapshot from
// before these techniques lacks their keys: every reducer reads them as empty.

/** A list the event or an old snapshot may lack: read as empty. */
export const list = (value) => (Array.isArray(value) ? value : []);
const table = (value) => (value && typeof value === "object" && !Array.isArray(value) ? value : {});

/** Put `item` in `items` by id: replace the one with the same id, else append. */
function upsert(items, item) {
  const all = list(items);
  if (!item || item.id === undefined) return all;
  const index = all.findIndex((x) => x.id === item.id);
  return index === -1 ? [...all, item] : all.map((x, i) => (i === index ? item : x));
}

function withoutIds(items, ids) {
  const gone = new Set(list(ids));
  return gone.size ? list(items).filter((x) => !gone.has(x.id)) : list(items);
}

/** `items` with the one of id `id` changed by `change(item)` (merged into a copy). */
export function mapById(items, id, change) {
  return list(items).map((x) => (x.id === id ? { ...x, ...change(x) } : x));
}

/** Set each card's cluster from a `{card_id: cluster_id or null}` map. */
function assignCards(cards, assignment) {
  const map = table(assignment);
  if (!Object.keys(map).length) return list(cards);
  return list(cards).map((c) =>
    (Object.prototype.hasOwnProperty.call(map, c.id) && c.cluster !== map[c.id]
      ? { ...c, cluster: map[c.id] } : c));
}

/** A field `{value, v}` of a plan or action, set from an *_updated event. */
function setField(owner, field, value, v) {
  const fields = { ...table(owner.fields), [field]: { value, v } };
  return field === "title" ? { ...owner, fields, title: value } : { ...owner, fields };
}

function setVote(state, step, change) {
  const votes = table(state.votes);
  const key = String(step);
  return { ...state, votes: { ...votes, [key]: { ...table(votes[key]), ...change(table(votes[key])) } } };
}

export const planningReducers = {
  focus_set: (state, data) => ({ ...state, focus: data.result_id === undefined ? null : data.result_id }),

  // cards taken from other clusters can leave those empty: they go (`removed`)
  cluster_created: (state, data) => ({
    ...state,
    clusters: upsert(withoutIds(state.clusters, data.removed), data.cluster),
    cards: assignCards(state.cards, data.cards),
  }),

  card_moved: (state, data) => ({
    ...state,
    clusters: withoutIds(state.clusters, data.removed),
    cards: assignCards(state.cards, { [data.card_id]: data.cluster_id === undefined ? null : data.cluster_id }),
  }),

  cluster_renamed: (state, data) =>
    ({ ...state, clusters: mapById(state.clusters, data.cluster_id, () => ({ name: data.name })) }),

  clusters_merged: (state, data) => ({
    ...state,
    clusters: withoutIds(state.clusters, [data.cluster_id]),
    cards: assignCards(state.cards, data.cards),
  }),

  cluster_split: (state, data) => ({
    ...state,
    clusters: upsert(state.clusters, data.cluster),
    cards: assignCards(state.cards, data.cards),
  }),

  clustering_undone: (state, data) => ({
    ...state,
    clusters: list(data.clusters).reduce(upsert, withoutIds(state.clusters, data.removed)),
    cards: assignCards(state.cards, data.cards),
  }),

  // A new round: earlier ballots of this step no longer count, on this phone too.
  vote_opened: (state, data) => setVote(state, data.step, () => ({
    round: data.round,
    open: true,
    revealed: false,
    items: list(data.items),
    budget: data.budget,
    max_per_item: data.max_per_item,
    voters: 0,
    mine: {},
    tallies: null,
  })),

  votes_revealed: (state, data) => setVote(state, data.step, (old) => ({
    round: data.round === undefined ? old.round : data.round,
    open: false,
    revealed: true,
    items: old.items ? old.items : Object.keys(table(data.tallies)),
    tallies: table(data.tallies),
    voters: typeof data.voters === "number" ? data.voters : old.voters || 0,
  })),

  matrix_placed: (state, data) => ({
    ...state,
    clusters: mapById(state.clusters, data.cluster_id, () => ({ impact: data.impact, effort: data.effort })),
  }),

  equity_set: (state, data) =>
    ({ ...state, clusters: mapById(state.clusters, data.cluster_id, () => ({ equity: data.equity })) }),

  results_promoted: (state, data) =>
    ({ ...state, results: list(data.results).reduce(upsert, list(state.results)) }),

  result_updated: (state, data) => ({ ...state, results: upsert(state.results, data.result) }),

  result_removed: (state, data) =>
    ({ ...state, results: withoutIds(state.results, [data.result_id]) }),

  plan_created: (state, data) => ({ ...state, plans: upsert(state.plans, data.plan) }),

  plan_updated: (state, data) => ({
    ...state,
    plans: list(state.plans).map((p) =>
      (p.id === data.plan_id ? setField(p, data.field, data.value, data.v) : p)),
  }),

  action_added: (state, data) => {
    const action = data.action;
    if (!action) return state;
    return {
      ...state,
      actions: upsert(state.actions, action),
      plans: list(state.plans).map((p) => (p.id === action.plan_id && !list(p.action_ids).includes(action.id)
        ? { ...p, action_ids: [...list(p.action_ids), action.id] } : p)),
    };
  },

  action_updated: (state, data) => ({
    ...state,
    actions: list(state.actions).map((a) =>
      (a.id === data.action_id ? setField(a, data.field, data.value, data.v) : a)),
  }),

  action_removed: (state, data) => ({
    ...state,
    actions: withoutIds(state.actions, [data.action_id]),
    plans: list(state.plans).map((p) => (list(p.action_ids).includes(data.action_id)
      ? { ...p, action_ids: p.action_ids.filter((id) => id !== data.action_id) } : p)),
  }),

  // a fresh copy of the group's plans for a review step (replaces the step's older copy)
  review_filled: (state, data) => (data.review && typeof data.step === "number"
    ? { ...state, reviews: { ...table(state.reviews), [String(data.step)]: data.review } }
    : state),
};
