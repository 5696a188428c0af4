// My cards on the phone, one list item each: its text, where it stands (waiting, sent,
// refused) and the buttons that fit that state (edit, withdraw with a second tap to
// confirm, or use a refused text again). The widget owns what those buttons send and the
// answers to the card commands; the edit itself happens in the composer
// (views/phone/composer.js).
import { announce, byId, h, keyedList, setText } from "../../dom.js";
import { t } from "../../i18n.js";
import { storage } from "../../outbox.js";
import { stepCards } from "../../selectors/cards.js";
import { createSecondTap } from "../shared/second-tap.js";

/** `item` → its list element; `actions`: {withdraw(card), edit(card), keep(), reuse(f),
 * dismiss(f)}. */
function myCardBuilder(actions) {
  function cardActions(item) {
    const card = item.card;
    if (item.confirming) {
      return h("div", { class: "card-actions" },
        h("button", { class: "button button-danger", type: "button", "data-testid": "confirm-withdraw",
                      onclick: () => actions.withdraw(card) }, t("card.withdraw_confirm")),
        h("button", { class: "button", type: "button", onclick: () => actions.keep() },
          t("card.keep")));
    }
    return h("div", { class: "card-actions" },
      h("button", { class: "button", type: "button", "data-testid": "edit-card",
                    disabled: item.editing, onclick: () => actions.edit(card) }, t("card.edit")),
      h("button", { class: "button", type: "button", "data-testid": "withdraw-card",
                    onclick: () => actions.withdraw(card) }, t("card.withdraw")));
  }

  function failedActions(f) {
    return h("div", { class: "card-actions" },
      f.name !== "withdraw_card" && f.text ? h("button", {
        class: "button", type: "button", "data-testid": "reuse-text",
        onclick: () => actions.reuse(f) }, t("card.use_again")) : null,
      h("button", { class: "button button-quiet", type: "button", "data-testid": "dismiss-failed",
                    onclick: () => actions.dismiss(f) }, t("card.dismiss")));
  }

  return function buildMyCard(item) {
    const attrs = { class: "card my-card", "data-testid": "my-card", "data-state": item.state };
    if (item.cardId) attrs["data-card-id"] = item.cardId;
    if (item.opId) attrs["data-op-id"] = item.opId;
    if (item.editing) attrs["data-editing"] = "true";
    const text = h("p", { class: "card-text" }, item.text);
    const label = h("p", { class: "card-state", "data-testid": "card-state" }, item.label);
    // a refused card says why first: its text may be long (one too long to send is)
    return h("li", attrs, ...(item.failed ? [label, text] : [text, label]),
      item.failed ? failedActions(item.failed) : null,
      item.actions ? cardActions(item) : null);
  };
}

/**
 * Which cards are mine on this phone, kept across reloads, and the ones the server took
 * whose event has not arrived yet (they show as sent meanwhile).
 */
function rememberedMine(boardId) {
  const key = `weefwerk:mine:${boardId}`;
  const ids = new Set(storage.read(key, []));
  const sentUnseen = new Map(); // card_id -> {id, text, step}: acked, event not seen yet

  function isMine(card) {
    return card.mine === true || ids.has(card.id);
  }

  /** The server took my card `sent` ({id, text, step}); `state` may not have it yet. */
  function taken(state, sent) {
    ids.add(sent.id);
    storage.write(key, Array.from(ids));
    if (!state || !state.cards.some((c) => c.id === sent.id)) sentUnseen.set(sent.id, sent);
  }

  /** My cards of the step, with those the server took but whose event is not here yet. */
  function ofStep(state) {
    const cards = stepCards(state).filter(isMine);
    for (const [id, sent] of sentUnseen) {
      if (state.cards.some((c) => c.id === id)) sentUnseen.delete(id);
      else if (sent.step === state.step) cards.push({ id, text: sent.text, step: sent.step });
    }
    return cards;
  }

  return { isMine, taken, ofStep };
}

/**
 * The items my-cards shows, newest first: what waits in the outbox (`pending`), what the
 * server refused (`failed`), then `cards`, my cards of step `step` (null before the first
 * snapshot), each in the state its pending edit or withdrawal gives it; their buttons only
 * while input is `open`.
 */
