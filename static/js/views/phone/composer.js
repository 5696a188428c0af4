// The phone's card composer: the text box with its counter, the send button and the error
// line under it, the draft kept on the phone (so nothing typed is lost to a reload), and
// the edit mode that puts one of my cards back in the box. It owns what it sends: a new
// card goes out as `add_card` (with the step's kind, theme and consent from
// compose-extras.js), an edited one as `edit_card`, both through the durable outbox.
// How the server answers shows in my cards (views/phone/my-cards.js).
import { byId, setText } from "../../dom.js";
import { t } from "../../i18n.js";
import { storage } from "../../outbox.js";
import { maxCardLength, stepUses } from "../../selectors/steps.js";

/** The text not sent yet, kept on the phone so a reload loses nothing typed. */
function cardDraft(boardId) {
  const key = `weefwerk:draft:${boardId}`;
  return {
    read: () => storage.read(key, "") || "",
    write: (text) => storage.write(key, text),
  };
}

/** "n / max" under the box (marked near the end), and the box's own limit. */
function showCounter(text, counter, max) {
  if (text.maxLength !== max) text.maxLength = max;
  const length = text.value.length;
  setText(counter, t("card.counter", { n: length, max }));
  counter.dataset.near = length > max - 20 ? "true" : "false";
}

/**
 * `extras` gives add_card's kind, theme and consent ({args} or {error}) and `sent()`
 * clears them after a card went out; `onChange()` asks the phone to draw again.
 */
export function createComposer({ boot, store, outbox, extras, onChange }) {
  const el = {
    composer: byId("composer"),
    textLabel: byId("card-text-label"),
    text: byId("card-text"),
    counter: byId("card-counter"),
    send: byId("send-card"),
    cancel: byId("cancel-edit"),
    error: byId("composer-error"),
  };
  const draft = cardDraft(boot.board_id);
  let editing = null; // card id whose text is in the composer

  el.text.value = draft.read();
  el.text.addEventListener("input", () => {
    if (!editing) draft.write(el.text.value); // an edit is not a draft
    setText(el.error, "");
    updateCounter();
  });
  el.composer.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  el.cancel.addEventListener("click", () => stopEditing(true));

  /** Whether a card may be written now: input open in a step that collects cards. */
  function canWrite() {
    // before the first snapshot (no connection yet) cards are queued and sent later
    if (!store.state) return true;
    return Boolean(store.state.input_open && stepUses(store.state, "cards"));
  }

  function updateCounter() {
    showCounter(el.text, el.counter, maxCardLength(store.state));
  }

  function submit() {
    const text = el.text.value.trim();
    if (!text) {
      setText(el.error, t("card.empty"));
      el.text.focus();
      return;
    }
    if (!canWrite()) {
      setText(el.error, t("input.closed_try_later"));
      return;
    }
    const step = store.state ? store.state.step : null;
    if (editing) {
      outbox.enqueue("edit_card", { card_id: editing, text }, { step });
      stopEditing(true); // back to the draft that was there before editing
    } else {
      const extra = extras.args();
      if (extra.error) {
        setText(el.error, extra.error);
        return;
      }
      outbox.enqueue("add_card", { text, ...extra.args }, { step });
      el.text.value = "";
      draft.write("");
      extras.sent();
    }
    setText(el.error, "");
    updateCounter();
    el.text.focus();
  }

  /** Put one of my cards in the box to be edited. */
  function startEditing(card) {
    editing = card.id;
    el.text.value = card.text;
    el.composer.dataset.mode = "edit";
    updateCounter();
    onChange();
    el.text.focus();
    el.composer.scrollIntoView({ block: "nearest" });
  }

  function stopEditing(restoreDraft) {
    if (!editing) return;
    editing = null;
    el.composer.dataset.mode = "add";
    if (restoreDraft) {
      el.text.value = draft.read();
      updateCounter();
    }
    onChange();
  }

  /** A refused card's text back in the box, as the draft. */
  function reuse(text) {
    el.text.value = text;
    draft.write(text);
  }

  /** After `reuse`: count and focus the text. */
  function focusText() {
    updateCounter();
    el.text.focus();
  }

  /**
   * Draw the composer for `state` (null before the first snapshot): shown in a step with
   * cards while no vote is open; an edit stops when input closes.
   */
  function render(state, { usesCards, voting } = {}) {
    if (!state) {
      updateCounter();
      return;
    }
    const open = canWrite();
    el.composer.hidden = !usesCards || voting;
    if (editing && !open) stopEditing(true);
    el.send.disabled = !open;
    el.cancel.hidden = !editing;
    setText(el.send, editing ? t("card.save") : t("card.send"));
    setText(el.textLabel, editing ? t("card.edit_label") : t("card.label"));
    updateCounter();
  }

  return {
    render, canWrite, startEditing, stopEditing, reuse, focusText,
    editing: () => editing,
  };
}
