// The console's pacing: previous and next step, the step list to jump with, input open or
// closed, the join panel large or small, the timer, and names shown or hidden. Each
// control sends its command through `run` (views/console/commands.js), so a double click
// sends once and a refusal is said in the status line.
import { byId, h, keyedList, setText } from "../../dom.js";
import { pick, t } from "../../i18n.js";
import { joinPanelSize } from "../../selectors/steps.js";
import { voteIsOpen } from "../../selectors/votes.js";
import { bindTimer } from "../../timer.js";

export function createPacing({ lang, store, run }) {
  const el = {
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
  };
  const renderSteps = keyedList(el.steps);

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
  bindTimer(el.timer, store); // the timer counts down on its own, between renders

  function goTo(index) {
    if (!store.state || index < 0 || index >= store.state.steps.length) return;
    run("go_to_step", { step: index });
  }

  /** Before the first snapshot: nothing to pace yet. */
  function disable() {
    for (const b of [el.prev, el.next, el.toggleInput, el.start, el.pause, el.extend,
                     el.reset, el.authors, el.join]) b.disabled = true;
  }

  /** `pacing` is true while a pacing command is on its way, offline, or handed over. */
  function render(state, pacing) {
    const last = state.steps.length - 1;
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
  }

  function renderStepList(state, pacing) {
    renderSteps(state.steps, (s) => String(s.index),
      (s) => JSON.stringify([s.index === state.step, pacing]),
      (s) => stepItem(s, { current: s.index === state.step, pacing, lang, onGo: () => goTo(s.index) }));
  }

  return { render, disable };
}

/** One step in the step list: its number and title, and "go here" unless it is the current one. */
function stepItem(s, { current, pacing, lang, onGo }) {
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
                      onclick: onGo }, t("step.go_to")));
}
