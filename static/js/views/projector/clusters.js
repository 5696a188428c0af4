// Clusters forming live on the projector: each cluster a column of cards under its name,
// and the cards not grouped yet beside them. Text large enough for the back of the hall:
// when the wall fills up the type steps down to the projector's floor (28 px on a 1920 px
// wall), and past that the clusters are shown in pages (views/projector/pages.js), a
// cluster cut only between two cards, never a card cut off at the edge.
import { h } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { clusterCards, looseCards, stepClusters } from "../../selectors/cards.js";
import { kindOf, stepAt } from "../../selectors/steps.js";
import { cardSource } from "../shared/card-source.js";
import { kindBadge } from "../shared/kind-badge.js";
import { clips, createPager, pageIndicator } from "./pages.js";

const DENSITIES = ["low", "medium", "high", "max"];

/** A card's small labels: its kind (colour AND words) and, for a data card, "fact". */
export function cardTags(step, card, lang) {
  const kind = kindOf(step, card.kind);
  return [
    kind ? kindBadge(kind, lang) : null,
    card.origin === "data" ? h("span", { class: "kind-badge", "data-color": "data" },
      h("span", { class: "kind-swatch", "aria-hidden": "true" }), t("projector.data_card")) : null,
  ].filter(Boolean);
}

export function createProjectorClusters({ root, lang }) {
  const indicator = pageIndicator("projector-clusters-pages");
  root.after(indicator);
  const pager = createPager({ box: root, indicator });
  let shownFor = "";
  let blocks = [];
  let count = 0; // cards in the clusters: where the type starts

  function cardItem(step, card) {
    const tags = cardTags(step, card, lang);
    return h("li", { class: "proj-mini-card", "data-card-id": card.id, "data-testid": "cluster-card" },
      tags.length ? h("p", { class: "proj-card-tags" }, tags) : null,
      h("p", { class: "proj-mini-text" }, card.text),
      cardSource(card, "proj-mini-source"));
  }

  /** A cluster with its cards from..to-1 (the name and count on every part). */
  function box(step, group, from, to) {
    const loose = group.id === "loose";
    return h("section", {
      class: loose ? "proj-cluster proj-cluster-loose" : "proj-cluster",
      "data-testid": loose ? "projector-loose" : "projector-cluster",
      "data-cluster-id": loose ? null : group.id,
      "aria-label": group.title,
    },
    h("h2", { class: "proj-cluster-name", "data-testid": loose ? null : "projector-cluster-name" },
      group.title),
    h("p", { class: "proj-cluster-count" }, tn("projector.cards", group.cards.length)),
    h("ul", { class: "proj-cluster-cards" }, group.cards.slice(from, to).map((card) => cardItem(step, card))));
  }

  /** Take the current step's clusters; returns false when the step has none yet. */
  function show(state) {
    const step = stepAt(state);
    const groups = stepClusters(state)
      .map((k) => ({ id: k.id, title: k.name || t("projector.unnamed"), cards: clusterCards(state, k.id) }))
      .filter((g) => g.cards.length);
    if (!groups.length) return false;
    const loose = looseCards(state);
    if (loose.length) groups.push({ id: "loose", title: t("projector.loose"), cards: loose });
    const signature = JSON.stringify([lang, groups.map((g) => [g.id, g.title,
      g.cards.map((c) => [c.id, c.text, c.kind, c.origin, c.source || ""])])]);
    if (signature !== shownFor) {
      shownFor = signature;
      count = groups.reduce((n, g) => n + g.cards.length, 0);
      blocks = groups.map((g) => ({ count: g.cards.length, render: (from, to) => box(step, g, from, to) }));
    }
    return true; // the caller fits the type once the panel is visible
  }

  /**
   * Start the type from the number of cards and step it down while the clusters overflow,
   * to the floor; past that, pages. Again only when the clusters or the panel's place
   * changed (pages.js `fitWhenChanged`).
   */
  function fit() {
    pager.fitWhenChanged(shownFor, blocks, () => fitType(root, count));
  }

  return { show, fit };
}

/** The largest type at which the clusters fit the panel, from the count down; true if any. */
function fitType(root, count) {
  const overflows = () => root.scrollHeight > root.clientHeight + 2 || root.scrollWidth > root.clientWidth + 2;
  let level = count <= 12 ? 0 : count <= 24 ? 1 : count <= 48 ? 2 : 3;
  if (!clips(root)) level = 0; // a narrow screen scrolls: the largest type
  root.dataset.density = DENSITIES[level];
  while (clips(root) && level < DENSITIES.length - 1 && overflows()) {
    level += 1;
    root.dataset.density = DENSITIES[level];
  }
  return !clips(root) || !overflows();
}
