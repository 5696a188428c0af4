// The projector: the question in very large type, the join code and QR, the timer, and
// the step's picture: the card wall (views/projector/card-wall.js) or a planning picture
// (views/projector/planning.js). Read-only: it sends no commands.
import { byId, setText } from "../../dom.js";
import { pick, t, tn } from "../../i18n.js";
import { joinPanelSize, stepAt, stepUses } from "../../selectors/steps.js";
import { voteIsOpen } from "../../selectors/votes.js";
import { bindTimer } from "../../timer.js";
import { announceNewCards } from "../shared/new-cards.js";
import { createCardWall } from "./card-wall.js";
import { startProjectorPlanning } from "./planning.js";

export function startProjector({ boot, store }) {
  const lang = boot.lang;
  const el = {
    closed: byId("proj-closed"),
    stepCount: byId("step-count"),
    title: byId("proj-step-title"),
    question: byId("step-question"),
    timer: byId("timer"),
    inputState: byId("input-state"),
    participants: byId("participants"),
    fullscreen: byId("fullscreen"),
    layout: byId("projector"),
  };
  const wall = createCardWall({ lang });
  // focus, "chosen before", clusters, vote, matrix, plans (views/projector/planning.js)
  const planning = startProjectorPlanning({ boot, store });

  scalableQr(document.querySelector(".proj-qr svg"));
  setUpFullscreen(el.fullscreen);
  keepAwake();
  const refit = () => {
    wall.refit();
    planning.refit();
  };
  window.addEventListener("resize", refit);
  const join = joinPanel(el.layout, store, refit);
  bindTimer(el.timer, store, (ms, timer, state) => {
    el.timer.setAttribute("aria-label", state === "done" ? t("timer.done") : t("timer.left"));
  });
  store.subscribe(render);
  announceNewCards(store);
  render();

  function render(_store, reason) {
    const state = store.state;
    if (state) renderBoard(state, reason);
    const n = store.participants;
    setText(el.participants, typeof n === "number" ? tn("presence.connected", n) : "");
    if (typeof n === "number") el.participants.dataset.count = String(n);
  }

  function renderBoard(state, reason) {
    join.render(state); // first: the stage's width decides how the cards fit
    el.closed.hidden = !state.handed_over; // handed over to the group: the room is done
    const step = stepAt(state);
    setText(el.stepCount, step ? t("step.count_short", { i: state.step + 1, n: state.steps.length }) : "");
    setText(el.title, step ? pick(step.title, lang) : "");
    setText(el.question, step ? pick(step.question, lang) : "");

    const usesCards = stepUses(state, "cards");
    el.inputState.dataset.state = !usesCards ? "none" : state.input_open ? "open" : "closed";
    setText(el.inputState, !usesCards ? "" : state.input_open ? t("input.open_projector")
      : t("input.closed_projector"));
    // while the room votes, the wall says "vote now" only, not also "send your ideas"
    el.inputState.hidden = !usesCards || voteIsOpen(state);

    const pictured = planning.render(state, reason); // clusters, vote, matrix or plans
    // the picture was fitted while the card wall still took half the stage: fit it again
    if (wall.setPictured(pictured)) planning.refit();
    wall.render(state, step, { pictured, usesCards });
  }
}

/**
 * The join panel (QR code and code) large beside the stage or small in its corner
 * (`joinPanelSize`); the key "q" flips this projector's own panel until the board's
 * setting or the step changes. `refit` runs after a change: the stage got wider or narrower.
 */
function joinPanel(layout, store, refit) {
  let flipped = null; // {size, basis}: this screen's own choice, for one board setting
  const basis = (state) => `${state.join_panel || "auto"}:${state.step}`;
  const size = (state) => (flipped && flipped.basis === basis(state) ? flipped.size
    : joinPanelSize(state));
  function render(state) {
    const now = size(state);
    if (layout.dataset.join === now) return;
    layout.dataset.join = now;
    refit();
  }
  document.addEventListener("keydown", (e) => {
    if (e.key.toLowerCase() !== "q" || e.ctrlKey || e.metaKey || e.altKey || !store.state) return;
    const state = store.state;
    flipped = { size: size(state) === "large" ? "small" : "large", basis: basis(state) };
    render(state);
  });
  return { render };
}

/** Let the QR code grow with its column: give the SVG a viewBox instead of a fixed size. */
function scalableQr(svg) {
  if (!svg || svg.hasAttribute("viewBox")) return;
  const width = parseFloat(svg.getAttribute("width"));
  const height = parseFloat(svg.getAttribute("height"));
  if (!width || !height) return;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.removeAttribute("width");
  svg.removeAttribute("height");
}

/** A "full screen" button, hidden where the Fullscreen API is missing. */
function setUpFullscreen(button) {
  const root = document.documentElement;
  const request = root.requestFullscreen || root.webkitRequestFullscreen;
  if (!request) {
    button.hidden = true;
    return;
  }
  const active = () => Boolean(document.fullscreenElement || document.webkitFullscreenElement);
  const label = () => setText(button, active() ? t("fullscreen.leave") : t("fullscreen.enter"));
  button.addEventListener("click", () => {
    if (active()) {
      (document.exitFullscreen || document.webkitExitFullscreen).call(document);
    } else {
      const result = request.call(root);
      if (result && typeof result.catch === "function") result.catch(() => {});
    }
  });
  document.addEventListener("fullscreenchange", label);
  document.addEventListener("webkitfullscreenchange", label);
  label();
}

/** Ask the screen not to dim during the evening (only where the browser allows it). */
function keepAwake() {
  const api = navigator.wakeLock;
  if (!api || typeof api.request !== "function") return;
  const ask = () => { api.request("screen").catch(() => {}); };
  ask();
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") ask();
  });
}
