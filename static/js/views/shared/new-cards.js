// New cards said once to a screen reader, in the page's polite live region (#announce), on
// the console and the projector. Cards often come in bursts (a hall of phones sending at
// once), and a screen reader that is read one sentence per card falls behind the room: so
// the cards that arrive close together are said as one sentence, "3 nieuwe kaartjes", and
// a single card with its text. Only a live `card_added` event counts: a snapshot (a
// reconnect, a reload), the missed events a resync replays (`store.catchingUp`) or a step
// change only update what is known, silently, so catching up never reads out old news.
import { announce } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { stepCards } from "../../selectors/cards.js";

const QUIET_MS = 1200; // a burst ends when no card came for this long
const LONGEST_MS = 5000; // a steady stream is still said at least this often

/**
 * Listen to `store` and announce its new cards in batches. `counts(card)` says which
 * cards are news on this screen (the console leaves out the facilitator's own).
 */
export function announceNewCards(store, { counts = () => true } = {}) {
  let known = null; // the step's card ids as last seen
  let waiting = []; // new cards not yet said
  let quiet = null;
  let longest = null;

  function say() {
    clearTimeout(quiet);
    clearTimeout(longest);
    quiet = longest = null;
    const cards = waiting;
    waiting = [];
    if (cards.length === 1) announce(t("cards.new_announce", { text: cards[0].text }));
    else if (cards.length > 1) announce(tn("cards.new_many", cards.length));
  }

  store.subscribe((_store, reason) => {
    if (!store.state) return;
    const cards = stepCards(store.state);
    if (known && reason === "card_added" && !store.catchingUp) {
      const fresh = cards.filter((c) => !known.has(c.id) && counts(c));
      if (fresh.length) {
        waiting.push(...fresh);
        clearTimeout(quiet);
        quiet = setTimeout(say, QUIET_MS);
        if (!longest) longest = setTimeout(say, LONGEST_MS);
      }
    }
    known = new Set(cards.map((c) => c.id));
  });
}
