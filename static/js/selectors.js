// Read-only questions the phone and the projector ask of a board's state, built on the
// shared helpers in planning.js (re-exported here under the names these views use, so
// nothing is written twice). Pure functions; missing keys (older snapshots) read as empty.
import {
  cardById, cardsInCluster, clusterById, clustersOfStep, fieldValue, findKind, formatDate,
  formatEuros, kindsOf, optionsOf, planActions, planTotals as addUp, quadrantOf, ranking,
  resultById, stepAt, themesOf, uses, voteOf,
} from "./planning.js";

export {
  cardById, clusterById, fieldValue, formatDate, formatEuros, planActions, quadrantOf,
  resultById, stepAt,
};
// a review of the group's plans (the copy in `state.reviews`)
export { reviewGroups, workspaceReview } from "./review.js";

const list = (value) => (Array.isArray(value) ? value : []);

/** Whether the step (default: current) runs `technique` ("cluster", "vote", "matrix"…). */
export function stepUses(state, technique, index) {
  return uses(stepAt(state, index), technique);
}

export const stepOptions = optionsOf;
export const stepKinds = kindsOf;

/** Card themes of a step: [{key, label: {nl, en}}] (a bare key is tolerated). */
export function stepThemes(step) {
  return themesOf(step).map((theme) => (typeof theme === "string" ? { key: theme, label: theme } : theme));
}

/** The kind `{key, label, color}` with `key` in `step`, or null. */
export function kindOf(step, key) {
  return key ? findKind(step, key) : null;
}

/** Clusters of a step (default: current), in the server's order. */
export function stepClusters(state, index) {
  return state ? clustersOfStep(state, index === undefined ? state.step : index) : [];
}

/** The cards in a cluster, oldest first. */
export function clusterCards(state, clusterId) {
  return state ? cardsInCluster(state, clusterId) : [];
}

/** Cards of a step (default: current) that are in no cluster (yet). */
export function looseCards(state, index) {
  const step = index === undefined ? state && state.step : index;
  return list(state && state.cards).filter((c) => c.step === step && !c.cluster);
}

/** The vote of a step (default: current): {round, open, revealed, items…}, or null. */
export function stepVote(state, index) {
  return state ? voteOf(state, index === undefined ? state.step : index) : null;
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

/** Results of one type ("trend", "challenge", "vision_element", "force", "strategy"). */
export function resultsByType(state, type) {
  return list(state && state.results).filter((r) => r.type === type);
}

/** Results promoted by steps before the current one, grouped by step, newest step first. */
export function earlierResults(state) {
  const current = state ? state.step : 0;
  const groups = new Map();
  for (const result of list(state && state.results)) {
    if (!(result.step < current)) continue;
    if (!groups.has(result.step)) groups.set(result.step, []);
    groups.get(result.step).push(result);
  }
  return Array.from(groups, ([step, results]) => ({ step, type: results[0].type, results }))
    .sort((a, b) => b.step - a.step);
}

/** The vision element the room is asked about now, or null. */
export function focusResult(state) {
  return state && state.focus ? resultById(state, state.focus) : null;
}

/** The change counter `v` of a field (0 when the field was never set). */
export function fieldVersion(owner, name) {
  const field = owner && owner.fields && owner.fields[name];
  return field && typeof field.v === "number" ? field.v : 0;
}

export function planTitle(plan) {
  return fieldValue(plan, "title") || (plan && plan.title) || "";
}

export function planById(state, id) {
  return list(state && state.plans).find((p) => p.id === id) || null;
}

/**
 * What a plan adds up to, from its actions: {actions, hours, euros, start, due} with
 * `start` the earliest start and `due` the latest due date ("" when none).
 */
export function planTotals(state, plan) {
  const actions = plan ? planActions(state, plan) : [];
  const { hours, euros } = addUp(actions);
  const starts = actions.map((a) => fieldValue(a, "start")).filter(Boolean).sort();
  const dues = actions.map((a) => fieldValue(a, "due")).filter(Boolean).sort();
  return { actions: actions.length, hours, euros, start: starts[0] || "", due: dues[dues.length - 1] || "" };
}

/**
 * How large the projector shows the QR code and join code: the facilitator's choice, or
 * with "auto" large on the first step (people are coming in) and a corner after it.
 */
export function joinPanelSize(state) {
  const chosen = state && state.join_panel;
  if (chosen === "large" || chosen === "small") return chosen;
  return state && state.step > 0 ? "small" : "large";
}
