// The facilitator's console: pace the steps, open and close input, run the timer,
// reveal names, and hide cards. Each button sends one command and waits for its ack.
import { announce, byId, h, keyedList, setText } from "../dom.js";
import { pick, t, tn } from "../i18n.js";
import { createOutbox } from "../outbox.js";
import { currentStep, stepCards } from "../store.js";
import { bindTimer } from "../timer.js";

export function startConsole({ boot, store, live, onStatus }) {
  const lang = boot.lang;
  const el = {
    stepCount: byId("step-count"),
    stepTitle: byId("step-heading"),
    question: byId("step-question"),
    prev: byId("prev-step"),
    next: byId("next-step"),
    inputState: byId("input-state"),
    toggleInput: byId("toggle-input"),
    timer: byId("timer"),
    start: byId("timer-start"),
    pause: byId("timer-pause"),
    extend: byId("timer-extend"),
    reset: byId("timer-reset"),
    authors: byId("toggle-authors"),
    steps: byId("step-list"),
    count: byId("card-count"),
    empty: byId("cards-empty"),
    cards: byId("console-cards"),
    status: byId("console-status"),
    participants: byId("participants"),
    copy: byId("copy-projector-link"),
    link: byId("projector-link"),
  };
  const busy = new Set(); // "pacing" while a board command is in flight, "card:<id>" per card
  const outbox = createOutbox({ socket: live.socket, boardId: boot.board_id, durable: false });
  const renderCards = keyedList(el.cards);
  const renderSteps = keyedList(el.steps);
  let knownCards = null;

  el.prev.addEventListener("click", () => goTo(store.state.step - 1));
  el.next.addEventListener("click", () => goTo(store.state.step + 1));
  el.toggleInput.addEventListener("click", () =>
    run(store.state.input_open ? "close_input" : "open_input", {}));
  el.start.addEventListener("click", () => run("start_timer", {}));
  el.pause.addEventListener("click", () => run("pause_timer", {}));
  el.extend.addEventListener("click", () => run("extend_timer", { seconds: 60 }));
  el.reset.addEventListener("click", () => run("reset_timer", {}));
  el.authors.addEventListener("click", () =>
    run("show_authors", { shown: !store.state.show_authors }));
  el.copy.addEventListener("click", copyLink);
  bindTimer(el.timer, store);
  store.subscribe(render);
  onStatus(render);
  render();

  /** Send one command; buttons of its kind stay disabled until the server answers. */
  async function run(name, args, busyKey = "pacing") {
    if (busy.has(busyKey) || !store.state) return;
    if (live.status() !== "online") {
      setText(el.status, t("command.offline"));
      return;
    }
    busy.add(busyKey);
    setText(el.status, "");
    render();
    const { done } = outbox.enqueue(name, args);
    const ack = await done;
    busy.delete(busyKey);
    if (ack.ok) {
      live.catchUp(ack.version);
    } else {
      setText(el.status, (ack.error && ack.error.message) || t("command.failed"));
    }
    render();
  }

  function goTo(index) {
    if (!store.state || index < 0 || index >= store.state.steps.length) return;
    run("go_to_step", { step: index });
  }

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
    setText(el.status, copied ? t("link.copied") : t("link.copy_by_hand"));
  }

  function render() {
    const state = store.state;
    const online = live.status() === "online";
    const n = store.participants;
    setText(el.participants, typeof n === "number" ? tn("presence.connected", n) : "");
    if (!state) {
      for (const b of [el.prev, el.next, el.toggleInput, el.start, el.pause, el.extend,
                       el.reset, el.authors]) b.disabled = true;
      return;
    }
    const step = currentStep(state);
    const last = state.steps.length - 1;
    const pacing = busy.has("pacing") || !online;

    setText(el.stepCount, t("step.count_short", { i: state.step + 1, n: state.steps.length }));
    setText(el.stepTitle, step ? pick(step.title, lang) : "");
    setText(el.question, step ? pick(step.question, lang) : "");
    el.prev.disabled = pacing || state.step <= 0;
    el.next.disabled = pacing || state.step >= last;

    el.inputState.dataset.state = state.input_open ? "open" : "closed";
    setText(el.inputState, state.input_open ? t("input.open_console") : t("input.closed_console"));
    setText(el.toggleInput, state.input_open ? t("input.close") : t("input.open"));
    el.toggleInput.dataset.state = state.input_open ? "open" : "closed";
    el.toggleInput.disabled = pacing;

    const timer = state.timer || {};
    el.start.disabled = pacing || Boolean(timer.running);
    el.pause.disabled = pacing || !timer.running;
    el.extend.disabled = pacing;
    el.reset.disabled = pacing;

    el.authors.setAttribute("aria-pressed", state.show_authors ? "true" : "false");
    setText(el.authors, state.show_authors ? t("authors.hide") : t("authors.show"));
    el.authors.disabled = pacing;

    renderStepList(state, pacing);
    renderCardList(state, online);
  }

  function renderStepList(state, pacing) {
    renderSteps(state.steps, (s) => String(s.index),
      (s) => JSON.stringify([s.index === state.step, pacing]),
      (s) => {
        const current = s.index === state.step;
        return h("li", { class: "step-item", "data-step": s.index, "data-testid": "step-item",
                         "aria-current": current ? "step" : null },
          h("span", { class: "step-item-title" },
            t("step.list_item", { i: s.index + 1, title: pick(s.title, lang) })),
          current
            ? h("span", { class: "tag" }, t("step.current"))
            : h("button", { class: "button button-small", type: "button",
                            "data-testid": "go-to-step", disabled: pacing,
                            "aria-label": t("step.go_to_label", { i: s.index + 1,
                                                                  title: pick(s.title, lang) }),
                            onclick: () => goTo(s.index) }, t("step.go_to")));
      });
  }

  function renderCardList(state, online) {
    const cards = stepCards(state).slice().reverse();
    const hidden = cards.filter((c) => c.hidden).length;
    setText(el.count, hidden ? t("cards.count_hidden", { count: tn("cards.count", cards.length),
                                                          hidden })
      : tn("cards.count", cards.length));
    setText(el.empty, cards.length ? "" : state.input_open ? t("cards.empty_open_console")
      : t("cards.empty_closed_console"));
    renderCards(cards, (c) => c.id,
      (c) => JSON.stringify([c.text, c.author_name || "", !!c.hidden,
                             busy.has(`card:${c.id}`) || !online]),
      (c) => buildCard(c, busy.has(`card:${c.id}`) || !online));
    const ids = new Set(cards.map((c) => c.id));
    if (knownCards) {
      const fresh = cards.filter((c) => !knownCards.has(c.id));
      if (fresh.length === 1) announce(t("cards.new_announce", { text: fresh[0].text }));
      else if (fresh.length > 1) announce(tn("cards.new_many", fresh.length));
    }
    knownCards = ids;
  }

  function buildCard(card, disabled) {
    const hidden = Boolean(card.hidden);
    return h("li", { class: "card console-card", "data-card-id": card.id,
                     "data-testid": "console-card", "data-hidden": hidden ? "true" : "false" },
      h("p", { class: "card-text" }, card.text),
      h("p", { class: "card-meta" },
        card.author_name ? h("span", { class: "card-author" },
          t("card.by", { name: card.author_name })) : h("span", { class: "card-anon" }, t("card.anonymous")),
        hidden ? h("span", { class: "tag tag-hidden", "data-testid": "hidden-label" },
          t("card.hidden")) : null),
      h("div", { class: "card-actions" },
        h("button", { class: "button button-small", type: "button", disabled,
                      "data-testid": hidden ? "unhide-card" : "hide-card",
                      onclick: () => run(hidden ? "unhide_card" : "hide_card",
                                         { card_id: card.id }, `card:${card.id}`) },
          hidden ? t("card.unhide") : t("card.hide"))));
  }
}
