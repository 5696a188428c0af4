// Clusters forming live on the projector: each cluster a column of cards under its name,
// and the cards not grouped yet beside them. Text large enough for the back of the hall;
// when the wall fills up the type steps down, and at the smallest size the newest stay
// in view.
import { h, keyedList } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { clusterCards, looseCards, stepClusters } from "../../selectors/cards.js";
import { kindOf, stepAt } from "../../selectors/steps.js";
import { cardSource } from "../shared/card-source.js";
import { kindBadge } from "../shared/kind-badge.js";

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
  const inner = h("div", { class: "proj-cluster-flow" });
  root.replaceChildren(inner);
  const render = keyedList(inner);

  function cardItem(step, card) {
    const tags = cardTags(step, card, lang);
    return h("li", { class: "proj-mini-card", "data-card-id": card.id, "data-testid": "cluster-card" },
      tags.length ? h("p", { class: "proj-card-tags" }, tags) : null,
      h("p", { class: "proj-mini-text" }, card.text),
      cardSource(card, "proj-mini-source"));
  }

  function box(step, group) {
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
    h("ul", { class: "proj-cluster-cards" }, group.cards.map((card) => cardItem(step, card))));
  }

  /** Show the current step's clusters; returns false when the step has none yet. */
  function show(state) {
    const step = stepAt(state);
    const groups = stepClusters(state)
      .map((k) => ({ id: k.id, title: k.name || t("projector.unnamed"), cards: clusterCards(state, k.id) }))
      .filter((g) => g.cards.length);
    if (!groups.length) return false;
    const loose = looseCards(state);
    if (loose.length) groups.push({ id: "loose", title: t("projector.loose"), cards: loose });
    render(groups, (g) => g.id,
      (g) => JSON.stringify([g.title, g.cards.map((c) => [c.id, c.text, c.kind, c.origin])]),
      (g) => box(step, g));
    return true; // the caller fits the type once the panel is visible

  }

  function fit(newArrived) {
    const count = inner.querySelectorAll(".proj-mini-card").length;
    let level = count <= 12 ? 0 : count <= 24 ? 1 : count <= 48 ? 2 : 3;
    root.dataset.density = DENSITIES[level];
    while (level < DENSITIES.length - 1 && inner.scrollHeight > root.clientHeight + 2) {
      level += 1;
      root.dataset.density = DENSITIES[level];
    }
    if (newArrived && inner.scrollHeight > root.clientHeight + 2) root.scrollTop = root.scrollHeight;
  }

  return { show, fit };
}
