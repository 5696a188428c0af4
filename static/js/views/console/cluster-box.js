// One cluster on the console's clustering board: its name typed inline, its cards, how
// many dots it got and whether it was promoted, and "merge into". It owns what it sends
// (`rename_cluster`, `merge_clusters`) through the board's ordered lane (`act`); a name on
// its way is not overwritten by a live update. Read-only while a vote locks the board.
import { h, setAttr, setOptions, stableList } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { clusterName } from "../../selectors/cards.js";
import { resultOfCluster } from "../../selectors/results.js";
import { buildCard } from "./card.js";
import { enable, guardedButton } from "./controls.js";

/** A cluster's name, or "Unnamed (n cards)". */
export function clusterLabel(k, n) {
  return clusterName(k) || tn("cluster.unnamed", n);
}

/**
 * `act(name, args, done, params)` sends a clustering command in order and announces
 * `done`; `isLocked()` is true while the step's vote is open; `afterName()` hears Enter or
 * Escape in a name field (the card wall takes the keyboard back after naming a cluster it
 * made).
 */
export function createClusterBoxes({ ctx, act, isLocked, afterName = () => {} }) {
  const { store } = ctx;
  const refs = new WeakMap(); // cluster element -> its parts

  function build(k) {
    const nameId = `cluster-name-${k.id}`;
    const name = h("input", { class: "input cluster-name", id: nameId, type: "text", maxlength: 120,
                              "data-testid": "cluster-name", placeholder: t("cluster.name_placeholder") });
    const meta = h("p", { class: "cluster-meta" });
    const list = h("ul", { class: "card-list cluster-cards" });
    const mergeId = `merge-${k.id}`;
    const merge = h("select", { class: "input input-small", id: mergeId, "data-testid": "merge-target" });
    const node = h("div", { role: "group", class: "cluster zone", "data-cluster-id": k.id, "data-drop": k.id,
                                "data-testid": "cluster", "aria-labelledby": nameId },
      h("label", { class: "visually-hidden", for: nameId }, t("cluster.name_label")), name, meta, list,
      h("div", { class: "cluster-tools" },
        h("label", { class: "label-inline", for: mergeId }, t("cluster.merge_into")), merge,
        guardedButton(t("cluster.merge"), "merge-cluster", () => mergeInto(node))));
    const r = { name, meta, list, merge, cluster: k, renderCards: stableList(list) };
    refs.set(node, r);
    name.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); rename(r); afterName(); }
      if (e.key === "Escape") { name.value = r.cluster.name || ""; afterName(); }
    });
    name.addEventListener("change", () => rename(r));
    return node;
  }

  async function rename(r) {
    const value = r.name.value.trim();
    if (isLocked() || value === (r.cluster.name || "")) return;
    if (!value) {
      r.name.value = r.cluster.name || "";
      return ctx.say(t("cluster.name_needed"));
    }
    r.name.dataset.pending = "1";
    await act("rename_cluster", { cluster_id: r.cluster.id, name: value }, "cluster.renamed", { name: value });
    delete r.name.dataset.pending;
  }

  function mergeInto(node) {
    const r = refs.get(node);
    if (!r.merge.value || isLocked()) return;
    const into = store.state.clusters.find((k) => k.id === r.merge.value);
    act("merge_clusters", { cluster_id: r.cluster.id, into: r.merge.value }, "cluster.merged",
        { name: into ? clusterLabel(into, 0) : "" });
  }

  function patch(node, k, { state, clusters, patchCard, dots, cards, number }) {
    const locked = isLocked();
    const r = refs.get(node);
    r.cluster = k;
    if (document.activeElement !== r.name && !r.name.dataset.pending && r.name.value !== (k.name || "")) {
      r.name.value = k.name || "";
    }
    r.name.readOnly = locked;
    setAttr(node, "data-named", clusterName(k) ? "true" : "false");
    const promoted = resultOfCluster(state, k.id);
    const sig = JSON.stringify([cards.length, dots, Boolean(promoted), number]);
    if (r.meta.dataset.sig !== sig) {
      r.meta.dataset.sig = sig;
      r.meta.replaceChildren(...[
        number <= 9 ? h("span", { class: "tag tag-key", "data-testid": "cluster-key" },
          t("wall.cluster_key", { number })) : null,
        h("span", {}, tn("cards.count", cards.length)),
        dots === null ? null
          : h("span", { class: "tag tag-dots", "data-testid": "cluster-dots" }, tn("vote.dots", dots)),
        promoted ? h("span", { class: "tag" }, t("promote.done_tag")) : null].filter(Boolean));
    }
    r.renderCards(cards, (c) => c.id, buildCard, patchCard);
    const others = clusters.filter((o) => o.id !== k.id);
    setOptions(r.merge, [{ value: "", label: t("cluster.move_choose") },
      ...others.map((o) => ({ value: o.id, label: clusterLabel(o, state.cards.filter((c) => c.cluster === o.id).length) }))]);
    r.merge.disabled = locked || others.length === 0;
    enable(node.querySelector("[data-testid=merge-cluster]"), !locked && others.length > 0);
  }

  /** Put the keyboard in the name field of a cluster just made. */
  function focusName(node) {
    refs.get(node).name.focus();
  }

  return { build, patch, focusName };
}