function myCardItems({ pending, failed, cards, step, offline, open, editing, confirming }) {
  const editsFor = new Map();
  const withdrawing = new Set();
  for (const entry of pending) {
    if (entry.name === "edit_card") editsFor.set(entry.args.card_id, entry.args.text);
    if (entry.name === "withdraw_card") withdrawing.add(entry.args.card_id);
  }
  const list = [];
  for (const entry of pending.slice().reverse()) {
    if (entry.name !== "add_card") continue;
    list.push({ key: `op:${entry.op_id}`, opId: entry.op_id, text: entry.args.text,
                state: "waiting",
                label: offline ? t("card.waiting_offline") : entry.note || t("card.waiting") });
  }
  for (const f of failed) {
    list.push({ key: `failed:${f.key}`, failed: f, text: f.text, state: "failed",
                label: f.message });
  }
  if (!cards) return list;
  for (const card of cards.slice().reverse()) {
    const busy = editsFor.has(card.id) || withdrawing.has(card.id);
    list.push({
      key: `card:${card.id}`, card, cardId: card.id,
      text: editsFor.has(card.id) ? editsFor.get(card.id) : card.text,
      state: busy ? "waiting" : "sent",
      label: withdrawing.has(card.id) ? t("card.withdrawing")
        : editsFor.has(card.id) ? t("card.saving") : t("card.sent"),
      actions: open && !busy && card.step === step,
      confirming: confirming(card.id),
      editing: editing === card.id,
    });
  }
  return list;
}

/**
 * My cards on the phone: what waits in the outbox, what the server refused, and what it
 * took, with edit (in the composer), withdraw (a second tap confirms) and "use again"
 * for a refused text. It owns the answers to the card commands: a card taken is
 * remembered as mine on this phone, a refusal is listed with its reason.
 */
export function createMyCards({ boot, store, live, outbox, composer, onChange }) {
  const el = {
    mine: byId("my-cards"),
    mineEmpty: byId("my-cards-empty"),
  };
  const mine = rememberedMine(boot.board_id);
  const failed = [];            // {key, text, message}: refused, nothing was stored
  const withdrawTap = createSecondTap(onChange); // "withdraw" asks for a second tap
  const renderMine = keyedList(el.mine);
  const buildMyCard = myCardBuilder({
    withdraw,
    edit(card) {
      withdrawTap.clear();
      composer.startEditing(card);
    },
    keep: () => { withdrawTap.clear(); onChange(); },
    dismiss,
    reuse(f) {
      composer.reuse(f.text);
      dismiss(f);
      composer.focusText();
    },
  });

  function dismiss(f) {
    failed.splice(failed.indexOf(f), 1);
    onChange();
  }


  /** The server answered a card command (add, edit or withdraw). */
  function onResult(entry, ack) {
    if (ack.ok) {
      live.catchUp(ack.version);
      const id = ack.result && ack.result.card_id;
      if (entry.name === "add_card" && id) {
        mine.taken(store.state, { id, text: entry.args.text, step: entry.meta.step });
        announce(t("card.sent_announce"));
      }
      return;
    }
    const text = entry.name === "withdraw_card" ? cardText(entry.args.card_id) : entry.args.text;
    failed.unshift({ key: entry.op_id, name: entry.name, text: text || "",
                     message: (ack.error && ack.error.message) || t("card.failed") });
    announce((ack.error && ack.error.message) || t("card.failed"));
  }

  function cardText(id) {
    const card = store.state && store.state.cards.find((c) => c.id === id);
    return card ? card.text : "";
  }

  function withdraw(card) {
    if (!withdrawTap.confirms(card.id)) return;
    if (composer.editing() === card.id) composer.stopEditing(true);
    outbox.enqueue("withdraw_card", { card_id: card.id }, { step: card.step });
  }

  function items(state, open) {
    return myCardItems({
      pending: outbox.list(), failed, cards: state ? mine.ofStep(state) : null, step: state && state.step,
      offline: live.status() !== "online", open, editing: composer.editing(),
      confirming: (id) => withdrawTap.isArmed(id),
    });
  }

  /** Draw my cards (`state` null before the first snapshot: the outbox shows anyway);
   * returns how many there are. */
  function render(state, open) {
    const shown = items(state, open);
    renderMine(shown, (i) => i.key,
      (i) => JSON.stringify([i.text, i.state, i.label, !!i.actions, !!i.confirming, !!i.editing]),
      buildMyCard);
    setText(el.mineEmpty, shown.length ? "" : t("card.none_mine"));
    return shown.length;
  }

  return { render, onResult, isMine: mine.isMine };
}
