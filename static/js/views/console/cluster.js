// Clustering on the console: drag cards onto clusters, onto "new cluster" or back out,
// or do all of it by keyboard: tick cards, then "Make a cluster", "Move to", "Take out"
// or "Split off". Clusters are named inline, merged, and the last move can be undone.
// Locked while the step's vote is open (the item list stays fixed during a vote).
import { byId, h, setOptions, setText, stableList } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { stepCards, stepClusters } from "../../selectors/cards.js";
import { optionsOf, stepAt, uses } from "../../selectors/steps.js";
import { ranking, stepVote, voteIsOpen } from "../../selectors/votes.js";
import { buildCard, patchCard } from "./card.js";
import { clusterLabel, createClusterBoxes } from "./cluster-box.js";
import { enableDragging } from "./cluster-drag.js";
import { enable, guardedButton as button } from "./controls.js";

export function createCluster(ctx) {
  const { lang, store } = ctx;
  const board = byId("cluster-board");
  const selected = new Set();
  let focusAfter = null; // a card id: focus the name field of its (new) cluster
  let locked = false;

  const lock = h("p", { class: "lock-note", "data-testid": "cluster-locked" });
  const count = h("p", { class: "selection-count", "aria-live": "polite", "data-testid": "selection-count" });
  const make = button(t("cluster.make"), "make-cluster", makeCluster, "button-primary");
  const moveTo = h("select", { class: "input input-small", id: "move-target", "data-testid": "move-target",
                               onchange: () => ctx.render() });
  const move = button(t("cluster.move"), "move-selected", moveSelected);
  const takeOut = button(t("cluster.take_out"), "take-out", takeOutSelected);
  const split = button(t("cluster.split"), "split-off", splitOff);
  const clear = button(t("cluster.clear"), "clear-selection", () => {
    selected.clear();
    ctx.render();
  }, "button-quiet");
  const undo = button(t("cluster.undo"), "undo-clustering", () => act("undo_clustering", {}, "cluster.undone"));
  const looseList = h("ul", { class: "card-list cluster-cards", "data-testid": "unclustered-cards" });
  const looseTitle = h("h3", { id: "loose-heading" });
  const looseZone = h("section", { class: "zone zone-loose", "data-drop": "loose", "data-testid": "unclustered",
                                   "aria-labelledby": "loose-heading" }, looseTitle, looseList);
  const newZone = h("div", { class: "zone zone-new", "data-drop": "new", "data-testid": "new-cluster-drop" },
    h("p", {}, t("cluster.drop_new")));
  const grid = h("div", { class: "cluster-grid", "data-testid": "clusters" });
  const gridTitle = h("h3", { class: "cluster-grid-title" });
  const work = h("div", { class: "cluster-work" },
    h("div", { class: "cluster-toolbar", role: "group", "aria-label": t("cluster.toolbar") },
      count, make,
      h("span", { class: "move-group" },
        h("label", { class: "visually-hidden", for: "move-target" }, t("cluster.move_target")), moveTo, move),
      takeOut, split, clear, h("span", { class: "toolbar-end" }, undo)),
    h("div", { class: "cluster-top" }, looseZone, newZone), gridTitle, grid);
  board.append(lock, work);
  const renderLoose = stableList(looseList);
  const renderClusters = stableList(grid);

  enableDragging(board, { selected, isLocked: () => locked, place });
  const boxes = createClusterBoxes({ ctx, act, isLocked: () => locked });

  /** Send one clustering command in order; announce `done` when it worked. */
  async function act(name, args, done, params) {
    const ack = await ctx.serial(name, args);
    if (ack && ack.ok && done) ctx.announce(t(done, params));
    return ack;
  }

  function cardsOf(ids) {
    return ids.map((id) => store.state.cards.find((c) => c.id === id)).filter(Boolean);
  }

  /** Drop target "new", "loose" or a cluster id: the same commands the buttons send. */
  function place(ids, target) {
    if (target === "new") return makeFrom(ids);
    const to = target === "loose" ? null : target;
    const moving = cardsOf(ids).filter((c) => (c.cluster || null) !== to);
    moving.forEach((c) => act("move_card", { card_id: c.id, cluster_id: to }));
    selected.clear();
    if (moving.length) ctx.announce(tn(to ? "cluster.moved" : "cluster.taken_out", moving.length));
    ctx.render();
  }

  async function makeFrom(ids) {
    const ack = await act("create_cluster", { card_ids: ids });
    if (ack && ack.ok) {
      ctx.announce(tn("cluster.made", ids.length));
      selected.clear();
      focusAfter = ids[0];
      ctx.render();
    }
  }

  function ordered() {
    return stepCards(store.state).map((c) => c.id).filter((id) => selected.has(id));
  }

  function makeCluster() { makeFrom(ordered()); }
  function moveSelected() { if (moveTo.value) place(ordered(), moveTo.value); }
  function takeOutSelected() { place(ordered(), "loose"); }

  async function splitOff() {
    const ids = ordered();
    const from = cardsOf(ids)[0].cluster;
    const ack = await act("split_cluster", { cluster_id: from, card_ids: ids });
    if (ack && ack.ok) {
      ctx.announce(tn("cluster.split_done", ids.length));
      selected.clear();
      focusAfter = ids[0];
      ctx.render();
    }
  }

  function render(state) {
    const step = stepAt(state);
    board.hidden = !uses(step, "cluster");
    if (board.hidden) return;
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
      cards: cards.filter((c) => c.cluster === k.id) }));
    renderToolbar(cards, clusters);
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

  function renderToolbar(cards, clusters) {
    const chosen = cards.filter((c) => selected.has(c.id));
    setText(count, tn("cluster.selected", chosen.length));
    const sizes = new Map(clusters.map((k) => [k.id, cards.filter((c) => c.cluster === k.id).length]));
    setOptions(moveTo, [{ value: "", label: t("cluster.move_choose") },
      ...clusters.map((k) => ({ value: k.id, label: clusterLabel(k, sizes.get(k.id)) }))]);
    const from = new Set(chosen.map((c) => c.cluster || ""));
    const one = from.size === 1 && !from.has("") ? [...from][0] : null;
    enable(make, !locked && chosen.length > 0);
    enable(move, !locked && chosen.length > 0 && Boolean(moveTo.value));
    enable(takeOut, !locked && chosen.some((c) => c.cluster));
    enable(split, !locked && Boolean(one) && chosen.length < sizes.get(one));
    enable(clear, chosen.length > 0);
    enable(undo, !locked);
  }

  return { render };
}
