// The console's card adder: a paper card typed in from the room, or a data card (a fact
// the facilitator brings in, with its source), with the step's kind and theme. It owns what it sends and
// its answer: the text is cleared at once, so the next card can be typed, and given back
// when the card was not added.
import { byId, h, setOptions } from "../../dom.js";
import { pick, t } from "../../i18n.js";
import { kindsOf, optionsOf, stepAt, themesOf, uses } from "../../selectors/steps.js";

export function createCardAdder(ctx) {
  const { lang, store } = ctx;
  const box = byId("card-adder");
  const text = h("textarea", { class: "input textarea", id: "adder-text", rows: 2,
                               "data-testid": "adder-text" });
  const kind = h("select", { class: "input", id: "adder-kind", "data-testid": "adder-kind" });
  const theme = h("select", { class: "input", id: "adder-theme", "data-testid": "adder-theme" });
  const kindRow = h("div", { class: "adder-field" },
    h("label", { class: "label", for: "adder-kind" }, t("cards.kind")), kind);
  const themeRow = h("div", { class: "adder-field" },
    h("label", { class: "label", for: "adder-theme" }, t("cards.theme")), theme);
  // a data card's source (a paper card has none): sent with "add data card" only
  const source = h("input", { class: "input", id: "adder-source", type: "text", maxlength: 160,
                              "data-testid": "adder-source" });
  const sourceRow = h("div", { class: "adder-field" },
    h("label", { class: "label", for: "adder-source" }, t("cards.source_label")), source);
  const paper = h("button", { class: "button", type: "button", "data-testid": "add-paper-card",
                              onclick: () => add("add_paper_card") }, t("cards.add_paper"));
  const data = h("button", { class: "button", type: "button", "data-testid": "add-data-card",
                             onclick: () => add("add_data_card") }, t("cards.add_data"));
  box.append(h("details", { class: "card-adder", "data-testid": "card-adder" },
    h("summary", {}, t("cards.add_heading")),
    h("p", { class: "hint" }, t("cards.add_hint")),
    h("label", { class: "label", for: "adder-text" }, t("cards.add_text")), text,
    h("div", { class: "adder-row" }, kindRow, themeRow),
    sourceRow,
    h("div", { class: "button-row" }, paper, data)));

  async function add(command) {
    const state = store.state;
    const step = stepAt(state);
    const value = text.value.trim();
    if (!value) return ctx.say(t("card.empty"));
    if (kindsOf(step).length && !kind.value) return ctx.say(t("cards.choose_kind"));
    const args = { text: value };
    if (kindsOf(step).length) args.kind = kind.value;
    if (themesOf(step).length && theme.value) args.theme = theme.value;
    const from = source.value.trim();
    if (command === "add_data_card" && from) args.source = from;
    text.value = ""; // cleared now, so the next card can be typed while this one is sent
    const ack = await ctx.serial(command, args, "add-card");
    if (ack && ack.ok) {
      if (command === "add_data_card") source.value = "";
      ctx.announce(t(command === "add_data_card" ? "cards.added_data" : "cards.added_paper"));
    } else if (!text.value) {
      text.value = value; // not added: give the text back
    }
  }

  /** Shown in a step with cards that takes paper or data cards, with its kinds and themes. */
  function render(step) {
    const cards = optionsOf(step, "cards");
    const paperOn = uses(step, "cards") && cards.paper_cards !== false;
    const dataOn = uses(step, "cards") && cards.data_cards !== false;
    box.hidden = !paperOn && !dataOn;
    paper.hidden = !paperOn;
    data.hidden = !dataOn;
    sourceRow.hidden = !dataOn;
    text.maxLength = cards.max_length || 280;
    const kinds = kindsOf(step);
    kindRow.hidden = kinds.length === 0;
    setOptions(kind, [{ value: "", label: t("cards.choose_kind_option") },
      ...kinds.map((k) => ({ value: k.key, label: pick(k.label, lang) }))]);
    const themes = themesOf(step);
    themeRow.hidden = themes.length === 0;
    setOptions(theme, [{ value: "", label: t("cards.no_theme") },
      ...themes.map((k) => ({ value: k.key, label: pick(k.label, lang) }))]);
  }

  return { render };
}
