// Clustering on the console: drag cards onto clusters, onto "new cluster" or back out
// (views/console/cluster-drag.js), or do all of it by keyboard: arrow keys and one key on
// the card wall (views/console/cluster-keys.js), or tick cards, then the toolbar's "Make a
// cluster", "Move to", "Take out" or "Split off" (views/console/cluster-toolbar.js); all
// send through views/console/cluster-moves.js.
// Clusters are named inline and merged (views/console/cluster-box.js), and the last move
// can be undone. Locked while the step's vote is open (the item list stays fixed during a
// vote).
import { byId, h, setText, stableList } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { stepCards, stepClusters } from "../../selectors/cards.js";
import { optionsOf, stepAt, uses } from "../../selectors/steps.js";
import { ranking, stepVote, voteIsOpen } from "../../selectors/votes.js";
import { buildCard, patchCard } from "./card.js";
import { createClusterBoxes } from "./cluster-box.js";
import { enableDragging } from "./cluster-drag.js";
import { createClusterKeys } from "./cluster-keys.js";
import { createClusterMoves } from "./cluster-moves.js";
import { createClusterToolbar } from "./cluster-toolbar.js";

export function createCluster(ctx) {
  const { lang } = ctx;
  const board = byId("cluster-board");
  const selected = new Set();
  let focusAfter = null; // a card id: focus the name field of its (new) cluster
  let locked = false;
  const isLocked = () => locked;
  const moves = createClusterMoves({ ctx, selected, onMade: (cardId) => { focusAfter = cardId; } });
  const toolbar = createClusterToolbar({ ctx, selected, moves, isLocked });
  const keys = createClusterKeys({ ctx, board, selected, moves, isLocked, toggle });

  const lock = h("p", { class: "lock-note", "data-testid": "cluster-locked" });
  const looseList = h("ul", { class: "card-list cluster-cards", "data-testid": "unclustered-cards" });
  const looseTitle = h("h3", { id: "loose-heading" });
  const looseZone = h("section", { class: "zone zone-loose", "data-drop": "loose", "data-testid": "unclustered",
                                   "aria-labelledby": "loose-heading" }, looseTitle, looseList);
  const newZone = h("div", { class: "zone zone-new", "data-drop": "new", "data-testid": "new-cluster-drop" },
    h("p", {}, t("cluster.drop_new")));
  const grid = h("div", { class: "cluster-grid", "data-testid": "clusters" });
  const gridTitle = h("h3", { class: "cluster-grid-title" });
  const work = h("div", { class: "cluster-work" },
    toolbar.el, keys.hint, h("div", { class: "cluster-top" }, looseZone, newZone), gridTitle, grid);
  board.append(lock, work);
  const renderLoose = stableList(looseList);
  const renderClusters = stableList(grid);

  enableDragging(board, { selected, isLocked, place: moves.place });
  const boxes = createClusterBoxes({ ctx, act: moves.act, isLocked, afterName: keys.afterNaming });

  function render(state) {
    const step = stepAt(state);
    board.hidden = !uses(step, "cluster");
    if (board.hidden) return keys.hide();
    const hadFocus = keys.followFocus(); // a card with the keyboard may move to another list
    locked = voteIsOpen(state);
    board.dataset.locked = locked ? "true" : "false";
    setText(lock, locked ? t("cluster.locked") : "");
    const cards = stepCards(state);
    work.hidden = cards.length === 0; // nothing to cluster yet: the panel's hint says why
    const ids = new Set(cards.map((c) => c.id));
    for (const id of [...selected]) if (!ids.has(id)) selected.delete(id);
    const clusters = stepClusters(state);
    const vote = stepVote(state);
    const dots = new Map(ranking(vote).map((r) => [r.id, r.dots]));
    const cardOpts = (c) => ({ selectable: true, selected: selected.has(c.id), draggable: !locked,
                               onToggle: toggle, onHide, disabled: ctx.isBusy(`card:${c.id}`) || !ctx.online() });
    const patch = (node, c) => patchCard(node, c, state, lang, cardOpts(c));

    const loose = cards.filter((c) => !c.cluster);
    setText(looseTitle, tn("cluster.loose", loose.length));
    renderLoose(loose, (c) => c.id, buildCard, patch);
    const max = optionsOf(step, "cluster").max_clusters;
    setText(gridTitle, max ? t("cluster.count_max", { count: tn("cluster.count", clusters.length), max })
      : tn("cluster.count", clusters.length));
    renderClusters(clusters, (k) => k.id, boxes.build, (node, k) => boxes.patch(node, k, {
      state, clusters, patchCard: patch, dots: dots.has(k.id) ? dots.get(k.id) : null,
      cards: cards.filter((c) => c.cluster === k.id), number: clusters.indexOf(k) + 1 }));
    toolbar.render(cards, clusters);
    keys.render(cards, clusters, hadFocus);
    if (focusAfter) {
      const card = cards.find((c) => c.id === focusAfter);
      const node = card && card.cluster && grid.querySelector(`[data-cluster-id="${card.cluster}"]`);
      if (node) {
        focusAfter = null;
        boxes.focusName(node);
      }
    }
  }

  function toggle(card, on) {
    if (on) selected.add(card.id); else selected.delete(card.id);
    ctx.render();
  }

  function onHide(card) {
    ctx.run(card.hidden ? "unhide_card" : "hide_card", { card_id: card.id }, `card:${card.id}`);
  }

  return { render };
}
