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

export function createMatrix(ctx) {
  const { store } = ctx;
  const panel = byId("matrix-panel");
  const body = byId("matrix-body");
  const pick = h("select", { class: "input", id: "matrix-pick", "data-testid": "matrix-pick" });
  const cells = new Map(); // "impact:effort" -> button
  const grid = h("div", { class: "mx-grid", role: "group", "aria-label": t("matrix.grid_label"),
                          "data-testid": "matrix-grid" });
  for (const impact of LEVELS.slice().reverse()) {
    grid.append(h("span", { class: "mx-tick", "aria-hidden": "true" }, String(impact)));
    for (const effort of LEVELS) {
      const corner = CORNERS[`${impact}:${effort}`];
      const cell = h("button", { type: "button", class: "mx-cell", tabindex: "-1", "data-testid": "matrix-cell",
                                 "data-impact": impact, "data-effort": effort,
                                 "data-quadrant": quadrantOf(impact, effort),
                                 onclick: () => placePicked(impact, effort) },
        corner ? h("span", { class: "mx-corner", "aria-hidden": "true" }, t(`quadrant.${corner}`)) : null,
        h("span", { class: "mx-chips", "aria-hidden": "true" }));
      cells.set(`${impact}:${effort}`, cell);
      grid.append(cell);
    }
  }
  grid.append(h("span", {}), ...LEVELS.map((e) => h("span", { class: "mx-tick", "aria-hidden": "true" }, String(e))));
  grid.addEventListener("keydown", moveFocus);
  const rows = h("ul", { class: "mx-rows", "data-testid": "matrix-rows" });
  body.append(h("p", { class: "hint" }, t("matrix.hint")),
    h("div", { class: "mx-layout" },
      h("div", { class: "mx-board" },
        h("label", { class: "label", for: "matrix-pick" }, t("matrix.pick")), pick,
        h("p", { class: "mx-axis mx-axis-y" }, t("matrix.axis_impact")),
        grid,
        h("p", { class: "mx-axis mx-axis-x" }, t("matrix.axis_effort"))),
      rows));
  const renderRows = stableList(rows);
  const matrixRows = createMatrixRows(ctx, { place, name });
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
    setOptions(pick, clusters.map((k) => ({ value: k.id, label: name(state, k) })), picked || "");
    for (const [key, cell] of cells) {
      const [impact, effort] = key.split(":").map(Number);
      const here = clusters.filter((k) => k.impact === impact && k.effort === effort);
      const chips = cell.querySelector(".mx-chips");
      const sig = JSON.stringify(here.map((k) => [k.id, name(state, k)]));
      if (chips.dataset.sig !== sig) {
        chips.dataset.sig = sig;
        chips.replaceChildren(...here.map((k) => h("span", { class: "mx-chip", "data-cluster-id": k.id },
          name(state, k))));
      }
      setAttr(cell, "aria-label", cellLabel(state, impact, effort, here));
      setAttr(cell, "tabindex", key === active ? "0" : "-1");
      cell.disabled = !picked;
    }
    const equity = optionsOf(step, "matrix").equity_question !== false;
    renderRows(clusters, (k) => k.id, (k) => matrixRows.build(k), (node, k) => matrixRows.patch(node, k, state, equity));
  }

  function name(state, k) {
    return clusterName(k) || tn("cluster.unnamed", clusterCards(state, k.id).length);
  }

  function cellLabel(state, impact, effort, here) {
    const q = quadrantOf(impact, effort);
    const where = t("matrix.cell", { impact, effort, quadrant: t(`quadrant.${q}`) });
    return here.length ? `${where}: ${here.map((k) => name(state, k)).join(", ")}` : where;
  }

  function moveFocus(e) {
    const cell = e.target.closest(".mx-cell");
    const delta = { ArrowUp: [1, 0], ArrowDown: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[e.key];
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
      ctx.announce(t("matrix.placed", { name: name(store.state, k), impact, effort,
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
