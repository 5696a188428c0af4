// The planning techniques on the phone, wired into the phone view: card kinds and themes,
// the focus line, the vote, the plan editor, the matrix and "what we chose before".
// start.js calls render() on every change and hands over the answers to these commands.
import { setText } from "../../dom.js";
import { t } from "../../i18n.js";
import { stepUses } from "../../selectors/steps.js";
import { createComposeExtras } from "./compose-extras.js";
import { createPhoneContext } from "./context.js";
import { createPhonePlan } from "./plan.js";
import { createPhoneVote } from "./vote.js";

/** `outbox` is a function returning the phone's outbox (made after this). */
export function startPhonePlanning({ boot, store, live, outbox }) {
  const compose = createComposeExtras({ lang: boot.lang });
  const vote = createPhoneVote({ boot, store, live, outbox });
  const plan = createPhonePlan({ boot, store, live, outbox });
  const context = createPhoneContext({ boot, store });
  let resumed = false;

  return {
    render() {
      if (!resumed && outbox()) {
        resumed = true;
        vote.resume();
      }
      if (!store.state) return;
      compose.render(store.state);
      vote.render();
      plan.render();
      context.render();
    },
    /** An answer from the server; true when it was a planning command handled here. */
    onResult(entry, ack) {
      return vote.onResult(entry, ack) || plan.onResult(entry, ack);
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
