// The console's context panel: the results of the other steps, grouped by type, each with
// what it is (a force's polarity, a trend's direction) and its dots, as context for the
// room's next question. Read-only; redrawn only when those results changed.
import { byId, h, setText } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { RESULT_TYPES } from "../../selectors/results.js";

export function createContextPanel({ lang }) {
  const context = byId("context-body");
  const contextEmpty = byId("context-empty");
  let contextSig = null;

  function render(state) {
    const others = (state.results || []).filter((r) => r.step !== state.step);
    const sig = JSON.stringify([others, lang]);
    if (sig === contextSig) return;
    contextSig = sig;
    setText(contextEmpty, others.length ? "" : t("context.empty"));
    context.replaceChildren(...RESULT_TYPES.map((type) => {
      const items = others.filter((r) => r.type === type);
      if (!items.length) return null;
      return h("section", { class: "context-group", "data-type": type, "data-testid": "context-group" },
        h("h3", {}, t("context.group", { type: t(`types.${type}`), n: items.length })),
        h("ul", { class: "context-list" }, ...items.map((r) =>
          h("li", { "data-testid": "context-result" }, h("span", { class: "context-title" }, r.title),
            h("span", { class: "context-meta" }, contextMeta(state, r))))));
    }).filter(Boolean));
  }

  function contextMeta(state, r) {
    const bits = [];
    if (r.type === "force" && r.polarity) bits.push(t(`polarity.${r.polarity}`));
    if (r.type === "trend" && r.direction) bits.push(t(`direction.${r.direction}`));
    if (r.votes) bits.push(tn("vote.dots", r.votes));
    return bits.join(" · ");
  }

  return { render };
}
