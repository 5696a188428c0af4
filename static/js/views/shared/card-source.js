// Where a data card's figure comes from ("Bron: Buurtscan 2026"), drawn the same on the
// console, the projector and the phones, so a resident can ask about it. Only data cards
// have a source (docs/protocol.md, `cards[].source`).
import { h } from "../../dom.js";
import { t } from "../../i18n.js";

/** The source line of `card` as a `tag` element with class `cls`, or null when it has none. */
export function cardSource(card, cls, tag = "p") {
  if (!card.source) return null;
  return h(tag, { class: `card-source ${cls}`, "data-testid": "card-source" },
    t("card.source", { source: card.source }));
}
