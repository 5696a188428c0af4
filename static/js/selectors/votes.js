// A step's dot vote as the screens show it: the vote itself, who voted so far (a count,
// never for what), what is on the ballot, and the revealed ranking. Pure functions; a
// snapshot from before votes existed reads as having none.
import { cardById, clusterById, clusterName, stepClusters, stepCards } from "./cards.js";

const list = (value) => (Array.isArray(value) ? value : []);

/** The vote of a step (default: current): {round, open, revealed, items, budget…}, or null. */
export function stepVote(state, index) {
  if (!state) return null;
  const step = index === undefined ? state.step : index;
  return (state.votes && state.votes[String(step)]) || null;
}

/** Whether the step's vote is open (clustering is locked and card input closed meanwhile). */
export function voteIsOpen(state, index) {
  const vote = stepVote(state, index);
  return Boolean(vote && vote.open);
}

/**
 * How many have voted: the volatile `tally` when it is about this round and not older
 * than the snapshot's vote (by `cast`, the ballots accepted so far), else the vote's own.
 */
export function votersNow(vote, tally, step) {
  if (!vote) return 0;
  if (tally && tally.step === step && tally.round === vote.round &&
      (tally.cast || 0) >= (vote.cast || 0)) return tally.voters;
  return vote.voters || 0;
}

/** What a new vote would be about: the clusters, or the visible cards when there are none. */
export function nextVoteItems(state) {
  const clusters = stepClusters(state);
  return clusters.length ? clusters : stepCards(state).filter((c) => !c.hidden);
}

/** What a vote item is called: the cluster's name (`unnamed` without one) or the card's text. */
export function itemLabel(state, id, unnamed) {
  const cluster = clusterById(state, id);
  if (cluster) return clusterName(cluster) || unnamed;
  const card = cardById(state, id);
  return card ? card.text : id;
}

/** Revealed votes, most dots first: [{id, order, dots}]. Empty while the vote is hidden. */
export function ranking(vote) {
  if (!vote || !vote.revealed || !vote.tallies) return [];
  const items = Array.isArray(vote.items) ? vote.items : Object.keys(vote.tallies);
  return items.map((id, order) => ({ id, order, dots: Number(vote.tallies[id]) || 0 }))
    .sort((a, b) => b.dots - a.dots || a.order - b.order);
}

function itemOf(state, id) {
  const cluster = clusterById(state, id);
  if (cluster) return { id, label: cluster.name || "", type: "cluster" };
  const card = cardById(state, id);
  return { id, label: card ? card.text : "", type: "card" };
}

/** What people vote on: [{id, label, type: "cluster" | "card"}]; "" for a gone item. */
export function voteItems(state, vote) {
  return list(vote && vote.items).map((id) => itemOf(state, id));
}

/** Revealed results, most dots first: [{id, label, type, dots}], or [] before reveal. */
export function voteRanking(state, vote) {
  return ranking(vote).map((r) => ({ ...itemOf(state, r.id), dots: r.dots }));
}

/** How many dots a ballot `{item: dots}` spends. */
export function ballotTotal(ballot) {
  return Object.values(ballot || {}).reduce((sum, n) => sum + (Number(n) || 0), 0);
}
