// Everyone's cards on the phone, newest first: read-only, with the author's name while
// names are shown, "yours", and the cluster each card was put in. A full hall sends many
// cards, so the list shows a page at a time ("show more"), and starts over at a new step.
import { byId, h, keyedList, setText } from "../../dom.js";
import { t } from "../../i18n.js";
import { stepCards } from "../../selectors/cards.js";
import { cardSource } from "../shared/card-source.js";

const PAGE = 30; // everyone's cards shown at first; old phones stay fast in a full hall

/** One of everyone's cards (read-only): its text, the author's name while names are
 * shown, "yours", and the cluster it was put in (`group`: its name, "" unnamed, null none). */
export function everyoneCard(c, mine, group) {
  return h("li", { class: "card card-readonly", "data-card-id": c.id, "data-testid": "all-card",
                   "data-mine": mine ? "true" : "false" },
    h("p", { class: "card-text" }, c.text),
    cardSource(c, "card-meta"),
    c.author_name || mine || group !== null ? h("p", { class: "card-meta" },
      c.author_name ? h("span", { class: "card-author" }, c.author_name) : null,
      mine ? h("span", { class: "tag" }, t("card.yours")) : null,
      group !== null ? h("span", { class: "tag tag-cluster", "data-testid": "card-cluster" },
        t("phone.card_in_cluster", { name: group || t("phone.cluster_unnamed") })) : null) : null);
}

/** `isMine(card)` tells this phone's own cards (views/phone/my-cards.js); `onChange()`
 * asks the phone to draw again. */
export function createEveryone({ isMine, onChange }) {
  const el = {
    all: byId("all-cards"),
    allEmpty: byId("all-cards-empty"),
    more: byId("all-cards-more"),
  };
  const renderAll = keyedList(el.all);
  let shown = PAGE; // how many of everyone's cards to show

  el.more.addEventListener("click", () => { shown += PAGE; onChange(); });

  function render(state) {
    const all = stepCards(state).slice().reverse();
    const cards = all.slice(0, shown);
    const rest = all.length - cards.length;
    el.more.hidden = rest <= 0;
    if (rest > 0) setText(el.more, t("cards.show_more", { n: Math.min(rest, PAGE), total: all.length }));
    // phones see the clustering too: each card names the cluster it was put in
    const clusterNames = new Map((state.clusters || []).map((k) => [k.id, k.name || ""]));
    const groupOf = (c) => (c.cluster && clusterNames.has(c.cluster) ? clusterNames.get(c.cluster) : null);
    renderAll(cards, (c) => c.id,
      (c) => JSON.stringify([c.text, c.author_name || "", isMine(c), groupOf(c)]),
      (c) => everyoneCard(c, isMine(c), groupOf(c)));
    setText(el.allEmpty, all.length ? "" : t("card.none_yet"));
  }

  /** A new step: the list starts again with one page. */
  function reset() {
    shown = PAGE;
  }

  return { render, reset };
}
