// The resident's phone: the question, a card composer, my cards (waiting → sent) and
// everyone's cards. Cards go through the durable outbox, so nothing typed is lost.
import { announce, byId, keyedList, setText } from "../../dom.js";
import { pick, t } from "../../i18n.js";
import { createOutbox, storage } from "../../outbox.js";
import { stepCards } from "../../selectors/cards.js";
import { maxCardLength, stepAt, stepUses } from "../../selectors/steps.js";
import { voteIsOpen } from "../../selectors/votes.js";
import { everyoneCard, myCardBuilder } from "./cards.js";
import { createPhoneNotice } from "./notice.js";
import { startPhonePlanning } from "./planning.js";

const CONFIRM_MS = 5000;
const PAGE = 30; // everyone's cards shown at first; old phones stay fast in a full hall

export function startPhone({ boot, store, live, onStatus }) {
  const lang = boot.lang;
  const el = {
    root: byId("phone"),
    closed: byId("closed-panel"),
    stepCount: byId("step-count"),
    question: byId("step-question"),
    inputState: byId("input-state"),
    composer: byId("composer"),
    textLabel: byId("card-text-label"),
    text: byId("card-text"),
    counter: byId("card-counter"),
    send: byId("send-card"),
    cancel: byId("cancel-edit"),
    error: byId("composer-error"),
    mine: byId("my-cards"),
    mineEmpty: byId("my-cards-empty"),
    all: byId("all-cards"),
    allEmpty: byId("all-cards-empty"),
    more: byId("all-cards-more"),
    root: byId("phone"),
    mineSection: byId("my-cards-section"),
    allSection: byId("all-cards-section"),
  };
  const mineKey = `weefwerk:mine:${boot.board_id}`;
  const draftKey = `weefwerk:draft:${boot.board_id}`;
  const mineIds = new Set(storage.read(mineKey, []));
  const sentUnseen = new Map(); // card_id -> {id, text, step}: acked, event not seen yet
  const failed = [];            // {key, text, message}: refused, nothing was stored
  let editing = null;           // card id whose text is in the composer
  let confirming = null;        // card id waiting for a second tap on "withdraw"
  let confirmTimer = null;
  let shown = PAGE;             // how many of everyone's cards to show

  // kinds, themes, focus, vote, plans, matrix, "chosen before" (views/phone-planning.js)
  const planning = startPhonePlanning({ boot, store, live, outbox: () => outbox });
  const notices = createPhoneNotice({ lang, inputNotices: () => planning.inputNotices(),
                                      onStepChanged: () => { shown = PAGE; } });
  const outbox = createOutbox({
    socket: live.socket, boardId: boot.board_id, onChange: render, onResult,
    maxBytes: boot.max_command_bytes,
  });
  const renderMine = keyedList(el.mine);
  const renderAll = keyedList(el.all);
  const buildMyCard = myCardBuilder({
    withdraw,
    edit: startEditing,
    keep: () => { confirming = null; render(); },
    dismiss(f) {
      failed.splice(failed.indexOf(f), 1);
      render();
    },
    reuse(f) {
      el.text.value = f.text;
      storage.write(draftKey, f.text);
      this.dismiss(f);
      updateCounter();
      el.text.focus();
    },
  });


  el.text.value = storage.read(draftKey, "") || "";
  el.text.addEventListener("input", () => {
    if (!editing) storage.write(draftKey, el.text.value); // an edit is not a draft
    setText(el.error, "");
    updateCounter();
  });
  el.composer.addEventListener("submit", (e) => {
    e.preventDefault();
    submit();
  });
  el.cancel.addEventListener("click", () => stopEditing(true));
  el.more.addEventListener("click", () => { shown += PAGE; render(); });
  store.subscribe(render);
  onStatus(render);
  render();

  function isMine(card) {
    return card.mine === true || mineIds.has(card.id);
  }

  function rememberMine(id) {
    mineIds.add(id);
    storage.write(mineKey, Array.from(mineIds));
  }

  function onResult(entry, ack) {
    if (planning.onResult(entry, ack)) return;
    if (ack.ok) {
      live.catchUp(ack.version);
      const id = ack.result && ack.result.card_id;
      if (entry.name === "add_card" && id) {
        rememberMine(id);
        if (!store.state || !store.state.cards.some((c) => c.id === id)) {
          sentUnseen.set(id, { id, text: entry.args.text, step: entry.meta.step });
        }
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

  function canWrite() {
    // before the first snapshot (no connection yet) cards are queued and sent later
    if (!store.state) return true;
    return Boolean(store.state.input_open && stepUses(store.state, "cards"));
  }

  // --- composer -----------------------------------------------------------------

  function updateCounter() {
    const max = maxCardLength(store.state);
    if (el.text.maxLength !== max) el.text.maxLength = max;
    const length = el.text.value.length;
    setText(el.counter, t("card.counter", { n: length, max }));
    el.counter.dataset.near = length > max - 20 ? "true" : "false";
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
      const extra = planning.cardExtras();
      if (extra.error) {
        setText(el.error, extra.error);
        return;
      }
      outbox.enqueue("add_card", { text, ...extra.args }, { step });
      el.text.value = "";
      storage.write(draftKey, "");
      planning.cardSent();
    }
    setText(el.error, "");
    updateCounter();
    el.text.focus();
  }

  function startEditing(card) {
    editing = card.id;
    confirming = null;
    el.text.value = card.text;
    el.composer.dataset.mode = "edit";
    updateCounter();
    render();
    el.text.focus();
    el.composer.scrollIntoView({ block: "nearest" });
  }

  function stopEditing(restoreDraft) {
    if (!editing) return;
    editing = null;
    el.composer.dataset.mode = "add";
    if (restoreDraft) {
      el.text.value = storage.read(draftKey, "") || "";
      updateCounter();
    }
    render();
  }

  function withdraw(card) {
    if (confirming !== card.id) {
      confirming = card.id;
      clearTimeout(confirmTimer);
      confirmTimer = setTimeout(() => { confirming = null; render(); }, CONFIRM_MS);
      render();
      return;
    }
    confirming = null;
    if (editing === card.id) stopEditing(true);
    outbox.enqueue("withdraw_card", { card_id: card.id }, { step: card.step });
  }

  // --- rendering -------------------------------------------------------------------

  function render() {
    const state = store.state;
    // before the vote panel scrolls itself into view: app.css makes the question smaller
    // while the room votes, so the dots fit on the first screen
    el.root.dataset.voting = String(Boolean(state && voteIsOpen(state)));
    if (state) notices.notice(state); // before the vote's scroll: a notice moves it
    planning.render();
    if (!state) {
      renderMyCards(null, false); // what waits in the outbox shows even before connecting
      updateCounter();
      return;
    }
    const closed = Boolean(state.handed_over); // handed over: nothing to write any more
    el.root.dataset.closed = String(closed);
    el.closed.hidden = !closed;
    const step = stepAt(state);
    setText(el.stepCount, step ? t("step.count", { i: state.step + 1, n: state.steps.length,
                                                    title: pick(step.title, lang) }) : "");
    setText(el.question, step ? pick(step.question, lang) : "");

    const usesCards = stepUses(state, "cards");
    const open = canWrite();
    el.inputState.dataset.state = !usesCards ? "none" : open ? "open" : "closed";
    setText(el.inputState, !usesCards ? t("input.not_this_step")
      : open ? t("input.open_phone") : t("input.closed_phone"));
    planning.stepNote(el.inputState); // action planning: plans are written here, not cards
    // while the vote is open the phone asks for the dots only: the vote panel comes first
    const voting = voteIsOpen(state);
    el.inputState.hidden = voting;
    el.composer.hidden = !usesCards || voting;
    if (editing && !open) stopEditing(true);
    el.send.disabled = !open;
    el.cancel.hidden = !editing;
    setText(el.send, editing ? t("card.save") : t("card.send"));
    setText(el.textLabel, editing ? t("card.edit_label") : t("card.label"));
    updateCounter();

    const mine = renderMyCards(state, open);
    renderEveryone(state);
    // a step without cards (action planning, a review) shows no empty card lists; what
    // this phone still has waiting or refused stays in view
    el.mineSection.hidden = !usesCards && mine === 0;
    el.allSection.hidden = !usesCards;
  }

  function myItems(state, open) {
    const pending = outbox.list();
    const editsFor = new Map();
    const withdrawing = new Set();
    for (const entry of pending) {
      if (entry.name === "edit_card") editsFor.set(entry.args.card_id, entry.args.text);
      if (entry.name === "withdraw_card") withdrawing.add(entry.args.card_id);
    }
    const offline = live.status() !== "online";
    const items = [];
    for (const entry of pending.slice().reverse()) {
      if (entry.name !== "add_card") continue;
      items.push({ key: `op:${entry.op_id}`, opId: entry.op_id, text: entry.args.text,
                   state: "waiting",
                   label: offline ? t("card.waiting_offline") : entry.note || t("card.waiting") });
    }
    for (const f of failed) {
      items.push({ key: `failed:${f.key}`, failed: f, text: f.text, state: "failed",
                   label: f.message });
    }
    if (!state) return items;
    const cards = stepCards(state).filter(isMine);
    for (const [id, sent] of sentUnseen) {
      if (state.cards.some((c) => c.id === id)) sentUnseen.delete(id);
      else if (sent.step === state.step) cards.push({ id, text: sent.text, step: sent.step });
    }
    for (const card of cards.slice().reverse()) {
      const busy = editsFor.has(card.id) || withdrawing.has(card.id);
      items.push({
        key: `card:${card.id}`, card, cardId: card.id,
        text: editsFor.has(card.id) ? editsFor.get(card.id) : card.text,
        state: busy ? "waiting" : "sent",
        label: withdrawing.has(card.id) ? t("card.withdrawing")
          : editsFor.has(card.id) ? t("card.saving") : t("card.sent"),
        actions: open && !busy && card.step === state.step,
        confirming: confirming === card.id,
        editing: editing === card.id,
      });
    }
    return items;
  }

  function renderMyCards(state, open) {
    const items = myItems(state, open);
    renderMine(items, (i) => i.key,
      (i) => JSON.stringify([i.text, i.state, i.label, !!i.actions, !!i.confirming, !!i.editing]),
      buildMyCard);
    setText(el.mineEmpty, items.length ? "" : t("card.none_mine"));
    return items.length;
  }

  function renderEveryone(state) {
    const all = stepCards(state).slice().reverse();
    const cards = all.slice(0, shown);
    const rest = all.length - cards.length;
    el.more.hidden = rest <= 0;
    if (rest > 0) setText(el.more, t("cards.show_more", { n: Math.min(rest, PAGE), total: all.length }));
    // phones see the clustering too: each card names the cluster it was put in
    const clusterNames = new Map((state.clusters || []).map((k) => [k.id, k.name || ""]));
    const groupOf = (c) => (c.cluster && clusterNames.has(c.cluster) ? clusterNames.get(c.cluster) : null);
    renderAll(cards, (c) => c.id,
      (c) => JSON.stringify([c.text, c.author_name || "", isMine(c), groupOf(c)]),
      (c) => everyoneCard(c, isMine(c), groupOf(c)));
    setText(el.allEmpty, all.length ? "" : t("card.none_yet"));
  }
}
