// The reducer of `format_adapted` (docs/protocol.md, "The evening's own format"): the
// evening's steps were changed before they began. Every item goes with its step when steps
// are skipped or put in another order (`moved`: old number -> new), exactly as the server
// renumbered them, so every screen keeps each card under the step it was prepared for.

const renumberItems = (list, moved) =>
  Array.isArray(list)
    ? list.map((item) => (String(item.step) in moved ? { ...item, step: moved[String(item.step)] } : item))
    : list;

function renumberKeys(keyed, moved, removed) {
  if (!keyed || typeof keyed !== "object") return keyed;
  const out = {};
  for (const [key, value] of Object.entries(keyed)) {
    if (removed.has(Number(key))) continue;
    if (!(key in moved)) out[key] = value;
  }
  for (const [key, value] of Object.entries(keyed)) {
    if (key in moved) out[String(moved[key])] = value;
  }
  return out;
}

export const formatReducers = {
  format_adapted: (state, data) => {
    const moved = data.moved && typeof data.moved === "object" ? data.moved : {};
    const removed = new Set(Array.isArray(data.removed) ? data.removed : []);
    let next = {
      ...state,
      steps: data.steps || state.steps,
      cards: renumberItems(state.cards, moved),
      clusters: renumberItems(state.clusters, moved),
      results: renumberItems(state.results, moved),
      parked: renumberItems(state.parked, moved),
      votes: renumberKeys(state.votes, moved, new Set()),
      reviews: data.reviews || renumberKeys(state.reviews, moved, removed),
    };
    if (data.timer) next = { ...next, timer: data.timer };
    if (data.title && next.board && next.board.format) {
      next = { ...next, board: { ...next.board, format: { ...next.board.format, title: data.title } } };
    }
    return next;
  },
};
