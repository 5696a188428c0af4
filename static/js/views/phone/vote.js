// Dot voting on the phone: − / + per item, the dots left of the budget, at most
// `max_per_item` on one item, and a ballot sent as `cast_votes {votes}` through the
// durable outbox. A new ballot replaces the old one, so only the latest may wait: while a
// ballot is on its way, a newer one waits beside it (kept on the phone) and goes when the
// first is answered; anything in between is dropped. After the reveal: the result bars.
import { announce, byId, h, setText } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { storage } from "../../outbox.js";
import { stepUses } from "../../selectors/steps.js";
import { ballotTotal, stepVote, voteItems, voteRanking, votersNow } from "../../selectors/votes.js";

const same = (a, b) => JSON.stringify(clean(a)) === JSON.stringify(clean(b));

/** A ballot without zero entries, keys sorted: two equal ballots look equal. */
function clean(ballot) {
  const out = {};
  for (const key of Object.keys(ballot || {}).sort()) if (ballot[key] > 0) out[key] = ballot[key];
  return out;
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
  const key = `weefwerk:ballot:${boot.board_id}`;
  // {step, round, draft, sent, next, error}: this phone's ballot for one round
  let ballot = storage.read(key, null);
  let rows = new Map(); // item id -> {li, count, dots, minus, plus}
  let rowsFor = "";
  let revealedFor = "";
  let settled = false; // false until the first render with a state: a reload must not jump

  el.send.addEventListener("click", send);

  function save() {
    storage.write(key, ballot);
  }

  function waitingEntry() {
    return outbox().list().find((e) => e.name === "cast_votes") || null;
  }

  /** The ballot record for the vote on screen; a new round starts from the server's `mine`. */
  function current(state, vote) {
    if (!ballot || ballot.step !== state.step || ballot.round !== vote.round) {
      const mine = clean(vote.mine || {});
      ballot = { step: state.step, round: vote.round, draft: { ...mine }, sent: { ...mine },
                 next: null, error: "" };
      save();
    } else if (ballotTotal(vote.mine) && !same(vote.mine, ballot.sent) && !waitingEntry() && !ballot.next) {
      // only a snapshot fills `mine` (no event carries ballots): the server's word wins
      ballot.sent = clean(vote.mine);
      save();
    }
    return ballot;
  }

  function change(itemId, delta) {
    const vote = stepVote(store.state);
    if (!vote || !vote.open || !ballot) return;
    const now = ballot.draft[itemId] || 0;
    const next = now + delta;
    if (next < 0 || next > vote.max_per_item) return;
    if (delta > 0 && ballotTotal(ballot.draft) >= vote.budget) return;
    ballot.draft = clean({ ...ballot.draft, [itemId]: next });
    ballot.error = "";
    save();
    render();
    const left = vote.budget - ballotTotal(ballot.draft);
    announce(tn("phone.vote.dots_left", left, { budget: vote.budget }));
  }

  function send() {
    if (!ballot) return;
    const votes = clean(ballot.draft);
    ballot.error = "";
    if (waitingEntry()) {
      ballot.next = votes; // only the newest waits; it goes when the one ahead is answered
    } else {
      ballot.next = null;
      outbox().enqueue("cast_votes", { votes, round: ballot.round }, { step: ballot.step, round: ballot.round });
    }
    save();
    render();
  }

  /** The server answered a ballot. Returns true when this module handled the entry. */
  function onResult(entry, ack) {
    if (entry.name !== "cast_votes") return false;
    const fits = ballot && entry.meta && entry.meta.step === ballot.step && entry.meta.round === ballot.round;
    if (fits && ack.ok) {
      ballot.sent = clean(entry.args.votes);
      if (!ballot.next) announce(t("phone.vote.in_announce"));
    } else if (fits) {
      ballot.error = (ack.error && ack.error.message) || t("phone.vote.failed");
      announce(ballot.error);
    }
    if (ack.ok) live.catchUp(ack.version);
    if (ballot && ballot.next) {
      const votes = ballot.next;
      ballot.next = null;
      outbox().enqueue("cast_votes", { votes, round: ballot.round }, { step: ballot.step, round: ballot.round });
    }
    save();
    return true;
  }

  /** After a reload: a ballot that waited beside the outbox goes now if nothing is ahead. */
  function resume() {
    if (ballot && ballot.next && !waitingEntry()) {
      const votes = ballot.next;
      ballot.next = null;
      save();
      outbox().enqueue("cast_votes", { votes, round: ballot.round }, { step: ballot.step, round: ballot.round });
    }
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
    const fresh = !ballot || ballot.step !== state.step || ballot.round !== vote.round;
    const mine = current(state, vote);
    if (fresh && settled) {
      // a vote that opens while this phone watches: bring it into view and say so
      // after this render has filled the panel and phone.js has hidden the composer:
      // scrolling first would let the browser's scroll anchoring push the panel away
      requestAnimationFrame(() => el.panel.scrollIntoView({ block: "start" }));
      announce(t("phone.vote.heading"));
    }
    el.panel.dataset.state = "open";
    setText(el.heading, t("phone.vote.heading"));
    setText(el.help, t("phone.vote.help", { budget: vote.budget, max: vote.max_per_item }));
    const voters = votersNow(vote, store.tally, state.step);
    el.voters.hidden = false;
    el.voters.dataset.count = String(voters);
    setText(el.voters, tn("phone.vote.voters", voters));
    el.results.hidden = true;
    el.items.hidden = false;
    el.send.hidden = false;
    const items = voteItems(state, vote);
    buildRows(items, `${state.step}:${vote.round}:${vote.items.join(",")}`);
    const spent = ballotTotal(mine.draft);
    const left = vote.budget - spent;
    setText(el.left, tn("phone.vote.dots_left", left, { budget: vote.budget }));
    el.left.dataset.left = String(left);
    for (const item of items) updateRow(rows.get(item.id), item, mine.draft[item.id] || 0, vote, left);

    const entry = waitingEntry();
    const pending = mine.next || (entry ? entry.args.votes : null); // the newest on its way
    const changed = !same(mine.draft, pending || mine.sent);
    el.send.disabled = !changed;
    setText(el.send, t("phone.vote.send"));
    const offline = live.status() !== "online";
    const [shown, text] = changed && !mine.error
      ? ["draft", ballotTotal(mine.sent) || pending ? t("phone.vote.changed") : t("phone.vote.not_sent")]
      : mine.error ? ["failed", mine.error]
        : pending ? ["waiting", offline ? t("phone.vote.waiting_offline") : t("phone.vote.waiting")]
          : ballotTotal(mine.sent) ? ["in", t("phone.vote.in")] : ["empty", ""];
    el.status.dataset.state = shown;
    setText(el.status, text);
  }

  function buildRows(items, signature) {
    if (signature === rowsFor) return;
    rowsFor = signature;
    rows = new Map();
    el.items.replaceChildren(...items.map((item) => {
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
      rows.set(item.id, row);
      return row.li;
    }));
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

  function renderRevealed(state, vote) {
    el.panel.dataset.state = "revealed";
    setText(el.heading, t("phone.vote.result_heading"));
    setText(el.help, tn("phone.vote.voters", vote.voters || 0));
    el.voters.hidden = true;
    setText(el.left, "");
    el.items.hidden = true;
    el.send.hidden = true;
    rowsFor = "";
    el.results.hidden = false;
    const mine = ballot && ballot.step === state.step && ballot.round === vote.round ? ballot.sent : {};
    setText(el.status, "");
    el.status.dataset.state = "revealed";
    const ranking = voteRanking(state, vote);
    const signature = JSON.stringify([ranking, mine]);
    if (signature === revealedFor) return;
    revealedFor = signature;
    const top = Math.max(1, ...ranking.map((r) => r.dots));
    el.results.replaceChildren(...ranking.map((r) => {
      const fill = h("span", { class: "bar-fill" });
      fill.style.setProperty("--share", String(r.dots / top));
      return h("li", { class: "bar-row", "data-testid": "phone-result-bar", "data-item-id": r.id,
                       "data-dots": r.dots },
        h("p", { class: "bar-label" }, r.label || t("phone.cluster_unnamed")),
        h("div", { class: "bar-line" },
          h("span", { class: "bar-track", "aria-hidden": "true" }, fill),
          h("span", { class: "bar-value" }, tn("phone.vote.dots", r.dots))),
        mine[r.id] ? h("p", { class: "bar-mine" }, tn("phone.vote.yours", mine[r.id])) : null);
    }));
  }

  return { render, onResult, resume };
}
