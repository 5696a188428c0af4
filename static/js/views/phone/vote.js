// Dot voting on the phone: − / + per item, the dots left of the budget, at most
// `max_per_item` on one item, and the ballot sent as `cast_votes {votes}` through the
// durable outbox (views/phone/ballot.js keeps it and owns the answers). After the reveal:
// the result bars, with this phone's own dots beside them.
import { announce, byId, h, setText } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { stepUses } from "../../selectors/steps.js";
import {
  ballotTotal, stepVote, voteItems, voteRanking, votersNow,
} from "../../selectors/votes.js";
import { createBallot } from "./ballot.js";

/** One item of the ballot: its label, the dots as ●○, the count, and − / +. */
function buildRow(item, change) {
  const row = {
    label: h("p", { class: "vote-item-label" }),
    dots: h("span", { class: "vote-dots", "aria-hidden": "true" }),
    count: h("span", { class: "vote-count", "data-testid": "dot-count" }),
    minus: h("button", { class: "button dot-button", type: "button", "data-testid": "dot-minus",
                         onclick: () => change(item.id, -1) }, "−"),
    plus: h("button", { class: "button dot-button", type: "button", "data-testid": "dot-plus",
                        onclick: () => change(item.id, +1) }, "+"),
  };
  row.li = h("li", { class: "vote-item", "data-testid": "vote-item", "data-item-id": item.id },
    row.label, h("div", { class: "vote-controls" }, row.minus, row.dots, row.count, row.plus));
  return row;
}

function updateRow(row, item, dots, vote, left) {
  if (!row) return;
  const label = item.label || t("phone.cluster_unnamed");
  setText(row.label, label);
  setText(row.dots, "●".repeat(dots) + "○".repeat(Math.max(0, vote.max_per_item - dots)));
  setText(row.count, tn("phone.vote.dots", dots));
  row.li.dataset.dots = String(dots);
  row.minus.disabled = dots <= 0;
  row.plus.disabled = dots >= vote.max_per_item || left <= 0;
  row.minus.setAttribute("aria-label", t("phone.vote.minus_label", { item: label }));
  row.plus.setAttribute("aria-label", t("phone.vote.plus_label", { item: label }));
}

/** One revealed result: its bar, its dots, and this phone's own dots on it. */
function resultBar(r, top, mine) {
  const fill = h("span", { class: "bar-fill" });
  fill.style.setProperty("--share", String(r.dots / top));
  return h("li", { class: "bar-row", "data-testid": "phone-result-bar", "data-item-id": r.id,
                   "data-dots": r.dots },
    h("p", { class: "bar-label" }, r.label || t("phone.cluster_unnamed")),
    h("div", { class: "bar-line" },
      h("span", { class: "bar-track", "aria-hidden": "true" }, fill),
      h("span", { class: "bar-value" }, tn("phone.vote.dots", r.dots))),
    mine[r.id] ? h("p", { class: "bar-mine" }, tn("phone.vote.yours", mine[r.id])) : null);
}

/** The panel's fixed parts while the vote is open: the rules and how many voted so far. */
function showOpen(el, vote, voters) {
  el.panel.dataset.state = "open";
  el.panel.dataset.round = String(vote.round); // which round this ballot is for (tests, tools)
  setText(el.heading, t("phone.vote.heading"));
  setText(el.help, t("phone.vote.help", { budget: vote.budget, max: vote.max_per_item }));
  el.voters.hidden = false;
  el.voters.dataset.count = String(voters);
  setText(el.voters, tn("phone.vote.voters", voters));
  el.results.hidden = true;
  el.items.hidden = false;
  el.send.hidden = false;
}

