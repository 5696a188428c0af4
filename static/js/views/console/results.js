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
    const controls = controlsFor(r.type, lang);
    const r_ = { result: r, controls };
    const { node, ...parts } = buildResult(r, controls, { onTitle: () => saveTitle(r_),
                                                          onRemove: () => remove(r_) });
    Object.assign(r_, parts);
    refs.set(node, r_);
    for (const c of controls) c.onSave = (changes, el) => update(r_, changes, el);
    return node;
  }

  function saveTitle(r_) {
    const value = r_.title.value.trim();
    if (!value || value === r_.result.title) { r_.title.value = r_.result.title; return; }
    update(r_, { title: value }, r_.title);
  }

  async function update(r_, changes, el) {
    el.dataset.pending = "1";
    const ack = await ctx.serial("update_result", { result_id: r_.result.id, changes }, "results");
    delete el.dataset.pending;
    if (ack && ack.ok) ctx.announce(t("result.saved"));
    ctx.render();
  }

  async function remove(r_) {
    const ack = await ctx.run("remove_result", { result_id: r_.result.id }, `result:${r_.result.id}`);
    if (ack && ack.ok) ctx.announce(t("result.removed", { title: r_.result.title }));
    else r_.confirm.hidden = true;
  }

  function patch(node, r, state) {
    const r_ = refs.get(node);
    r_.result = r;
    drawResult(node, r_, r, state);
  }

  return { render };
}

export function equityKey(value) {
  return value === true ? "yes" : value === false ? "no" : "unknown";
}

/**
 * One result's article: its title (`onTitle()` hears a change or Enter), a meta line, the
 * cards it came from, its type's `controls` and "remove", which asks first (`onRemove()`
 * hears the confirmed removal). Returns the article and the parts that change with it.
 */
function buildResult(r, controls, { onTitle, onRemove }) {
  const titleId = `result-title-${r.id}`;
  const title = h("input", { class: "input", id: titleId, type: "text", maxlength: 120,
                             "data-testid": "result-title" });
  const meta = h("p", { class: "result-meta" });
  const cards = h("ul", { class: "result-cards" });
  const confirm = h("div", { class: "confirm-row", hidden: true },
    h("span", {}, t("result.remove_confirm")),
    h("button", { class: "button button-small button-danger", type: "button", "data-testid": "remove-result-yes",
                  onclick: onRemove }, t("result.remove_yes")),
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
  title.addEventListener("change", onTitle);
  title.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); onTitle(); } });
  return { node, title, meta, cards, removeBtn, confirm };
}

/** Show result `r` in its article: the title (never over typing), the meta line, the cards. */
function drawResult(node, parts, r, state) {
  if (document.activeElement !== parts.title && !parts.title.dataset.pending && parts.title.value !== r.title) {
    parts.title.value = r.title;
  }
  const inUse = (state.plans || []).some((p) => p.source_id === r.id || p.issue_id === r.id);
  parts.removeBtn.hidden = inUse;
  const voted = uses(stepAt(state, r.step), "vote") || r.votes > 0;
  const meta = voted ? [tn("vote.dots", r.votes || 0)] : [];
  if (inUse) meta.push(t("result.in_plan"));
  if (r.type === "strategy" && r.equity && r.equity.helps_least_heard !== undefined) {
    meta.push(t(`equity.short_${equityKey(r.equity.helps_least_heard)}`));
  }
  setText(parts.meta, meta.join(" · "));
  const ids = r.card_ids || [];
  setText(node.querySelector(".provenance-summary"), tn("result.from_cards", ids.length));
  const sig = JSON.stringify(ids);
  if (parts.cards.dataset.sig !== sig) {
    parts.cards.dataset.sig = sig;
    parts.cards.replaceChildren(...ids.map((id) => cardById(state, id)).filter(Boolean)
      .map((c) => h("li", {}, c.text)));
  }
  for (const c of parts.controls) c.patch(state, r);
}
