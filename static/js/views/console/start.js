// The facilitator's console: the shell around the step, its status line and the
// projector link. The pacing controls are views/console/pacing.js; the planning
// techniques of each step live beside this shell (cards, cluster, matrix, vote, promote,
// results, plans, review), and all send their commands one way (views/console/commands.js,
// handed to them as `ctx`). The shell draws them all on every change.
import { announce, byId, setText } from "../../dom.js";
import { pick, t, tn } from "../../i18n.js";
import { stepAt } from "../../selectors/steps.js";
import { announceNewCards } from "../shared/new-cards.js";
import { createCards } from "./cards.js";
import { createCluster } from "./cluster.js";
import { createCommands } from "./commands.js";
import { createMatrix } from "./matrix.js";
import { createPacing } from "./pacing.js";
import { createParkingPanel } from "./parking.js";
import { createPlans } from "./plans.js";
import { createPromote } from "./promote.js";
import { createResults } from "./results.js";
import { createReview } from "./review.js";
import { createVote } from "./vote.js";

export function startConsole({ boot, store, live, onStatus }) {
  const lang = boot.lang;
  const el = {
    root: byId("console"),
    handover: document.getElementById("handover-row"), // absent once handed over
    stepCount: byId("step-count"),
    stepTitle: byId("step-heading"),
    question: byId("step-question"),
    status: byId("console-status"),
    participants: byId("participants"),
    copy: byId("copy-projector-link"),
    link: byId("projector-link"),
  };
  const commands = createCommands({ boot, store, live, say, render: () => render() });
  let leaving = false; // a form of this page was sent: the next page is on its way
  document.addEventListener("submit", () => { leaving = true; });

  function say(text) {
    setText(el.status, text);
  }

  const ctx = {
    boot, lang, store, live, say,
    send: commands.send, run: commands.run, serial: commands.serial, isBusy: commands.isBusy,
    online: () => live.status() === "online",
    render: () => render(),
    announce,
  };
  const parts = [createCards(ctx), createCluster(ctx), createMatrix(ctx), createVote(ctx),
                 createPromote(ctx), createResults(ctx), createPlans(ctx), createReview(ctx),
                 createParkingPanel(ctx)];
  const pacing = createPacing({ lang, store, run: commands.run });
  // the residents' new cards; the paper and data cards are the facilitator's own
  announceNewCards(store, { counts: (card) => card.origin !== "paper" && card.origin !== "data" });

  el.copy.addEventListener("click", copyLink);
  store.subscribe(render);
  onStatus(render);
  render();

  async function copyLink() {
    const text = el.link.value;
    let copied = false;
    if (navigator.clipboard && window.isSecureContext) {
      copied = await navigator.clipboard.writeText(text).then(() => true, () => false);
    }
    if (!copied) {
      el.link.focus();
      el.link.select();
      try {
        copied = document.execCommand("copy");
      } catch (_) {
        copied = false;
      }
    }
    say(copied ? t("link.copied") : t("link.copy_by_hand"));
  }

  function render() {
    const state = store.state;
    const online = live.status() === "online";
    const n = store.participants;
    setText(el.participants, typeof n === "number" ? tn("presence.connected", n) : "");
    if (typeof n === "number") el.participants.dataset.count = String(n);
    if (!state) {
      pacing.disable();
      return;
    }
    const step = stepAt(state);
    const last = state.steps.length - 1;
    const closed = Boolean(state.handed_over); // handed over: every command is refused
    if (closed !== (el.root.dataset.closed === "true")) {
      // handed over or taken back elsewhere: the server draws that. Not while this page's
      // own form (taking back) is on its way: its answer carries the notice to show.
      if (!leaving) window.location.reload();
      return;
    }
    if (el.handover) el.handover.hidden = closed || state.step !== last;

    setText(el.stepCount, t("step.count_short", { i: state.step + 1, n: state.steps.length }));
    setText(el.stepTitle, step ? pick(step.title, lang) : "");
    setText(el.question, step ? pick(step.question, lang) : "");
    pacing.render(state, commands.isBusy("pacing") || !online || closed);

    for (const part of parts) {
      try {
        part.render(state);
      } catch (err) {
        console.error(err); // one broken panel must not take the console down
      }
    }
  }
}
