// The cards of a board and the clusters they were put in, as the screens list them.
// Pure functions of a board's state; a missing state or list reads as empty.

const list = (value) => (Array.isArray(value) ? value : []);

/** Cards of a step (default: current), in the order the server keeps them (oldest first). */
export function stepCards(state, index) {
  const step = index === undefined ? state && state.step : index;
  return list(state && state.cards).filter((c) => c.step === step);
}

/** Cards of a step (default: current) that are in no cluster (yet). */
export function looseCards(state, index) {
  return stepCards(state, index).filter((c) => !c.cluster);
}

export function cardById(state, id) {
  return list(state && state.cards).find((c) => c.id === id) || null;
}

/** Clusters of a step (default: current), in the server's order. */
export function stepClusters(state, index) {
  const step = index === undefined ? state && state.step : index;
  return list(state && state.clusters).filter((k) => k.step === step);
}

export function clusterById(state, id) {
  return list(state && state.clusters).find((k) => k.id === id) || null;
}

/** The cards in a cluster, oldest first. */
export function clusterCards(state, clusterId) {
  return list(state && state.cards).filter((c) => c.cluster === clusterId);
}

/** A cluster's name, or null when it has none yet. */
export function clusterName(cluster) {
  const name = cluster && typeof cluster.name === "string" ? cluster.name.trim() : "";
  return name || null;
}
