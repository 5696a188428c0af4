// Cards on the console: one card element (kind, theme, origin, hide) shared with the
// clustering board, the plain list for steps without clustering, the form to type in a
// paper card or add a data card, and "we are now asking about" (the step's focus).
import { byId, h, setAttr, setOptions, setText, stableList } from "../../dom.js";
import { pick, t, tn } from "../../i18n.js";
import { stepCards } from "../../selectors/cards.js";
import { resultById, resultsWhere } from "../../selectors/results.js";
import {
  findTheme, kindOf, kindsOf, optionsOf, stepAt, themesOf, uses,
} from "../../selectors/steps.js";
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
  const sig = JSON.stringify([card.kind, card.theme, card.origin, about && about.title,
                              card.author_name, hidden, lang]);
  if (sig !== r.metaSig) {
    r.metaSig = sig;
    r.meta.replaceChildren(...[
      kind ? kindBadge(kind, lang) : null,
      theme ? h("span", { class: "tag tag-theme" }, pick(theme.label, lang)) : null,
      card.origin === "data" ? h("span", { class: "tag tag-origin" }, t("cards.origin_data")) : null,
      card.origin === "paper" ? h("span", { class: "tag tag-origin" }, t("cards.origin_paper")) : null,
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

export function createCards(ctx) {
  const { lang, store } = ctx;
  const el = {
    panel: byId("cards-panel"),
    count: byId("card-count"),
    empty: byId("cards-empty"),
    list: byId("console-cards"),
    adder: byId("card-adder"),
    focus: byId("focus-box"),
  };
  const renderList = stableList(el.list);
  const adder = buildAdder();
  const focus = buildFocus();
  let known = null;

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
    announceNew(cards);
    renderAdder(state, step);
    renderFocus(state, step);
  }

  function announceNew(cards) {
    const ids = new Set(cards.map((c) => c.id));
    if (known) {
      const fresh = cards.filter((c) => !known.has(c.id) && c.origin !== "paper" && c.origin !== "data");
      if (fresh.length === 1) ctx.announce(t("cards.new_announce", { text: fresh[0].text }));
      else if (fresh.length > 1) ctx.announce(tn("cards.new_many", fresh.length));
    }
    known = ids;
  }

  function buildAdder() {
    const text = h("textarea", { class: "input textarea", id: "adder-text", rows: 2,
                                 "data-testid": "adder-text" });
    const kind = h("select", { class: "input", id: "adder-kind", "data-testid": "adder-kind" });
    const theme = h("select", { class: "input", id: "adder-theme", "data-testid": "adder-theme" });
    const kindRow = h("div", { class: "adder-field" },
      h("label", { class: "label", for: "adder-kind" }, t("cards.kind")), kind);
    const themeRow = h("div", { class: "adder-field" },
      h("label", { class: "label", for: "adder-theme" }, t("cards.theme")), theme);
    const paper = h("button", { class: "button", type: "button", "data-testid": "add-paper-card",
                                onclick: () => add("add_paper_card") }, t("cards.add_paper"));
    const data = h("button", { class: "button", type: "button", "data-testid": "add-data-card",
                               onclick: () => add("add_data_card") }, t("cards.add_data"));
    el.adder.append(h("details", { class: "card-adder", "data-testid": "card-adder" },
      h("summary", {}, t("cards.add_heading")),
      h("p", { class: "hint" }, t("cards.add_hint")),
      h("label", { class: "label", for: "adder-text" }, t("cards.add_text")), text,
      h("div", { class: "adder-row" }, kindRow, themeRow),
      h("div", { class: "button-row" }, paper, data)));
    return { text, kind, theme, kindRow, themeRow, paper, data };
  }

  async function add(command) {
    const state = store.state;
    const step = stepAt(state);
    const text = adder.text.value.trim();
    if (!text) return ctx.say(t("card.empty"));
    if (kindsOf(step).length && !adder.kind.value) return ctx.say(t("cards.choose_kind"));
    const args = { text };
    if (kindsOf(step).length) args.kind = adder.kind.value;
    if (themesOf(step).length && adder.theme.value) args.theme = adder.theme.value;
    adder.text.value = ""; // cleared now, so the next card can be typed while this one is sent
    const ack = await ctx.serial(command, args, "add-card");
    if (ack && ack.ok) {
      ctx.announce(t(command === "add_data_card" ? "cards.added_data" : "cards.added_paper"));
    } else if (!adder.text.value) {
      adder.text.value = text; // not added: give the text back
    }
  }

  function renderAdder(state, step) {
    const cards = optionsOf(step, "cards");
    const paper = uses(step, "cards") && cards.paper_cards !== false;
    const data = uses(step, "cards") && cards.data_cards !== false;
    el.adder.hidden = !paper && !data;
    adder.paper.hidden = !paper;
    adder.data.hidden = !data;
    adder.text.maxLength = cards.max_length || 280;
    const kinds = kindsOf(step);
    adder.kindRow.hidden = kinds.length === 0;
    setOptions(adder.kind, [{ value: "", label: t("cards.choose_kind_option") },
      ...kinds.map((k) => ({ value: k.key, label: pick(k.label, lang) }))]);
    const themes = themesOf(step);
    adder.themeRow.hidden = themes.length === 0;
    setOptions(adder.theme, [{ value: "", label: t("cards.no_theme") },
      ...themes.map((k) => ({ value: k.key, label: pick(k.label, lang) }))]);
  }

  function buildFocus() {
    const select = h("select", { class: "input", id: "focus-select", "data-testid": "focus-select",
                                 onchange: () => ctx.run("set_focus",
                                   { result_id: select.value || null }, "focus") });
    el.focus.append(h("label", { class: "label", for: "focus-select" }, t("focus.label")), select,
      h("p", { class: "hint" }, t("focus.hint")));
    return { select };
  }

  function renderFocus(state, step) {
    const visions = resultsWhere(state, { type: "vision_element" });
    const wanted = uses(step, "cards") && visions.length > 0
      && (step.produces === "force" || Boolean(state.focus));
    el.focus.hidden = !wanted;
    if (!wanted) return;
    setOptions(focus.select, [{ value: "", label: t("focus.none") },
      ...visions.map((r) => ({ value: r.id, label: r.title }))], state.focus || "");
  }

  return { render };
}
