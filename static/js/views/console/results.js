// Results on the console: what this step promoted, edited per type with update_result
// (trend direction and theme; force polarity, strength, reach, vision elements; strategy
// weakens / uses / serves), removed with remove_result; and a compact panel with the
// results of the other steps as context for the room's next question (context-panel.js).
import { byId, h, setText, stableList } from "../../dom.js";
import { pick, t, tn } from "../../i18n.js";
import { cardById } from "../../selectors/cards.js";
import { resultsWhere } from "../../selectors/results.js";
import { stepAt, themesNear, uses } from "../../selectors/steps.js";
import { createContextPanel } from "./context-panel.js";
import { checkList, selectField } from "./controls.js";

const nums = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The editable fields of each result type, as controls built by views/console/controls.js. */
function controlsFor(type, lang) {
  const choice = (keys, prefix) => () => [{ value: "", label: t("result.not_set") },
    ...keys.map((k) => ({ value: k, label: t(`${prefix}.${k}`) }))];
  const scale = (to) => () => [{ value: "", label: t("result.not_set") },
    ...nums(1, to).map((n) => ({ value: String(n), label: String(n) }))];
  const ofType = (type_, polarity) => (state) => resultsWhere(state, { type: type_ })
    .filter((r) => !polarity || r.polarity === polarity);
  switch (type) {
    case "trend": return [
      selectField("direction", "result.direction", choice(["rising", "falling", "steady"], "direction")),
      selectField("theme", "result.theme", (state, r) => [{ value: "", label: t("result.not_set") },
        ...themesNear(state, r).map((th) => ({ value: th.key, label: pick(th.label, lang) }))])];
    case "challenge": return [checkList("trends", "result.trends", ofType("trend"), "result.no_trends")];
    case "force": return [
      selectField("polarity", "result.polarity", () =>
        ["barrier", "potential"].map((k) => ({ value: k, label: t(`polarity.${k}`) }))),
      selectField("strength", "result.strength", scale(10), Number),
      selectField("reach", "result.reach", choice(["own", "together", "outside"], "reach")),
      checkList("vision_elements", "result.visions", ofType("vision_element"), "result.no_visions")];
    case "strategy": return [
      selectField("impact", "result.impact", scale(5), Number),
      selectField("effort", "result.effort", scale(5), Number),
      checkList("weakens", "result.weakens", ofType("force", "barrier"), "result.no_barriers"),
      checkList("uses", "result.uses", ofType("force", "potential"), "result.no_potentials"),
      checkList("serves", "result.serves", ofType("vision_element"), "result.no_visions")];
    default: return [];
  }
}

export function createResults(ctx) {
  const { lang } = ctx;
  const panel = byId("results-panel");
  const list = byId("results-list");
  const empty = byId("results-empty");
  const renderList = stableList(list);
  const refs = new WeakMap();
  const contextPanel = createContextPanel({ lang });

  function render(state) {
    const step = stepAt(state);
    const mine = resultsWhere(state, { step: state.step });
    panel.hidden = !(step && step.produces && step.produces !== "project_plan") && mine.length === 0;
    setText(empty, mine.length ? "" : t("result.none_yet"));
    renderList(mine, (r) => r.id, build, (node, r) => patch(node, r, state));
    contextPanel.render(state);
  }

  function build(r) {
    const titleId = `result-title-${r.id}`;
    const title = h("input", { class: "input", id: titleId, type: "text", maxlength: 120,
                               "data-testid": "result-title" });
    const meta = h("p", { class: "result-meta" });
    const cards = h("ul", { class: "result-cards" });
    const controls = controlsFor(r.type, lang);
    const confirm = h("div", { class: "confirm-row", hidden: true },
      h("span", {}, t("result.remove_confirm")),
      h("button", { class: "button button-small button-danger", type: "button", "data-testid": "remove-result-yes",
                    onclick: () => remove(node) }, t("result.remove_yes")),
      h("button", { class: "button button-small", type: "button",
                    onclick: () => { confirm.hidden = true; removeBtn.focus(); } }, t("card.keep")));
    const removeBtn = h("button", { class: "button button-small button-quiet", type: "button",
                                    "data-testid": "remove-result",
                                    onclick: () => {
                                      confirm.hidden = false;
                                      confirm.querySelector("button").focus();
                                    } },
      t("result.remove"));
    const node = h("article", { class: "result", "data-result-id": r.id, "data-type": r.type,
                                "data-testid": "result" },
      h("div", { class: "result-head" }, h("label", { class: "label", for: titleId }, t(`type_one.${r.type}`)),
        title),
      meta,
      h("details", { class: "result-provenance" }, h("summary", { class: "provenance-summary" }), cards),
      controls.length ? h("div", { class: "result-fields" }, ...controls.map((c) => c.el)) : null,
      h("div", { class: "result-foot" }, removeBtn, confirm));
    const r_ = { title, meta, cards, controls, result: r, removeBtn, confirm };
    refs.set(node, r_);
    const save = () => {
      const value = title.value.trim();
      if (!value || value === r_.result.title) { title.value = r_.result.title; return; }
      update(r_, { title: value }, title);
    };
    title.addEventListener("change", save);
    title.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); save(); } });
    for (const c of controls) c.onSave = (changes, el) => update(r_, changes, el);
    return node;
  }

  async function update(r_, changes, el) {
    el.dataset.pending = "1";
    const ack = await ctx.serial("update_result", { result_id: r_.result.id, changes }, "results");
    delete el.dataset.pending;
    if (ack && ack.ok) ctx.announce(t("result.saved"));
    ctx.render();
  }

  async function remove(node) {
    const r_ = refs.get(node);
    const ack = await ctx.run("remove_result", { result_id: r_.result.id }, `result:${r_.result.id}`);
    if (ack && ack.ok) ctx.announce(t("result.removed", { title: r_.result.title }));
    else r_.confirm.hidden = true;
  }

  function patch(node, r, state) {
    const r_ = refs.get(node);
    r_.result = r;
    if (document.activeElement !== r_.title && !r_.title.dataset.pending && r_.title.value !== r.title) {
      r_.title.value = r.title;
    }
    const inUse = (state.plans || []).some((p) => p.source_id === r.id || p.issue_id === r.id);
    r_.removeBtn.hidden = inUse;
    const voted = uses(stepAt(state, r.step), "vote") || r.votes > 0;
    const parts = voted ? [tn("vote.dots", r.votes || 0)] : [];
    if (inUse) parts.push(t("result.in_plan"));
    if (r.type === "strategy" && r.equity && r.equity.helps_least_heard !== undefined) {
      parts.push(t(`equity.short_${equityKey(r.equity.helps_least_heard)}`));
    }
    setText(r_.meta, parts.join(" · "));
    const ids = r.card_ids || [];
    setText(node.querySelector(".provenance-summary"), tn("result.from_cards", ids.length));
    const sig = JSON.stringify(ids);
    if (r_.cards.dataset.sig !== sig) {
      r_.cards.dataset.sig = sig;
      r_.cards.replaceChildren(...ids.map((id) => cardById(state, id)).filter(Boolean)
        .map((c) => h("li", {}, c.text)));
    }
    for (const c of r_.controls) c.patch(state, r);
  }

  return { render };
}

export function equityKey(value) {
  return value === true ? "yes" : value === false ? "no" : "unknown";
}
