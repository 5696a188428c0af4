// Shared reads of the planning state (clusters, votes, results, plans) and a few small
// builders every screen can use. Pure functions of `state` unless they say otherwise;
// the shapes are the ones in docs/protocol.md, "The planning techniques".
import { h } from "./dom.js";
import { pick } from "./i18n.js";

/** The eight palette colours a format may give a card kind (format_options.COLORS). */
export const KIND_COLORS = ["red", "green", "blue", "yellow", "orange", "purple", "teal", "grey"];
export const RESULT_TYPES = ["trend", "challenge", "vision_element", "force", "strategy"];

/** The step at `index` (default: the current one), or null. */
export function stepAt(state, index = state && state.step) {
  return (state && Array.isArray(state.steps) && state.steps[index]) || null;
}

/** Whether `step` uses a technique ("cards", "cluster", "vote", "matrix", "action_plan"…). */
export function uses(step, technique) {
  return Boolean(step && Array.isArray(step.techniques) && step.techniques.includes(technique));
}

/** The options of one technique of `step`, `{}` when it has none. */
export function optionsOf(step, technique) {
  return (step && step.options && step.options[technique]) || {};
}

export function kindsOf(step) {
  const kinds = optionsOf(step, "cards").kinds;
  return Array.isArray(kinds) ? kinds : [];
}

export function themesOf(step) {
  const themes = optionsOf(step, "cards").themes;
  return Array.isArray(themes) ? themes : [];
}

export function findKind(step, key) {
  return kindsOf(step).find((k) => k.key === key) || null;
}

export function findTheme(step, key) {
  return themesOf(step).find((k) => k.key === key) || null;
}

/** A kind as colour AND words: a swatch (decoration) and the kind's label. */
export function kindBadge(kind, lang) {
  const color = KIND_COLORS.includes(kind.color) ? kind.color : "grey";
  return h("span", { class: "kind-badge", "data-color": color, "data-kind": kind.key },
    h("span", { class: "kind-swatch", "aria-hidden": "true" }), pick(kind.label, lang));
}

// --- cards and clusters ------------------------------------------------------------

export function cardsOfStep(state, step = state.step) {
  return (state.cards || []).filter((c) => c.step === step);
}

export function clustersOfStep(state, step = state.step) {
  return (state.clusters || []).filter((k) => k.step === step);
}

export function cardsInCluster(state, clusterId) {
  return (state.cards || []).filter((c) => c.cluster === clusterId);
}

export function clusterById(state, id) {
  return (state.clusters || []).find((k) => k.id === id) || null;
}

export function cardById(state, id) {
  return (state.cards || []).find((c) => c.id === id) || null;
}

/** A cluster's name, or null when it has none yet. */
export function clusterName(cluster) {
  const name = cluster && typeof cluster.name === "string" ? cluster.name.trim() : "";
  return name || null;
}

// --- votes -------------------------------------------------------------------------

/** The vote of a step ({round, open, revealed, items, budget, …}) or null. */
export function voteOf(state, step = state.step) {
  return (state.votes && state.votes[String(step)]) || null;
}

/** Whether clustering of the step is locked because its vote is open. */
export function voteIsOpen(state, step = state.step) {
  const vote = voteOf(state, step);
  return Boolean(vote && vote.open);
}

/** How many have voted: the newest volatile `tally` when it is about this round. */
export function votersNow(vote, tally, step) {
  if (!vote) return 0;
  if (tally && tally.step === step && tally.round === vote.round) return tally.voters;
  return vote.voters || 0;
}

/** What a vote item is called: the cluster's name or the card's text. */
export function itemLabel(state, id, unnamed) {
  const cluster = clusterById(state, id);
  if (cluster) return clusterName(cluster) || unnamed;
  const card = cardById(state, id);
  return card ? card.text : id;
}

/** Revealed votes, most dots first: [{id, dots}]. Empty while the vote is hidden. */
export function ranking(vote) {
  if (!vote || !vote.revealed || !vote.tallies) return [];
  const items = Array.isArray(vote.items) ? vote.items : Object.keys(vote.tallies);
  return items.map((id, order) => ({ id, order, dots: Number(vote.tallies[id]) || 0 }))
    .sort((a, b) => b.dots - a.dots || a.order - b.order);
}

