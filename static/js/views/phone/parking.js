// The phone's parking lot ("Parkeerplaats"): one button, open in every step, that unfolds
// a small sheet to park a question or remark that does not belong to the step, and lists
// what this phone parked with the facilitator's answer. It owns `park_item` and its
// answer; the item goes through the durable outbox like a card, so nothing typed is lost.
import { announce, byId, h, keyedList, setText } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { storage } from "../../outbox.js";
import { asksConsent, myParked } from "../../selectors/parking.js";
import { maxCardLength } from "../../selectors/steps.js";

/** The ids of what this phone parked, kept across reloads (the snapshot also says `mine`). */
function rememberedParked(boardId) {
  const key = `weefwerk:parked:${boardId}`;
  const ids = new Set(storage.read(key, []));
  return {
    ids,
    add(id) {
      ids.add(id);
      storage.write(key, Array.from(ids));
    },
  };
}

function parkedItem(item) {
  return h("li", { class: "card park-item", "data-testid": "park-mine-item",
                   "data-status": item.status, "data-parked-id": item.id || "" },
    h("p", { class: "card-text" }, item.text),
    h("p", { class: "card-state", "data-testid": "park-status" }, item.label),
    item.answer ? h("p", { class: "park-answer", "data-testid": "park-answer" },
      t("park.answer", { text: item.answer })) : null);
}

export function createParking({ boot, store, live, outbox, onChange }) {
  const el = {
    sheet: byId("park-sheet"),
    form: byId("park-form"),
    text: byId("park-text"),
    counter: byId("park-counter"),
    consent: byId("park-consent"),
    publish: byId("park-publish"),
    send: byId("park-send"),
    error: byId("park-error"),
    note: byId("park-note"),
    count: byId("park-count"),
    mine: byId("park-mine"),
    mineEmpty: byId("park-mine-empty"),
  };
  const remembered = rememberedParked(boot.board_id);
  const renderMine = keyedList(el.mine);

  el.form.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  el.text.addEventListener("input", () => {
    setText(el.error, "");
    setText(el.note, "");
    counter();
  });

  function counter() {
    const max = maxCardLength(store.state);
    if (el.text.maxLength !== max) el.text.maxLength = max;
    setText(el.counter, t("card.counter", { n: el.text.value.length, max }));
  }

  function submit() {
    const text = el.text.value.trim();
    if (!text) {
      setText(el.error, t("park.empty"));
      el.text.focus();
      return;
    }
    const args = { text };
    if (!el.consent.hidden) args.publish = el.publish.checked;
    outbox.enqueue("park_item", args, { step: store.state ? store.state.step : null });
    el.text.value = "";
    el.publish.checked = false; // consent is asked anew for each item, as for a card
    setText(el.error, "");
    counter();
    onChange();
  }

  /** The server answered a `park_item`; true when it was one (the phone asks each widget). */
  function onResult(entry, ack) {
    if (entry.name !== "park_item") return false;
    if (ack.ok) {
      live.catchUp(ack.version);
      if (ack.result && ack.result.parked_id) remembered.add(ack.result.parked_id);
      announce(t("park.sent"));
      setText(el.note, t("park.sent"));
    } else {
      if (!el.text.value) el.text.value = entry.args.text; // not parked: the text comes back
      setText(el.error, (ack.error && ack.error.message) || t("card.failed"));
      counter();
    }
    return true;
  }

  function render(state) {
    const closed = Boolean(state && state.handed_over);
    el.sheet.hidden = closed;
    el.consent.hidden = !asksConsent(state);
    el.send.disabled = !state;
    const waiting = outbox.list().filter((e) => e.name === "park_item").reverse()
      .map((e) => ({ key: `op:${e.op_id}`, text: e.args.text, status: "waiting",
                     label: e.note || t("park.waiting") }));
    const mine = myParked(state, remembered.ids).slice().reverse()
      .map((p) => ({ key: p.id, id: p.id, text: p.text, status: p.status, answer: p.answer,
                     label: t(`park.status.${p.status}`) }));
    const shown = [...waiting, ...mine];
    renderMine(shown, (i) => i.key, (i) => JSON.stringify([i.text, i.status, i.label, i.answer]),
      parkedItem);
    setText(el.mineEmpty, shown.length ? "" : t("park.none_mine"));
    setText(el.count, shown.length ? tn("park.count", shown.length) : "");
    counter();
  }

  return { render, onResult };
}
