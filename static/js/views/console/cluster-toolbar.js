// The console's clustering toolbar, the keyboard's way to cluster: how many cards are
// ticked, "Make a cluster", "Move to", "Take out", "Split off", "Clear" and "Undo". Each
// button says whether it can be used now (aria-disabled, so it stays reachable), and is
// locked while the step's vote is open.
import { h, setOptions, setText } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { stepCards } from "../../selectors/cards.js";
import { clusterLabel } from "./cluster-box.js";
import { enable, guardedButton as button } from "./controls.js";

/** `moves` sends the commands (views/console/cluster-moves.js); `selected` the ticked ids. */
export function createClusterToolbar({ ctx, selected, moves, isLocked }) {
  const { store } = ctx;
  const count = h("p", { class: "selection-count", "aria-live": "polite", "data-testid": "selection-count" });
  const make = button(t("cluster.make"), "make-cluster", () => moves.makeFrom(ordered()), "button-primary");
  const moveTo = h("select", { class: "input input-small", id: "move-target", "data-testid": "move-target",
                               onchange: () => ctx.render() });
  const move = button(t("cluster.move"), "move-selected", () => {
    if (moveTo.value) moves.place(ordered(), moveTo.value);
  });
  const takeOut = button(t("cluster.take_out"), "take-out", () => moves.place(ordered(), "loose"));
  const split = button(t("cluster.split"), "split-off", () => moves.splitOff(ordered()));
  const clear = button(t("cluster.clear"), "clear-selection", () => {
    selected.clear();
    ctx.render();
  }, "button-quiet");
  const undo = button(t("cluster.undo"), "undo-clustering",
    () => moves.act("undo_clustering", {}, "cluster.undone"));
  const el = h("div", { class: "cluster-toolbar", role: "group", "aria-label": t("cluster.toolbar") },
    count, make,
    h("span", { class: "move-group" },
      h("label", { class: "visually-hidden", for: "move-target" }, t("cluster.move_target")), moveTo, move),
    takeOut, split, clear, h("span", { class: "toolbar-end" }, undo));

  /** The ticked cards in the board's order. */
  function ordered() {
    return stepCards(store.state).map((c) => c.id).filter((id) => selected.has(id));
  }

  function render(cards, clusters) {
    const locked = isLocked();
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

  return { el, render };
}
