// The phone's notice line: one short message when the room moves on (a new step, input
// opened or closed), in the words of the step: plans in action planning, cards elsewhere,
// nothing about input while a vote has closed it (the vote panel says what to do then).
import { byId, setText } from "../../dom.js";
import { pick, t } from "../../i18n.js";
import { stepAt, stepUses } from "../../selectors/steps.js";
import { voteIsOpen } from "../../selectors/votes.js";

/** `inputNotices()` gives action planning's keys, or null (views/phone/planning.js). */
export function createPhoneNotice({ lang, inputNotices, onStepChanged }) {
  const el = { box: byId("notice"), text: byId("notice-text"), dismiss: byId("notice-dismiss") };
  let seen = null; // {step, open, voting} last shown, to notice changes
  el.dismiss.addEventListener("click", () => { el.box.hidden = true; });

  function show(text) {
    setText(el.text, text);
    el.box.hidden = false;
  }

  /** Compare with the last state shown; call before the vote panel scrolls into view. */
  function notice(state) {
    const step = stepAt(state);
    const now = { step: state.step, open: state.input_open, voting: voteIsOpen(state) };
    const words = inputNotices() || (stepUses(state, "cards")
      ? { opened: "notice.input_opened", closed: "notice.input_closed" } : null);
    if (seen && seen.step !== now.step) {
      onStepChanged();
      show(t("notice.step_changed", { title: step ? pick(step.title, lang) : "" }));
    } else if (seen && !seen.voting && now.voting) {
      el.box.hidden = true; // the vote closed card input: the vote panel says what to do
    } else if (seen && seen.open && !now.open && words) {
      show(t(words.closed));
    } else if (seen && !seen.open && now.open && words) {
      show(t(words.opened));
    }
    seen = now;
  }

  return { notice };
}
