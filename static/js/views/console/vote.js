// Voting on the console: open the vote, watch "N of M voted" (the volatile `tally`, a
// count and nothing more), reveal, then the results as a ranked list with bars. Nothing
// about hidden ballots is ever shown: the console is often what the projector mirrors.
import { byId, h, setAttr, setText, stableList } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { stepCards, stepClusters } from "../../selectors/cards.js";
import { optionsOf, stepAt, uses } from "../../selectors/steps.js";
import {
  itemLabel, nextVoteItems, ranking, stepVote, votersNow,
} from "../../selectors/votes.js";

const ANNOUNCE_EVERY_MS = 10000; // a screen reader hears the count now and then, not 3× a second

/** What still stands in the way of a good vote, in words ("" when nothing does). */
function warning(state) {
  const clusters = stepClusters(state);
  if (!clusters.length) return stepCards(state).length ? t("vote.on_cards") : t("vote.nothing");
  const loose = stepCards(state).filter((c) => !c.cluster && !c.hidden).length;
  const unnamed = clusters.filter((k) => !(k.name || "").trim()).length;
  return [loose ? tn("vote.loose_cards", loose) : "", unnamed ? tn("vote.unnamed", unnamed) : ""]
    .filter(Boolean).join(" ");
}

/** One revealed result: its place, label, bar and dots (filled in by `patchResultRow`). */
function resultRow() {
  return h("li", { class: "bar-row", "data-testid": "vote-result" },
    h("p", { class: "bar-label" }, h("span", { class: "bar-rank" }), h("span", { class: "bar-text" })),
    h("div", { class: "bar-line" },
      h("span", { class: "bar-track", "aria-hidden": "true" }, h("span", { class: "bar-fill" })),
      h("span", { class: "bar-value" })));
}

function patchResultRow(node, r, top) {
  setAttr(node, "data-item-id", r.id);
  setAttr(node, "data-dots", r.dots);
  setText(node.querySelector(".bar-rank"), t("vote.place", { place: r.place }));
  setText(node.querySelector(".bar-text"), r.label);
  setText(node.querySelector(".bar-value"), tn("vote.dots", r.dots));
  node.querySelector(".bar-fill").style.setProperty("--share", String(r.dots / top));
}

/** The revealed ranking with each item's place (equal dots share one) and its label. */
function withPlaces(state, ranked) {
  const unnamed = t("cluster.unnamed_short");
  let place = 0;
  let previous = null;
  return ranked.map((r, i) => {
    if (r.dots !== previous) place = i + 1; // equal dots share a place
    previous = r.dots;
    return { ...r, place, label: itemLabel(state, r.id, unnamed) };
  });
}

/** The vote panel's parts in their order (`all`): its state and rules, the warning, the
 * count with its meter, "open" (`onOpen`) and "reveal" (`onReveal`), the results. */
function buildVotePanel({ onOpen, onReveal }) {
  const fill = h("span", { class: "bar-fill" });
  const parts = {
    state: h("p", { class: "vote-state", "data-testid": "vote-state" }),
    rules: h("p", { class: "hint" }),
    warn: h("p", { class: "hint hint-warn", "data-testid": "vote-warning" }),
    count: h("p", { class: "voters-count", "data-testid": "vote-count" }),
    fill,
    meter: h("div", { class: "vote-meter", "aria-hidden": "true" }, h("span", { class: "bar-track" }, fill)),
    open: h("button", { class: "button button-primary", type: "button", "data-testid": "open-vote",
                        onclick: onOpen }),
    reveal: h("button", { class: "button button-primary", type: "button", "data-testid": "reveal-votes",
                          onclick: onReveal }),
    resultsTitle: h("h3", { class: "vote-results-title", tabindex: "-1" }),
    list: h("ol", { class: "bars console-bars", "data-testid": "vote-results" }),
    again: h("p", { class: "hint" }),
  };
  parts.all = [parts.state, parts.rules, parts.warn, parts.count, parts.meter,
    h("div", { class: "button-row" }, parts.open, parts.reveal), parts.resultsTitle, parts.list, parts.again];
  return parts;
}

