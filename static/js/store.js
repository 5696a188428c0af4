// The client's projection of a board: {version, state}, rebuilt from any snapshot.
import { applyEvent } from "./reducers/apply-evening.js";

/**
 * A snapshot's state with its cards whole again: the server leaves out of each card the
 * fields at their default and sends those once, as `card_defaults` (docs/protocol.md).
 */
export function withCardDefaults(state) {
  if (!state || !Array.isArray(state.cards) || !state.card_defaults) return state;
  const defaults = state.card_defaults;
  const { card_defaults: _sent, ...rest } = state;
  return { ...rest, cards: state.cards.map((card) => ({ ...defaults, ...card })) };
}

/**
 * A store for one board. `staff` tells the reducers whether this client is the
 * facilitator (sees hidden cards and names). `reduce` is the board kind's reducer
 * (an evening's by default; a group's workspace has its own). Listeners get (store, reason).
 */
export function createStore({ staff = false, reduce = applyEvent } = {}) {
  const listeners = new Set();
  const store = {
    version: null,   // null until the first snapshot arrived
    state: null,
    participants: null,
    tally: null,     // latest `tally` message while a vote is open
    skew: 0,         // server clock minus local clock, in ms
    catchingUp: false, // true while a resync's missed events are applied (old news to a reader)
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    /** Replace everything with a snapshot {version, state}. */
    replace(snapshot) {
      store.version = snapshot.version;
      store.state = withCardDefaults(snapshot.state);
      if (typeof snapshot.state.server_time === "number") {
        store.skew = snapshot.state.server_time - Date.now();
      }
      if (typeof snapshot.state.participants === "number") {
        store.participants = snapshot.state.participants;
      }
      emit("snapshot");
    },
    /**
     * Apply one event by the version rule: "applied" when it was the next one,
     * "old" when already known (ignored), "gap" when some are missing.
     */
    applyEvent(event) {
      if (store.version === null) return "gap";
      if (event.version <= store.version) return "old";
      if (event.version !== store.version + 1) return "gap";
      store.state = reduce(store.state, event, { staff });
      store.version = event.version;
      emit(event.name);
      return "applied";
    },
    setParticipants(n) {
      store.participants = n;
      emit("presence");
    },
    /**
     * The volatile vote count {step, round, voters, cast}: how many voted, never for
     * what. With several server processes two tallies of a round can arrive out of
     * order; the one with the higher `cast` (ballots accepted so far) is the newer.
     */
    setTally(tally) {
      const kept = store.tally;
      if (kept && kept.step === tally.step && kept.round === tally.round &&
          (tally.cast || 0) < (kept.cast || 0)) return;
      store.tally = tally;
      emit("tally");
    },
    /** Server time now, by this device's clock corrected for skew. */
    now() {
      return Date.now() + store.skew;
    },
    notify(reason) {
      emit(reason);
    },
  };
  function emit(reason) {
    for (const fn of listeners) {
      try {
        fn(store, reason);
      } catch (err) {
        console.error(err); // one broken view must not stop the others
      }
    }
  }
  return store;
}

