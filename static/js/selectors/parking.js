// The parking lot as the screens read it (docs/protocol.md, "The parking lot"): pure
// functions of a board's state; a state from before the parking lot reads as empty.
import { optionsOf } from "./steps.js";

/** Every parked item the screen holds, in the order they were parked. */
export function parkedItems(state) {
  return (state && Array.isArray(state.parked)) ? state.parked : [];
}

/** This phone's own parked items: marked `mine` by the snapshot or remembered by id. */
export function myParked(state, rememberedIds) {
  return parkedItems(state).filter((p) => p.mine === true || rememberedIds.has(p.id));
}

/** The console's list: open ones first (they need the facilitator), newest first in each
 * group; then the answered, the ones for later and the closed. */
const ORDER = { open: 0, answered: 1, later: 2, closed: 3 };
export function parkingLot(state) {
  return parkedItems(state)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (ORDER[a.item.status] ?? 4) - (ORDER[b.item.status] ?? 4) || b.index - a.index)
    .map(({ item }) => item);
}

/** How many parked items still wait for the facilitator. */
export function openParkedCount(state) {
  return parkedItems(state).filter((p) => p.status === "open").length;
}

/** Whether the evening asks residents for publication consent (any step with cards that
 * asks it): then a parked item asks it too, as a card does. */
export function asksConsent(state) {
  const steps = (state && Array.isArray(state.steps)) ? state.steps : [];
  return steps.some((step) => optionsOf(step, "cards").publication_consent === true);
}
