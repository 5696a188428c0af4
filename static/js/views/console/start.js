// The facilitator's console: pace the steps, open and close input, run the timer and
// reveal names; the planning techniques of each step live in console-*.js beside this
// shell, which gives them one way to send commands (`ctx`) and renders them all.
import { announce, byId, h, keyedList, setText } from "../../dom.js";
import { pick, t, tn } from "../../i18n.js";
import { createOutbox } from "../../outbox.js";
import { joinPanelSize, stepAt } from "../../selectors/steps.js";
import { voteIsOpen } from "../../selectors/votes.js";
import { bindTimer } from "../../timer.js";
import { createCards } from "./cards.js";
import { createCluster } from "./cluster.js";
import { createMatrix } from "./matrix.js";
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
    prev: byId("prev-step"),
    next: byId("next-step"),
    inputState: byId("input-state"),
    toggleInput: byId("toggle-input"),
    join: byId("toggle-join"),
    timer: byId("timer"),
    start: byId("timer-start"),
    pause: byId("timer-pause"),
    extend: byId("timer-extend"),
    reset: byId("timer-reset"),
    authors: byId("toggle-authors"),
    steps: byId("step-list"),
    status: byId("console-status"),
    participants: byId("participants"),
    copy: byId("copy-projector-link"),
    link: byId("projector-link"),
  };
  const busy = new Set(); // "pacing" while a board command is in flight, and one key per control
  const lanes = new Map(); // lane -> promise: commands of one lane go one after another
  const outbox = createOutbox({ socket: live.socket, boardId: boot.board_id, durable: false,
                                onChange: sayRetrying, maxBytes: boot.max_command_bytes });
  const renderSteps = keyedList(el.steps);
  let leaving = false; // a form of this page was sent: the next page is on its way
  document.addEventListener("submit", () => { leaving = true; });

  /**
   * Send one command and wait for its ack (resolves with the ack, or null when offline).
   * Refusals show their translated message in the status line, except `quiet` codes the
   * caller shows itself.
   */
  async function send(name, args, { quiet = [] } = {}) {
    if (live.status() !== "online") {
      say(t("command.offline"));
      return null;
    }
    const { done } = outbox.enqueue(name, args);
    const ack = await done;
    if (ack.ok) {
      live.catchUp(ack.version);
    } else if (!(ack.error && quiet.includes(ack.error.code))) {
      say((ack.error && ack.error.message) || t("command.failed"));
    }
    return ack;
  }

  /** Send unless a command with the same `busyKey` is still on its way (a double click). */
  async function run(name, args, busyKey = "pacing", options) {
    if (busy.has(busyKey) || !store.state) return null;
    busy.add(busyKey);
    say("");
    render();
    try {
      return await send(name, args, options);
    } finally {
      busy.delete(busyKey);
      render();
    }
  }

  /** Queue a command behind the others of `lane`, so clustering moves land in order. */
  function serial(name, args, lane = "cluster", options) {
    const previous = lanes.get(lane) || Promise.resolve();
    const next = previous.then(() => send(name, args, options), () => null);
    lanes.set(lane, next);
    return next;
  }

  /** A command the server could not take yet (busy, rate limit) is sent again: say so. */
  function sayRetrying() {
    const waiting = outbox.list().find((entry) => entry.note);
    if (waiting) say(waiting.note);
  }

  function say(text) {
    setText(el.status, text);
  }

  const ctx = {
    boot, lang, store, live, send, run, serial, say,
    isBusy: (key) => busy.has(key),
    online: () => live.status() === "online",
    render: () => render(),
    announce,
  };
  const parts = [createCards(ctx), createCluster(ctx), createMatrix(ctx), createVote(ctx),
                 createPromote(ctx), createResults(ctx), createPlans(ctx), createReview(ctx)];

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
  el.join.addEventListener("click", () =>
    run("set_join_panel", { size: joinPanelSize(store.state) === "large" ? "small" : "large" }));
  el.copy.addEventListener("click", copyLink);
  bindTimer(el.timer, store);
  store.subscribe(render);
  onStatus(render);
  render();

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
    say(copied ? t("link.copied") : t("link.copy_by_hand"));
  }

  function render() {
    const state = store.state;
    const online = live.status() === "online";
    const n = store.participants;
    setText(el.participants, typeof n === "number" ? tn("presence.connected", n) : "");
    if (typeof n === "number") el.participants.dataset.count = String(n);
    if (!state) {
      for (const b of [el.prev, el.next, el.toggleInput, el.start, el.pause, el.extend,
                       el.reset, el.authors, el.join]) b.disabled = true;
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
    const pacing = busy.has("pacing") || !online || closed;
    if (el.handover) el.handover.hidden = closed || state.step !== last;

    setText(el.stepCount, t("step.count_short", { i: state.step + 1, n: state.steps.length }));
    setText(el.stepTitle, step ? pick(step.title, lang) : "");
    setText(el.question, step ? pick(step.question, lang) : "");
    el.prev.disabled = pacing || state.step <= 0;
    el.next.disabled = pacing || state.step >= last;

    const voting = !state.input_open && voteIsOpen(state); // input opens again after the reveal
    el.inputState.dataset.state = state.input_open ? "open" : "closed";
    setText(el.inputState, state.input_open ? t("input.open_console")
      : voting ? t("input.closed_vote_console") : t("input.closed_console"));
    setText(el.toggleInput, state.input_open ? t("input.close") : t("input.open"));
    el.toggleInput.dataset.state = state.input_open ? "open" : "closed";
    el.toggleInput.disabled = pacing || voting;
    const large = joinPanelSize(state) === "large";
    setText(el.join, large ? t("join.make_small") : t("join.make_large"));
    el.join.dataset.size = large ? "large" : "small";
    el.join.disabled = pacing;

    const timer = state.timer || {};
    el.start.disabled = pacing || Boolean(timer.running);
    el.pause.disabled = pacing || !timer.running;
    el.extend.disabled = pacing;
    el.reset.disabled = pacing;

    el.authors.setAttribute("aria-pressed", state.show_authors ? "true" : "false");
    setText(el.authors, state.show_authors ? t("authors.hide") : t("authors.show"));
    el.authors.disabled = pacing;

    renderStepList(state, pacing);
    for (const part of parts) {
      try {
        part.render(state);
      } catch (err) {
        console.error(err); // one broken panel must not take the console down
      }
    }
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
}
