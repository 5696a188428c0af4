// Where the evening is and what its step asks: the step, the techniques it runs, their
// options, the card kinds and themes it offers, and how the projector shows the way in.
// Pure functions of a board's state (docs/protocol.md); missing keys read as empty.

/** The step at `index` (default: the current one), or null. */
export function stepAt(state, index = state && state.step) {
  return (state && Array.isArray(state.steps) && state.steps[index]) || null;
}

/** Whether `step` uses a technique ("cards", "cluster", "vote", "matrix", "action_plan"…). */
export function uses(step, technique) {
  return Boolean(step && Array.isArray(step.techniques) && step.techniques.includes(technique));
}

/** Whether the step (default: current) of `state` runs `technique`. */
export function stepUses(state, technique, index) {
  return uses(stepAt(state, index), technique);
}

/** The options of one technique of `step`, `{}` when it has none. */
export function optionsOf(step, technique) {
  return (step && step.options && step.options[technique]) || {};
}

/** The card kinds a step offers: [{key, label: {nl, en}, color}]. */
export function kindsOf(step) {
  const kinds = optionsOf(step, "cards").kinds;
  return Array.isArray(kinds) ? kinds : [];
}

/** The card themes a step offers, as the format gives them. */
export function themesOf(step) {
  const themes = optionsOf(step, "cards").themes;
  return Array.isArray(themes) ? themes : [];
}

/** Card themes of a step as [{key, label: {nl, en}}], a bare key read as its own label
 * (the phone's picker needs a key and a label for each). */
export function stepThemes(step) {
  return themesOf(step).map((theme) => (typeof theme === "string" ? { key: theme, label: theme } : theme));
}

/** The kind `{key, label, color}` with `key` in `step`, or null (also for no key). */
export function kindOf(step, key) {
  return key ? kindsOf(step).find((k) => k.key === key) || null : null;
}

/** The theme `{key, label}` with `key` in `step`, or null. */
export function findTheme(step, key) {
  return themesOf(step).find((k) => k.key === key) || null;
}

/** Themes for a trend: those of its own step, else of any step that has them. */
export function themesNear(state, result) {
  const own = stepAt(state, result.step);
  const all = [own, ...state.steps].filter(Boolean);
  for (const step of all) {
    const themes = step.options && step.options.cards && step.options.cards.themes;
    if (Array.isArray(themes) && themes.length) return themes;
  }
  return [];
}

/** The longest card the current step allows. */
export function maxCardLength(state) {
  const cards = optionsOf(stepAt(state), "cards");
  return cards.max_length || 280;
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
