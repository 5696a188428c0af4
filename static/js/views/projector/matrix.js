// The impact/effort matrix on the projector: a 2×2 picture (quick wins, major projects,
// fill-ins, time sinks) with each cluster's name in its quadrant, strongest first, and
// its two scores in words. Clusters on a dividing line (a 3) are listed beneath; so are
// the ones not placed yet. Quadrants are named in words, never by colour alone.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";
import { stepClusters } from "../../selectors/cards.js";
import { quadrantOf } from "../../selectors/results.js";

// reading order of the picture: top row much effect, left column little effort
const QUADRANTS = ["quick_wins", "major_projects", "fill_ins", "time_sinks"];

const placed = (k) => typeof k.impact === "number" && typeof k.effort === "number";
const strongest = (a, b) => b.impact - a.impact || a.effort - b.effort;

export function createProjectorMatrix({ root }) {
  let shownFor = "";

  /** Show the step's matrix when at least one cluster is placed; false otherwise. */
  function show(state) {
    const clusters = stepClusters(state);
    if (!clusters.some(placed)) return false;
    const signature = JSON.stringify(clusters.map((k) => [k.id, k.name, k.impact, k.effort,
      Boolean(k.equity && k.equity.helps_least_heard)]));
    if (signature !== shownFor) {
      shownFor = signature;
      build(clusters);
    }
    return true;
  }

  function chip(k) {
    const equity = k.equity && k.equity.helps_least_heard;
    return h("li", { class: "matrix-chip", "data-testid": "projector-matrix-item", "data-cluster-id": k.id,
                     "data-impact": k.impact, "data-effort": k.effort },
      h("span", { class: "matrix-chip-name" }, k.name || t("projector.unnamed")),
      h("span", { class: "matrix-chip-scores" },
        t("projector.matrix.scores", { impact: k.impact, effort: k.effort })),
      equity ? h("span", { class: "matrix-equity" }, t("projector.matrix.equity")) : null);
  }

  function build(clusters) {
    const on = clusters.filter(placed).sort(strongest);
    const quads = QUADRANTS.map((q) => h("section", { class: "matrix-quad", "data-quadrant": q,
                                                      "data-testid": "projector-matrix-quadrant" },
      h("h2", { class: "matrix-quad-name" }, t(`projector.matrix.${q}`)),
      h("ul", { class: "matrix-chips" }, on.filter((k) => quadrantOf(k.impact, k.effort) === q).map(chip))));
    const middle = on.filter((k) => quadrantOf(k.impact, k.effort) === "middle");
    const rest = clusters.filter((k) => !placed(k));
    root.replaceChildren(...[
      h("div", { class: "matrix-board", "data-testid": "projector-matrix-grid", role: "group",
                  "aria-label": t("projector.matrix.label") },
        h("p", { class: "matrix-axis matrix-axis-y", "aria-hidden": "true" }, t("projector.matrix.impact")),
        h("div", { class: "matrix-quads" }, quads),
        h("p", { class: "matrix-axis matrix-axis-x", "aria-hidden": "true" }, t("projector.matrix.effort"))),
      middle.length ? h("div", { class: "matrix-line", "data-testid": "matrix-middle" },
        h("h2", { class: "matrix-quad-name" }, t("projector.matrix.middle")),
        h("ul", { class: "matrix-chips" }, middle.map(chip))) : null,
      rest.length ? h("p", { class: "matrix-rest", "data-testid": "matrix-unplaced" },
        t("projector.matrix.unplaced", { names: rest.map((k) => k.name || t("projector.unnamed")).join(" · ") }))
        : null,
    ].filter(Boolean));
  }

  /**
   * Step the chips' type down until every quadrant shows all of its chips (the panel must
   * be visible): a full "quick wins" never cuts a card off. The last level drops the
   * scores in words, which the console still shows.
   */
  function fit() {
    const quads = root.querySelector(".matrix-quads");
    const over = (box) => Boolean(box) && box.scrollHeight > box.clientHeight + 2;
    for (const level of FIT_LEVELS) {
      root.dataset.density = level;
      if (!over(root) && !over(quads) && ![...root.querySelectorAll(".matrix-quad")].some(over)) return;
    }
  }

  return { show, fit };
}

const FIT_LEVELS = ["low", "medium", "high", "max", "names"];
