// The resident's phone: the question, a card composer, my cards (waiting → sent) and
// everyone's cards. Cards go through the durable outbox, so nothing typed is lost. This
// shell makes the parts, one widget each, and draws them in order on every change; each
// widget owns its own controls and the answers to the commands it sends.
import { byId, setText } from "../../dom.js";
import { pick, t } from "../../i18n.js";
import { createOutbox } from "../../outbox.js";
import { stepAt, stepUses } from "../../selectors/steps.js";
import { voteIsOpen } from "../../selectors/votes.js";
import { createComposer } from "./composer.js";
import { createEveryone } from "./everyone.js";
import { later } from "./later.js";
import { createMyCards } from "./my-cards.js";
import { createPhoneNotice } from "./notice.js";
import { createParking } from "./parking.js";
import { startPhonePlanning } from "./planning.js";
import { createReadAloud } from "./read-aloud.js";

export function startPhone({ boot, store, live, onStatus }) {
  const lang = boot.lang;
  const el = {
    root: byId("phone"),
    closed: byId("closed-panel"),
    stepCount: byId("step-count"),
    question: byId("step-question"),
    inputState: byId("input-state"),
    mineSection: byId("my-cards-section"),
    allSection: byId("all-cards-section"),
  };

  const readAloud = createReadAloud({ button: byId("read-aloud"), label: byId("read-aloud-label"),
                                     question: el.question, lang });
  // kinds, themes, focus, vote, plans, matrix, "chosen before" (views/phone/planning.js)
  const planning = startPhonePlanning({ boot, store, live, outbox: () => outbox,
                                        onChange: render });
  const notices = createPhoneNotice({ lang, inputNotices: () => planning.inputNotices(),
                                      onStepChanged: () => everyone.reset() });
  const outbox = createOutbox({
    socket: live.socket, boardId: boot.board_id, onChange: render,
    onResult: (entry, ack) => parking.onResult(entry, ack) || planning.onResult(entry, ack)
      || myCards.onResult(entry, ack),
    maxBytes: boot.max_command_bytes,
  });
  const composer = createComposer({
    boot, store, outbox, onChange: render,
    extras: { args: () => planning.cardExtras(), sent: () => planning.cardSent() },
  });
  const myCards = createMyCards({ boot, store, live, outbox, composer, onChange: render });
  const everyone = createEveryone({ isMine: (card) => myCards.isMine(card), onChange: render });
  // after the hand-over: what became of my cards (loaded then, later.js)
  const myIdeas = later("myIdeas", (m) => m.createMyIdeas({ boot }), render);
  const parking = createParking({ boot, store, live, outbox, onChange: render });

  store.subscribe(render);
  onStatus(render);
  render();

  function render() {
    const state = store.state;
    // before the vote panel scrolls itself into view: app.css makes the question smaller
    // while the room votes, so the dots fit on the first screen
    el.root.dataset.voting = String(Boolean(state && voteIsOpen(state)));
    if (state) notices.notice(state); // before the vote's scroll: a notice moves it
    planning.render();
    parking.render(state); // open in every step, also before the first snapshot
    if (!state) {
      myCards.render(null, false); // what waits in the outbox shows even before connecting
      composer.render(null);
      return;
    }
    const closed = Boolean(state.handed_over); // handed over: nothing to write any more
    el.root.dataset.closed = String(closed);
    el.closed.hidden = !closed;
    if (closed) myIdeas.start();
    if (myIdeas.get()) myIdeas.get().render(state);
    const step = stepAt(state);
    setText(el.stepCount, step ? t("step.count", { i: state.step + 1, n: state.steps.length,
                                                    title: pick(step.title, lang) }) : "");
    setText(el.question, step ? pick(step.question, lang) : "");
    readAloud.render(); // the next step's question stops the reading of the last one

    const usesCards = stepUses(state, "cards");
    const open = composer.canWrite();
    el.inputState.dataset.state = !usesCards ? "none" : open ? "open" : "closed";
    setText(el.inputState, !usesCards ? t("input.not_this_step")
      : open ? t("input.open_phone") : t("input.closed_phone"));
    planning.stepNote(el.inputState); // action planning: plans are written here, not cards
    // while the vote is open the phone asks for the dots only: the vote panel comes first
    const voting = voteIsOpen(state);
    el.inputState.hidden = voting;
    composer.render(state, { usesCards, voting });

    const mine = myCards.render(state, open);
    everyone.render(state);
    // a step without cards (action planning, a review) shows no empty card lists; what
    // this phone still has waiting or refused stays in view
    el.mineSection.hidden = !usesCards && mine === 0;
    el.allSection.hidden = !usesCards;
  }
}