export function createVote(ctx) {
  const { store } = ctx;
  const panel = byId("vote-panel");
  const cardsPanel = byId("cards-panel");
  const home = panel.nextElementSibling; // where the panel stands when no vote runs
  const parts = buildVotePanel({ onOpen: () => advance("open_vote", () => parts.reveal),
                                 onReveal: () => advance("reveal_votes", () => parts.resultsTitle) });
  const { state: state_, rules, warn, count, fill, meter, open, reveal, resultsTitle, list, again } = parts;
  byId("vote-body").append(...parts.all);
  const renderRanking = stableList(list);
  let lastAnnounced = { at: 0, voters: null };
  let lastKey = null;
  let focusNext = null; // the control to focus once the event of our command arrived

  /** Open or reveal; then keep keyboard focus on what comes next. */
  async function advance(name, next) {
    const ack = await ctx.run(name, {}, "vote");
    if (ack && ack.ok) {
      ctx.announce(t(name === "open_vote" ? "vote.opened" : "vote.revealed"));
      focusNext = next();
      render(store.state);
    }
  }

  function render(state) {
    const step = stepAt(state);
    panel.hidden = !uses(step, "vote");
    if (panel.hidden) return;
    const vote = stepVote(state);
    const options = optionsOf(step, "vote");
    const phase = !vote ? "none" : vote.open ? "open" : vote.revealed ? "revealed" : "none";
    panel.dataset.phase = phase;
    placePanel(phase === "open");
    panel.dataset.round = vote ? String(vote.round) : ""; // the round shown (tests, tools)
    const budget = (vote && vote.budget) || options.budget;
    const max = (vote && vote.max_per_item) || options.max_per_item;
    setText(state_, phase === "open" ? t("vote.state_open", { round: vote.round })
      : phase === "revealed" ? t("vote.state_revealed", { round: vote.round }) : t("vote.state_none"));
    setText(rules, phase === "revealed" ? "" : t("vote.rules", { budget, max }));
    setText(warn, phase === "none" || phase === "revealed" ? warning(state) : "");
    renderCount(state, vote, phase);
    open.hidden = phase === "open";
    setText(open, phase === "revealed" ? t("vote.open_again") : t("vote.open"));
    open.classList.toggle("button-primary", phase !== "revealed"); // after a reveal, promotion comes next
    open.disabled = ctx.isBusy("vote") || nextVoteItems(state).length === 0;
    reveal.hidden = phase !== "open";
    setText(reveal, t("vote.reveal"));
    reveal.disabled = ctx.isBusy("vote");
    renderResults(state, vote, phase);
    setText(again, phase === "revealed" ? t("vote.again_hint") : "");
    if (focusNext && !focusNext.hidden) {
      focusNext.focus();
      focusNext = null;
    }
  }

  /** A running vote goes to the top of the work column, above the (locked) cards, so its
   * count and "reveal" are in a 1366 x 768 laptop's first screen; moved in the page, not
   * only drawn there, so the keyboard meets it first too. Back in its place afterwards. */
  function placePanel(running) {
    const before = running ? cardsPanel : home;
    if (panel.nextElementSibling !== before) panel.parentElement.insertBefore(panel, before);
  }

  function renderCount(state, vote, phase) {
    const voters = votersNow(vote, store.tally, state.step);
    const people = store.participants;
    count.hidden = meter.hidden = phase !== "open";
    if (phase !== "open") return;
    const text = typeof people === "number" && people > 0
      ? t("vote.count_of", { n: voters, m: people }) : tn("vote.count", voters);
    setText(count, text);
    setAttr(count, "data-voters", voters);
    fill.style.setProperty("--share", String(people ? Math.min(1, voters / people) : 0));
    const now = Date.now();
    const key = `${state.step}:${vote.round}`;
    if (key !== lastKey) {
      lastKey = key;
      lastAnnounced = { at: now, voters };
    } else if (voters !== lastAnnounced.voters && now - lastAnnounced.at > ANNOUNCE_EVERY_MS) {
      lastAnnounced = { at: now, voters };
      ctx.announce(text);
    }
  }

  function renderResults(state, vote, phase) {
    const ranked = phase === "revealed" ? ranking(vote) : [];
    resultsTitle.hidden = list.hidden = ranked.length === 0;
    setText(resultsTitle, phase === "revealed" ? tn("vote.results_title", vote.voters || 0) : "");
    const top = Math.max(1, ...ranked.map((r) => r.dots));
    const rows = withPlaces(state, ranked);
    renderRanking(rows, (r) => r.id, resultRow, (node, r) => patchResultRow(node, r, top));
  }

  return { render };
}
