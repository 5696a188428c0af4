// One card on the console, shared by the plain list (views/console/cards.js) and the
// clustering board (views/console/cluster.js): its text, kind (colour and words), theme,
// origin, what it is about, its author, and the button that hides it or shows it again.
// Built once and then patched, so a ticked box or a focused button survives a change.
import { h, setAttr, setText } from "../../dom.js";
import { pick, t } from "../../i18n.js";
import { resultById } from "../../selectors/results.js";
import { findTheme, kindOf, stepAt } from "../../selectors/steps.js";
import { cardSource } from "../shared/card-source.js";
import { kindBadge } from "../shared/kind-badge.js";

const refs = new WeakMap(); // card element -> its parts

/** A card element; `patchCard` keeps it current without rebuilding (focus survives). */
export function buildCard(card) {
  const textId = `card-text-${card.id}`;
  const wordId = `card-select-word-${card.id}`;
  const check = h("input", { type: "checkbox", class: "card-check", id: `card-select-${card.id}`,
                             "data-testid": "select-card", "aria-labelledby": `${wordId} ${textId}` });
  const select = h("label", { class: "card-select", for: `card-select-${card.id}` }, check,
    h("span", { class: "visually-hidden", id: wordId }, t("cluster.select_card")));
  const text = h("p", { class: "card-text", id: textId });
  const meta = h("p", { class: "card-meta" });
  const hide = h("button", { class: "button button-small", type: "button" });
  const el = h("li", { class: "card console-card", "data-card-id": card.id,
                       "data-testid": "console-card" },
    select, h("div", { class: "card-body" }, text, meta), h("div", { class: "card-actions" }, hide));
  refs.set(el, { check, select, text, meta, hide, metaSig: null, card });
  return el;
}

/**
 * Bring a card element up to date. `opts`: {selectable, selected, draggable, disabled,
 * onHide(card)} (`onHide` is bound once, on the first patch).
 */
export function patchCard(el, card, state, lang, opts = {}) {
  const r = refs.get(el);
  r.card = card;
  const step = stepAt(state, card.step);
  const kind = kindOf(step, card.kind);
  const hidden = Boolean(card.hidden);
  setText(r.text, card.text);
  setAttr(el, "data-hidden", hidden ? "true" : "false");
  if (kind) setAttr(el, "data-color", kind.color || "grey"); // colours from app.css, label in meta
  else el.removeAttribute("data-color");
  setAttr(el, "data-cluster", card.cluster || "");
  r.select.hidden = !opts.selectable;
  r.check.checked = Boolean(opts.selected);
  r.check.disabled = !opts.selectable;
  el.draggable = Boolean(opts.draggable);
  setAttr(el, "data-selected", opts.selected ? "true" : "false");
  const about = card.about ? resultById(state, card.about) : null;
  const theme = card.theme ? findTheme(step, card.theme) : null;
  const sig = JSON.stringify([card.kind, card.theme, card.origin, card.source, about && about.title,
                              card.author_name, hidden, lang]);
  if (sig !== r.metaSig) {
    r.metaSig = sig;
    r.meta.replaceChildren(...[
      kind ? kindBadge(kind, lang) : null,
      theme ? h("span", { class: "tag tag-theme" }, pick(theme.label, lang)) : null,
      card.origin === "data" ? h("span", { class: "tag tag-origin" }, t("cards.origin_data")) : null,
      card.origin === "paper" ? h("span", { class: "tag tag-origin" }, t("cards.origin_paper")) : null,
      cardSource(card, "card-meta-source", "span"),
      about ? h("span", { class: "card-about" }, t("cards.about", { title: about.title })) : null,
      card.author_name ? h("span", { class: "card-author" }, t("card.by", { name: card.author_name }))
        : h("span", { class: "card-anon" }, t("card.anonymous")),
      hidden ? h("span", { class: "tag tag-hidden", "data-testid": "hidden-label" }, t("card.hidden"))
        : null,
    ].filter(Boolean));
  }
  setText(r.hide, hidden ? t("card.unhide") : t("card.hide"));
  setAttr(r.hide, "data-testid", hidden ? "unhide-card" : "hide-card");
  setAttr(r.hide, "aria-label", t(hidden ? "cards.unhide_label" : "cards.hide_label",
                                   { text: card.text }));
  r.hide.disabled = Boolean(opts.disabled);
  if (opts.onHide && !r.hide.dataset.bound) {
    r.hide.dataset.bound = "1";
    r.hide.addEventListener("click", () => opts.onHide(r.card));
  }
  if (opts.onToggle && !r.check.dataset.bound) {
    r.check.dataset.bound = "1";
    r.check.addEventListener("change", () => opts.onToggle(r.card, r.check.checked));
  }
}
