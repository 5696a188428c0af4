// Cards on the console: the plain list for steps without clustering (the card element is
// views/console/card.js, shared with the clustering board), their count (new ones are said
// by views/shared/new-cards.js), the card adder (views/console/card-adder.js) and "we are now asking about"
// (views/console/focus.js).
import { byId, setText, stableList } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { stepCards } from "../../selectors/cards.js";
import { stepAt, uses } from "../../selectors/steps.js";
import { buildCard, patchCard } from "./card.js";
import { createCardAdder } from "./card-adder.js";
import { createFocus } from "./focus.js";

export function createCards(ctx) {
  const { lang } = ctx;
  const el = {
    panel: byId("cards-panel"),
    count: byId("card-count"),
    empty: byId("cards-empty"),
    list: byId("console-cards"),
  };
  const renderList = stableList(el.list);
  const adder = createCardAdder(ctx);
  const focus = createFocus(ctx);

  /** Hide or show a card again; the button waits for the server. */
  function onHide(card) {
    ctx.run(card.hidden ? "unhide_card" : "hide_card", { card_id: card.id }, `card:${card.id}`);
  }

  function render(state) {
    const step = stepAt(state);
    const cards = stepCards(state);
    el.panel.hidden = !uses(step, "cards") && cards.length === 0;
    const hidden = cards.filter((c) => c.hidden).length;
    setText(el.count, hidden ? t("cards.count_hidden", { count: tn("cards.count", cards.length), hidden })
      : tn("cards.count", cards.length));
    setText(el.empty, cards.length ? "" : state.input_open ? t("cards.empty_open_console")
      : t("cards.empty_closed_console"));
    const flat = uses(step, "cluster") ? [] : cards.slice().reverse();
    renderList(flat, (c) => c.id, buildCard, (node, c) => patchCard(node, c, state, lang, {
      onHide, disabled: ctx.isBusy(`card:${c.id}`) || !ctx.online() }));
    adder.render(step);
    focus.render(state, step);
  }

  return { render };
}
