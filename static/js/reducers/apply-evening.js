// Pure reducers: (state, data, opts) -> new state, one per event name in docs/protocol.md.
// `opts.staff` is true for the facilitator's console, which also sees hidden cards
// and always sees author names. State objects are never changed in place.
// The planning techniques (clusters, votes, matrix, results, plans) are in apply-planning.js.
import { planningReducers } from "./apply-planning.js";
import { formatReducers } from "./apply-format.js";

function upsertCard(cards, card) {
  const index = cards.findIndex((c) => c.id === card.id);
  if (index === -1) return [...cards, card];
  const merged = { ...card, mine: card.mine !== undefined ? card.mine : cards[index].mine };
  return cards.map((c, i) => (i === index ? merged : c));
}

function mapCard(cards, id, change) {
  return cards.map((c) => (c.id === id ? { ...c, ...change(c) } : c));
}

const setTimer = (state, data) => ({ ...state, timer: data.timer });

/** The parking lot with `item` put in (or replaced, keeping whether it is mine). */
function upsertParked(parked, item) {
  const list = Array.isArray(parked) ? parked : [];
  const index = list.findIndex((p) => p.id === item.id);
  if (index === -1) return [...list, item];
  return list.map((p, i) => (i === index ? { ...item, mine: p.mine } : p));
}

export const reducers = {
  // the card carries origin, kind, theme, about and cluster as well; all kept as sent
  card_added: (state, data) => ({ ...state, cards: upsertCard(state.cards, data.card) }),

  card_edited: (state, data) =>
    typeof data.text === "string"
      ? { ...state, cards: mapCard(state.cards, data.card_id, () => ({ text: data.text })) }
      : state, // a hidden card's edit reaches the public without its text

  // a cluster the card leaves empty goes too (`removed`), or it would stay as an empty ghost
  card_withdrawn: (state, data) => {
    const cards = state.cards.filter((c) => c.id !== data.card_id);
    const gone = new Set(Array.isArray(data.removed) ? data.removed : []);
    if (!gone.size || !Array.isArray(state.clusters)) return { ...state, cards };
    return { ...state, cards, clusters: state.clusters.filter((k) => !gone.has(k.id)) };
  },

  card_hidden: (state, data, opts) =>
    opts.staff
      ? { ...state, cards: mapCard(state.cards, data.card_id, () => ({ hidden: true })) }
      : { ...state, cards: state.cards.filter((c) => c.id !== data.card_id) },

  card_unhidden: (state, data) => ({ ...state, cards: upsertCard(state.cards, data.card) }),

  input_opened: (state) => ({ ...state, input_open: true }),

  join_panel_set: (state, data) => ({ ...state, join_panel: data.size }),

  input_closed: (state) => ({ ...state, input_open: false }),

  // handed over to the group: closed for input until the hand-over is taken back
  evening_closed: (state, data) => ({
    ...state, handed_over: data.handed_over, input_open: false, timer: data.timer || state.timer,
  }),

  evening_reopened: (state) => ({ ...state, handed_over: null }),

  step_changed: (state, data) => ({
    ...state, step: data.step, input_open: Boolean(data.input_open), timer: data.timer,
    focus: data.focus === undefined ? state.focus : data.focus,
  }),

  timer_started: setTimer,
  timer_paused: setTimer,
  timer_extended: setTimer,
  timer_reset: setTimer,

  authors_shown: (state, data, opts) => {
    const names = data.names || {};
    const cards = state.cards.map((c) => {
      if (data.shown && names[c.id]) return { ...c, author_name: names[c.id] };
      if (!data.shown && !opts.staff && c.author_name) return { ...c, author_name: null };
      return c;
    });
    return { ...state, show_authors: Boolean(data.shown), cards };
  },

  // the parking lot (docs/protocol.md, "The parking lot"): the public gets only the id of
  // a change to a hidden item, which it does not hold
  item_parked: (state, data) => ({ ...state, parked: upsertParked(state.parked, data.parked) }),
  parked_updated: (state, data) =>
    data.parked ? { ...state, parked: upsertParked(state.parked, data.parked) } : state,
  parked_hidden: (state, data, opts) => {
    const list = Array.isArray(state.parked) ? state.parked : [];
    return opts.staff
      ? { ...state, parked: list.map((p) => (p.id === data.parked_id ? { ...p, hidden: true } : p)) }
      : { ...state, parked: list.filter((p) => p.id !== data.parked_id) };
  },
  parked_unhidden: (state, data) => ({ ...state, parked: upsertParked(state.parked, data.parked) }),

  ...planningReducers,
  ...formatReducers,
};

/** The state after `event` ({name, data}); unknown events leave the state as it was. */
export function applyEvent(state, event, opts = {}) {
  const reducer = reducers[event.name];
  return reducer ? reducer(state, event.data || {}, opts) : state;
}