// --- results -----------------------------------------------------------------------

export function resultById(state, id) {
  return (state.results || []).find((r) => r.id === id) || null;
}

/** Results filtered by `type` and/or `step`, in the order the server keeps them. */
export function resultsWhere(state, { type, step } = {}) {
  return (state.results || []).filter((r) =>
    (type === undefined || r.type === type) && (step === undefined || r.step === step));
}

/** The result a cluster became, or null. */
export function resultOfCluster(state, clusterId) {
  return (state.results || []).find((r) => r.cluster_id === clusterId) || null;
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

// --- plans -------------------------------------------------------------------------

/** The value of one `{value, v}` field of a plan or action. */
export function fieldValue(item, name) {
  const field = item && item.fields && item.fields[name];
  return field ? field.value : undefined;
}

export function planOfSource(state, sourceId) {
  return (state.plans || []).find((p) => p.source_id === sourceId) || null;
}

/** A plan's actions in the plan's own order. */
export function planActions(state, plan) {
  const byId = new Map((state.actions || []).map((a) => [a.id, a]));
  return (plan.action_ids || []).map((id) => byId.get(id)).filter(Boolean);
}

/**
 * The derived time line and budget of a plan: actions by date, first start, last due,
 * hours and euros added up (euros in cents to stay exact).
 */
export function planTotals(actions) {
  let hours = 0;
  let cents = 0;
  const dates = [];
  for (const action of actions) {
    const h_ = fieldValue(action, "hours");
    const e = fieldValue(action, "euros");
    if (typeof h_ === "number") hours += h_;
    if (typeof e === "number") cents += Math.round(e * 100);
    for (const name of ["start", "due"]) {
      const d = fieldValue(action, name);
      if (d) dates.push(d);
    }
  }
  dates.sort();
  const timeline = actions
    .map((a) => ({ action: a, when: fieldValue(a, "start") || fieldValue(a, "due") || "" }))
    .sort((a, b) => (a.when || "9999").localeCompare(b.when || "9999"))
    .map((x) => x.action);
  return { hours, euros: cents / 100, first: dates[0] || null, last: dates[dates.length - 1] || null,
           timeline };
}

export function formatDate(iso, lang) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat(lang, { day: "numeric", month: "long", year: "numeric" })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatEuros(amount, lang) {
  return new Intl.NumberFormat(lang, { style: "currency", currency: "EUR" }).format(amount || 0);
}

// --- rendering helper --------------------------------------------------------------

/**
 * A list whose elements are built once per key and then only patched, so a control
 * someone is typing in keeps its focus and text while the rest of the board changes.
 *   update(items, key(item), build(item) -> element, patch(element, item))
 */
export function stableList(container) {
  let cache = new Map();
  return function update(items, key, build, patch) {
    const next = new Map();
    const els = items.map((item) => {
      const k = key(item);
      const el = cache.get(k) || build(item);
      if (patch) patch(el, item);
      next.set(k, el);
      return el;
    });
    for (const [k, el] of cache) {
      if (!next.has(k) && el.parentNode === container) el.remove();
    }
    els.forEach((el, i) => {
      if (container.children[i] !== el) container.insertBefore(el, container.children[i] || null);
    });
    while (container.children.length > els.length) container.lastElementChild.remove();
    cache = next;
  };
}

/** Fill a <select> with [{value, label}] unless it has focus (an open list stays put). */
export function setOptions(select, options, value) {
  const wanted = JSON.stringify(options);
  if (select.dataset.options !== wanted && document.activeElement !== select) {
    select.replaceChildren(...options.map((o) => h("option", { value: o.value }, o.label)));
    select.dataset.options = wanted;
  }
  if (value !== undefined && document.activeElement !== select && !select.dataset.pending) {
    const v = value === null ? "" : String(value);
    if (select.value !== v) select.value = v;
  }
}
