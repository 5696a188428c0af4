// The planning techniques on the phone, wired into the phone view: card kinds and themes,
// the focus line, the vote, the plan editor, the matrix and "what we chose before".
// start.js calls render() on every change and hands over the answers to these commands.
// The vote, the plan editor and "what we chose before" load once the board is shown
// (later.js); an answer to one of their commands that comes before its part waits for it.
import { byId, setText } from "../../dom.js";
import { t } from "../../i18n.js";
import { stepUses } from "../../selectors/steps.js";
import { createComposeExtras } from "./compose-extras.js";
import { later } from "./later.js";

// which part answers which command (the commands each part's widgets send)
const PART_OF = {
  cast_votes: "vote",
  update_plan: "plan",
  update_action: "plan",
  add_action: "plan",
  remove_action: "plan",
};

/** `outbox` is a function returning the phone's outbox (made after this); `onChange`
 *  draws the phone again (a part has arrived). */
export function startPhonePlanning({ boot, store, live, outbox, onChange }) {
  const compose = createComposeExtras({ lang: boot.lang });
  const args = { boot, store, live, outbox };
  const waiting = []; // [entry, ack] answered before their part had loaded
  const parts = {
    // a ballot that waited beside the outbox before a reload goes once the vote is here
    vote: later("vote", (m) => { const vote = m.createPhoneVote(args); vote.resume(); return vote; }, ready),
    plan: later("plan", (m) => m.createPhonePlan(args), ready),
    context: later("context", (m) => m.createPhoneContext({ boot, store }), ready),
  };

  function ready() {
    for (const [entry, ack] of waiting.splice(0)) route(entry, ack);
    onChange();
    // every part is here and drawn: what a screenshot or an accessibility check waits for
    if (Object.values(parts).every((part) => part.get())) byId("phone").dataset.parts = "ready";
  }

  function route(entry, ack) {
    const part = parts[PART_OF[entry.name]].get();
    if (part) return part.onResult(entry, ack);
    waiting.push([entry, ack]);
    return true;
  }

  return {
    render() {
      if (!store.state) return;
      for (const part of Object.values(parts)) part.start(); // the board is here: now these
      compose.render(store.state);
      for (const part of Object.values(parts)) if (part.get()) part.get().render();
    },
    /** An answer from the server; true when it was a planning command handled here. */
    onResult(entry, ack) {
      return entry.name in PART_OF ? route(entry, ack) : false;
    },
    /** add_card's extras: {args} or {error} (a step with kinds needs one chosen). */
    cardExtras: () => compose.extras(),
    cardSent: () => compose.reset(),
    /** The notices' keys when input opens or closes in an action-planning step, else null. */
    inputNotices() {
      const state = store.state;
      return state && stepUses(state, "action_plan")
        ? { opened: "notice.plans_opened", closed: "notice.plans_closed" } : null;
    },
    /** In an action-planning step the input line speaks of plans, not of cards. */
    stepNote(line) {
      const state = store.state;
      if (!state || !stepUses(state, "action_plan")) return;
      line.dataset.state = state.input_open ? "open" : "closed";
      setText(line, state.input_open ? t("phone.plan.input_open") : t("phone.plan.help_closed"));
    },
  };
}
