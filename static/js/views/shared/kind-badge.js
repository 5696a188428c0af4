// A card kind as colour AND words, drawn alike on the phone, the console and the projector.
import { h } from "../../dom.js";
import { pick } from "../../i18n.js";

/** The eight palette colours a format may give a card kind (format_options.COLORS). */
export const KIND_COLORS = ["red", "green", "blue", "yellow", "orange", "purple", "teal", "grey"];

/** A swatch (decoration) and the kind's label. */
export function kindBadge(kind, lang) {
  const color = KIND_COLORS.includes(kind.color) ? kind.color : "grey";
  return h("span", { class: "kind-badge", "data-color": color, "data-kind": kind.key },
    h("span", { class: "kind-swatch", "aria-hidden": "true" }), pick(kind.label, lang));
}
