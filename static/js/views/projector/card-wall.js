// The projector's card wall: the cards of the step appearing live, as large as the wall
// allows (views/shared/new-cards.js says new ones to a screen reader). Read-only. It steps aside (hidden)
// while a planning picture (clusters, vote, matrix, plans, review) takes the stage.
import { byId, h, keyedList, setText } from "../../dom.js";
import { t } from "../../i18n.js";
import { stepCards } from "../../selectors/cards.js";
import { cardSource } from "../shared/card-source.js";
import { cardTags } from "./clusters.js";

export function createCardWall({ lang }) {
  const el = { cards: byId("proj-cards"), empty: byId("cards-empty") };
  const renderCards = keyedList(el.cards);

  /** Hide the wall behind a picture or show it again; true when it was just hidden. */
  function setPictured(pictured) {
    const hiding = pictured && !el.cards.hidden;
    el.cards.hidden = pictured;
    return hiding;
  }

  /** Draw the step's cards. */
  function render(state, step, { pictured, usesCards }) {
    const cards = stepCards(state);
    renderCards(cards, (c) => c.id, (c) => JSON.stringify([c.text, c.author_name || "", c.kind || "", c.origin || "", c.source || ""]),
      (c) => h("li", { class: "proj-card", "data-card-id": c.id, "data-testid": "projector-card",
                       "data-kind": c.kind || null, "data-wide": wideness(c.text) },
        cardTags(step, c, lang).length ? h("p", { class: "proj-card-tags" }, cardTags(step, c, lang)) : null,
        h("p", { class: "proj-card-text" }, c.text),
        cardSource(c, "proj-card-source"),
        c.author_name ? h("p", { class: "proj-card-author" }, c.author_name) : null));
    if (!pictured) fitCards(el.cards, cards.length);
    setText(el.empty, pictured || cards.length || !usesCards ? ""
      : state.input_open ? t("cards.empty_open") : t("cards.empty_closed"));

  }

  /** The wall changed size (a resize, the join panel): fit the cards again. */
  function refit() {
    if (!el.cards.hidden) fitCards(el.cards, el.cards.children.length);
  }

  return { setPictured, render, refit };
}

const DENSITIES = ["low", "medium", "high", "max"];
const WIDE_TEXT = 60; // characters
const LONG_WORD = 11; // characters: Dutch compounds ("huiswerkbegeleiding") are long

/**
 * Which cards may take two columns: "word" when a word may not fit on one line (it would
 * break in the middle), "text" for a long text, which would make its whole row tall.
 */
function wideness(text) {
  if (text.split(/\s+/).some((word) => word.length > LONG_WORD)) return "word";
  return text.length > WIDE_TEXT ? "text" : null;
}

// how the wide cards spread, most readable first: long words whole, then no spans,
// then long texts as well (shorter rows) before a smaller size is tried
const SPREADS = ["words", "off", "all"];

/**
 * Make the cards as large as the wall allows: start from the count, try each spread,
 * and step down a size while the grid overflows. When even the smallest size (the
 * projector's 28 px floor) overflows, keep the newest in view (after any change, not
 * only a new card: a timer or presence update must not leave the wall halfway), whole:
 * scrolled to the end instead, the wall's top row showed cut in half under the question.
 */
function fitCards(list, count) {
  for (const card of list.children) card.hidden = false;
  const start = count <= 8 ? 0 : count <= 20 ? 1 : count <= 40 ? 2 : 3;
  const overflows = () => list.scrollHeight > list.clientHeight + 2;
  for (let level = start; level < DENSITIES.length; level += 1) {
    list.dataset.density = DENSITIES[level];
    for (const spread of SPREADS) {
      list.dataset.spread = spread;
      if (!overflows()) return;
    }
  }
  showNewestWhole(list, overflows);
}

/**
 * The oldest cards step aside (hidden) until the rest fit: the fewest, found by halving.
 * The console keeps them all; the wall shows whole cards only, the newest last.
 */
function showNewestWhole(list, overflows) {
  const cards = [...list.children];
  const hideOldest = (n) => cards.forEach((card, i) => { card.hidden = i < n; });
  let fits = cards.length - 1; // the newest card alone always shows, even when too tall
  let over = 0;
  while (fits - over > 1) {
    const mid = Math.floor((over + fits) / 2);
    hideOldest(mid);
    if (overflows()) over = mid;
    else fits = mid;
  }
  hideOldest(fits);
  list.scrollTop = 0;
}
