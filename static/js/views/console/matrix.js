// The impact × effort matrix on the console: place each cluster of the step by clicking
// a cell (or arrow keys + Enter on the grid, or two selects per cluster), with the four
// quadrants named, and the equity question per cluster: does it help those with the
// least voice? (yes / no / don't know, and a short note), asked per cluster in its row
// (views/console/matrix-rows.js).
import { byId, h, setAttr, setOptions, stableList } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { clusterCards, clusterName, stepClusters } from "../../selectors/cards.js";
import { quadrantOf } from "../../selectors/results.js";
import { optionsOf, stepAt, uses } from "../../selectors/steps.js";
import { createMatrixRows, LEVELS } from "./matrix-rows.js";

const CORNERS = { "5:1": "quick_wins", "5:5": "major_projects", "1:1": "fill_ins", "1:5": "time_sinks" };
const ARROWS = { ArrowUp: [1, 0], ArrowDown: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

export function createMatrix(ctx) {
  const { store } = ctx;
  const panel = byId("matrix-panel");
  const pick = h("select", { class: "input", id: "matrix-pick", "data-testid": "matrix-pick" });
  const { grid, cells } = buildGrid((impact, effort) => placePicked(impact, effort));
  grid.addEventListener("keydown", moveFocus);
  const rows = h("ul", { class: "mx-rows", "data-testid": "matrix-rows" });
  byId("matrix-body").append(...buildBoard(pick, grid, rows));
  const renderRows = stableList(rows);
  const matrixRows = createMatrixRows(ctx, { place, name: nameIn });
  let picked = null;
  let active = "3:3"; // the one grid cell in the tab order

  function render(state) {
    const step = stepAt(state);
    panel.hidden = !uses(step, "matrix");
    if (panel.hidden) return;
    const clusters = stepClusters(state);
    if (!clusters.some((k) => k.id === picked)) {
      const next = clusters.find((k) => !k.impact) || clusters[0];
      picked = next ? next.id : null;
    }
    setOptions(pick, clusters.map((k) => ({ value: k.id, label: nameIn(state, k) })), picked || "");
    drawCells(cells, clusters, (k) => nameIn(state, k), { active, enabled: Boolean(picked) });
    const equity = optionsOf(step, "matrix").equity_question !== false;
    renderRows(clusters, (k) => k.id, (k) => matrixRows.build(k), (node, k) => matrixRows.patch(node, k, state, equity));
  }

  function moveFocus(e) {
    const cell = e.target.closest(".mx-cell");
    const delta = ARROWS[e.key];
    if (!cell || !delta) return;
    e.preventDefault();
    const impact = Math.min(5, Math.max(1, Number(cell.dataset.impact) + delta[0]));
    const effort = Math.min(5, Math.max(1, Number(cell.dataset.effort) + delta[1]));
    active = `${impact}:${effort}`;
    for (const [key, c] of cells) setAttr(c, "tabindex", key === active ? "0" : "-1");
    cells.get(active).focus();
  }

  pick.addEventListener("change", () => {
    picked = pick.value || null;
    const k = store.state.clusters.find((c) => c.id === picked);
    if (k && k.impact && k.effort) active = `${k.impact}:${k.effort}`;
    ctx.render();
  });

  async function place(k, impact, effort) {
    const ack = await ctx.serial("place_on_matrix", { cluster_id: k.id, impact, effort }, "matrix");
    if (ack && ack.ok) {
      ctx.announce(t("matrix.placed", { name: nameIn(store.state, k), impact, effort,
                                        quadrant: t(`quadrant.${quadrantOf(impact, effort)}`) }));
    }
    return ack;
  }

  async function placePicked(impact, effort) {
    const k = store.state.clusters.find((c) => c.id === picked);
    if (!k) return;
    active = `${impact}:${effort}`;
    const ack = await place(k, impact, effort);
    if (ack && ack.ok) {
      const next = stepClusters(store.state).find((c) => !c.impact && c.id !== k.id);
      if (next) picked = next.id; // on to the next cluster nobody placed yet
      ctx.render();
    }
  }

  return { render };
}

/** How the matrix calls cluster `k`: its name, or "Unnamed (n cards)". */
function nameIn(state, k) {
  return clusterName(k) || tn("cluster.unnamed", clusterCards(state, k.id).length);
}

/** The 5 × 5 grid of cells, impact upwards and effort to the right, the corners named;
 * `onCell(impact, effort)` hears a click. Returns the grid and its cells by "impact:effort". */
function buildGrid(onCell) {
  const cells = new Map();
  const grid = h("div", { class: "mx-grid", role: "group", "aria-label": t("matrix.grid_label"),
                          "data-testid": "matrix-grid" });
  for (const impact of LEVELS.slice().reverse()) {
    grid.append(h("span", { class: "mx-tick", "aria-hidden": "true" }, String(impact)));
    for (const effort of LEVELS) {
      const corner = CORNERS[`${impact}:${effort}`];
      const cell = h("button", { type: "button", class: "mx-cell", tabindex: "-1", "data-testid": "matrix-cell",
                                 "data-impact": impact, "data-effort": effort,
                                 "data-quadrant": quadrantOf(impact, effort),
                                 onclick: () => onCell(impact, effort) },
        corner ? h("span", { class: "mx-corner", "aria-hidden": "true" }, t(`quadrant.${corner}`)) : null,
        h("span", { class: "mx-chips", "aria-hidden": "true" }));
      cells.set(`${impact}:${effort}`, cell);
      grid.append(cell);
    }
  }
  grid.append(h("span", {}), ...LEVELS.map((e) => h("span", { class: "mx-tick", "aria-hidden": "true" }, String(e))));
  return { grid, cells };
}

/** The matrix panel's body: the hint, the cluster to place, the grid with its axes, the rows. */
function buildBoard(pick, grid, rows) {
  return [h("p", { class: "hint" }, t("matrix.hint")),
    h("div", { class: "mx-layout" },
      h("div", { class: "mx-board" },
        h("label", { class: "label", for: "matrix-pick" }, t("matrix.pick")), pick,
        h("p", { class: "mx-axis mx-axis-y" }, t("matrix.axis_impact")),
        grid,
        h("p", { class: "mx-axis mx-axis-x" }, t("matrix.axis_effort"))),
      rows)];
}

/** Each cell shows the clusters placed on it (named by `nameOf`) and says them in its label;
 * only the `active` cell is in the tab order; cells work once a cluster is picked. */
function drawCells(cells, clusters, nameOf, { active, enabled }) {
  for (const [key, cell] of cells) {
    const [impact, effort] = key.split(":").map(Number);
    const here = clusters.filter((k) => k.impact === impact && k.effort === effort);
    const chips = cell.querySelector(".mx-chips");
    const sig = JSON.stringify(here.map((k) => [k.id, nameOf(k)]));
    if (chips.dataset.sig !== sig) {
      chips.dataset.sig = sig;
      chips.replaceChildren(...here.map((k) => h("span", { class: "mx-chip", "data-cluster-id": k.id },
        nameOf(k))));
    }
    const where = t("matrix.cell", { impact, effort, quadrant: t(`quadrant.${quadrantOf(impact, effort)}`) });
    setAttr(cell, "aria-label", here.length ? `${where}: ${here.map(nameOf).join(", ")}` : where);
    setAttr(cell, "tabindex", key === active ? "0" : "-1");
    cell.disabled = !enabled;
  }
}
