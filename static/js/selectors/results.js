// What the steps promoted: trends, challenges, vision elements, forces and strategies,
// the one the room is asked about now, and where the matrix put a cluster. Pure functions
// of a board's state; a snapshot without results reads as having none.

/** The types of result a step may promote, in the order the console groups them. */
export const RESULT_TYPES = ["trend", "challenge", "vision_element", "force", "strategy"];

const list = (value) => (Array.isArray(value) ? value : []);

export function resultById(state, id) {
  return list(state && state.results).find((r) => r.id === id) || null;
}

/** Results filtered by `type` and/or `step`, in the order the server keeps them. */
export function resultsWhere(state, { type, step } = {}) {
  return list(state && state.results).filter((r) =>
    (type === undefined || r.type === type) && (step === undefined || r.step === step));
}

/** Results of one type ("trend", "challenge", "vision_element", "force", "strategy"). */
export function resultsByType(state, type) {
  return resultsWhere(state, { type });
}

/** The result a cluster became, or null. */
export function resultOfCluster(state, clusterId) {
  return list(state && state.results).find((r) => r.cluster_id === clusterId) || null;
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

/**
 * Where impact × effort puts a cluster: "quick_wins" (much impact, little effort),
 * "major_projects", "fill_ins", "time_sinks"; "middle" on the centre line (3); null unplaced.
 */
export function quadrantOf(impact, effort) {
  if (!impact || !effort) return null;
  if (impact === 3 || effort === 3) return "middle";
  if (impact > 3) return effort < 3 ? "quick_wins" : "major_projects";
  return effort < 3 ? "fill_ins" : "time_sinks";
}