/** The panel's fixed parts after the reveal: the results' heading, no ballot to send. */
function showRevealed(el, vote) {
  el.panel.dataset.state = "revealed";
  el.panel.dataset.round = String(vote.round);
  setText(el.heading, t("phone.vote.result_heading"));
  setText(el.help, tn("phone.vote.voters", vote.voters || 0));
  el.voters.hidden = true;
  setText(el.left, "");
  el.items.hidden = true;
  el.send.hidden = true;
  el.results.hidden = false;
  setText(el.status, "");
  el.status.dataset.state = "revealed";
}

export function createPhoneVote({ boot, store, live, outbox }) {
  const el = {
    panel: byId("vote-panel"),
    heading: byId("vote-heading"),
    help: byId("vote-help"),
    left: byId("vote-left"),
    items: byId("vote-items"),
    send: byId("vote-send"),
    status: byId("vote-status"),
    results: byId("vote-results"),
    // how many voted so far (the volatile `tally`): a count, never what anyone chose
    voters: h("p", { class: "vote-voters hint", "data-testid": "phone-vote-voters" }),
  };
  el.help.after(el.voters);
  const ballot = createBallot({ boot, live, outbox });
  let rows = new Map(); // item id -> {li, count, dots, minus, plus}
  let rowsFor = "";
  let revealedFor = "";
  let settled = false; // false until the first render with a state: a reload must not jump

  el.send.addEventListener("click", () => { if (ballot.send()) render(); });

  function change(itemId, delta) {
    const vote = stepVote(store.state);
    const draft = ballot.change(vote, itemId, delta);
    if (!draft) return;
    render();
    const left = vote.budget - ballotTotal(draft);
    announce(tn("phone.vote.dots_left", left, { budget: vote.budget }));
  }

  function render() {
    const state = store.state;
    const vote = state && stepUses(state, "vote") ? stepVote(state) : null;
    el.panel.hidden = !vote || (!vote.open && !vote.revealed);
    if (!el.panel.hidden && vote.open) renderOpen(state, vote);
    else if (!el.panel.hidden) renderRevealed(state, vote);
    if (state) settled = true;
  }

  function renderOpen(state, vote) {
    const fresh = ballot.isFresh(state, vote);
    const mine = ballot.current(state, vote);
    if (fresh && settled) {
      // a vote that opens while this phone watches: bring it into view and say so
      // after this render has filled the panel and start.js has hidden the composer:
      // scrolling first would let the browser's scroll anchoring push the panel away
      requestAnimationFrame(() => el.panel.scrollIntoView({ block: "start" }));
      announce(t("phone.vote.heading"));
    }
    showOpen(el, vote, votersNow(vote, store.tally, state.step));
    const items = voteItems(state, vote);
    buildRows(items, `${state.step}:${vote.round}:${vote.items.join(",")}`);
    const spent = ballotTotal(mine.draft);
    const left = vote.budget - spent;
    setText(el.left, tn("phone.vote.dots_left", left, { budget: vote.budget }));
    el.left.dataset.left = String(left);
    for (const item of items) updateRow(rows.get(item.id), item, mine.draft[item.id] || 0, vote, left);

    const { changed, shown, text } = ballot.status(mine);
    el.send.disabled = !changed;
    setText(el.send, t("phone.vote.send"));
    el.status.dataset.state = shown;
    setText(el.status, text);
  }

  function buildRows(items, signature) {
    if (signature === rowsFor) return;
    rowsFor = signature;
    rows = new Map();
    el.items.replaceChildren(...items.map((item) => {
      const row = buildRow(item, change);
      rows.set(item.id, row);
      return row.li;
    }));
  }

  function renderRevealed(state, vote) {
    showRevealed(el, vote);
    rowsFor = "";
    const mine = ballot.sentFor(state, vote);
    const ranking = voteRanking(state, vote);
    const signature = JSON.stringify([ranking, mine]);
    if (signature === revealedFor) return;
    revealedFor = signature;
    const top = Math.max(1, ...ranking.map((r) => r.dots));
    el.results.replaceChildren(...ranking.map((r) => resultBar(r, top, mine)));
  }

  return { render, onResult: ballot.onResult, resume: ballot.resume };
}
