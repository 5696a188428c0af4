// The reducer of `format_adapted` (docs/protocol.md, "The evening's own format"): the
// evening's steps were changed before they began. Items of a later step than a skipped one
// move one step up with it, exactly as the server moved them, so every screen keeps each
// card under the step it was prepared for.

const moveItems = (list, removed) =>
  Array.isArray(list)
    ? list.map((item) => (item.step > removed ? { ...item, step: item.step - 1 } : item))
    : list;

function moveKeys(keyed, removed) {
  if (!keyed || typeof keyed !== "object") return keyed;
  const moved = {};
  for (const [key, value] of Object.entries(keyed)) {
    const step = Number(key);
    moved[step > removed ? String(step - 1) : key] = step > removed && value && typeof value === "object" && "step" in value
      ? { ...value, step: step - 1 }
      : value;
  }
  return moved;
}

function withoutStep(state, removed) {
  const reviews = { ...(state.reviews || {}) };
  delete reviews[String(removed)];
  return {
    ...state,
    cards: moveItems(state.cards, removed),
    clusters: moveItems(state.clusters, removed),
    results: moveItems(state.results, removed),
    parked: moveItems(state.parked, removed),
    votes: moveKeys(state.votes, removed),
    reviews: moveKeys(reviews, removed),
  };
}

export const formatReducers = {
  format_adapted: (state, data) => {
    let next = state;
    for (const removed of Array.isArray(data.removed) ? data.removed : []) {
      next = withoutStep(next, removed);
    }
    next = { ...next, steps: data.steps || next.steps };
    if (data.reviews) next = { ...next, reviews: data.reviews };
    if (data.timer) next = { ...next, timer: data.timer };
    if (data.title && next.board && next.board.format) {
      next = { ...next, board: { ...next.board, format: { ...next.board.format, title: data.title } } };
    }
    return next;
  },
};
