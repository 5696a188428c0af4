// The yearly cycle of a group's plan workspace (docs/workspace.md): which year each plan
// belongs to, the phase of each year, the year plan (its project plans with the phase), the
// yearly evaluation and the new meanings (trends or forces for next year). Every change
// goes through the workspace's outbox (`send`). Forms are built once per year and only
// their read-only parts are patched, so a member's typing is never lost to a live update.
// User text only via text nodes.
import { h, setText } from "../../dom.js";
import { formatMoment } from "../../format.js";
import { t } from "../../i18n.js";
import { fieldValue } from "../../selectors/plans.js";
import { yearsOf } from "../../selectors/workspace.js";

export const PHASES = [1, 2, 3, 4];
const EVALUATION = ["did", "achieved", "learned", "meaning"];
const KINDS = ["trend", "force"];
const MAX_TEXT = 1000;
let counter = 0;
const uid = (name) => `ws-${name}-${++counter}`;

function labelled(label, control, extra) {
  return h("div", { class: "ws-field" }, h("label", { class: "label", for: control.id }, label),
    control, extra || null);
}

/** One plan's year: a number box and "set" (`set_plan_year`). */
function planRow(plan, send) {
  const parts = {};
  parts.title = h("span", { class: "ws-year-plan-title" });
  parts.input = h("input", { class: "input ws-year-input", type: "number", min: 2000, max: 2100,
                             step: 1, id: uid("plan-year"), "data-testid": "plan-year-input" });
  parts.error = h("span", { class: "form-error", "aria-live": "assertive" });
  const form = h("form", { class: "ws-year-row", novalidate: true, "data-testid": "plan-year",
                           "data-plan-id": plan.id },
    h("label", { class: "label", for: parts.input.id }, parts.title), parts.input,
    h("button", { class: "button", type: "submit", "data-testid": "plan-year-save" },
      t("ws.year.set")), parts.error);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const year = Number(parts.input.value);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      setText(parts.error, t("ws.year.bad"));
      return;
    }
    setText(parts.error, "");
    send("set_plan_year", { plan_id: parts.plan.id, year });
  });
  return { el: form, parts };
}

function patchPlanRow({ el, parts }, plan) {
  parts.plan = plan;
  setText(parts.title, t("ws.year.of_plan", { plan: fieldValue(plan, "title") || t("ws.untitled_plan") }));
  const value = plan.year ? String(plan.year) : "";
  if (document.activeElement !== parts.input && parts.input.value !== value) parts.input.value = value;
  el.dataset.year = value;
}

/** A form of text boxes for a year (the evaluation, a meaning), emptied once sent. */
function textForm(year, keys, prefix, testid, onSubmit, extra) {
  const boxes = {};
  const error = h("p", { class: "form-error", "aria-live": "assertive" });
  const fields = keys.map((key) => {
    boxes[key] = h("textarea", { class: "input textarea", id: uid(`${prefix}-${key}`), rows: 2,
                                 maxlength: MAX_TEXT, "data-testid": `${prefix}-${key}` });
    return labelled(t(`ws.${prefix}.${key}`), boxes[key]);
  });
  const form = h("form", { class: "ws-year-form", novalidate: true, "data-testid": testid },
    fields, extra ? extra.el : null, error,
    h("button", { class: "button button-primary", type: "submit", "data-testid": `${testid}-send` },
      t(`ws.${prefix}.send`)));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const args = { year };
    for (const key of keys) args[key] = boxes[key].value.trim();
    if (!keys.some((key) => args[key])) {
      setText(error, t(`ws.${prefix}.empty`));
      return;
    }
    setText(error, "");
    onSubmit(args, extra);
    for (const key of keys) boxes[key].value = "";
  });
  return form;
}

/** Trend or force, for a new meaning. */
function kindChoice() {
  const name = uid("kind");
  const radios = KINDS.map((kind, i) => {
    const input = h("input", { type: "radio", name, value: kind, id: `${name}-${kind}`,
                               checked: i === 0, "data-testid": `meaning-kind-${kind}` });
    return h("label", { class: "ws-radio", for: input.id }, input, " ", t(`ws.meaning.kind_${kind}`));
  });
  const el = h("fieldset", { class: "ws-kinds" }, h("legend", { class: "label" }, t("ws.meaning.kind")), radios);
  return { el, value: () => (el.querySelector("input:checked") || {}).value || "trend" };
}

/** Keep one element per key in `target`, in the keys' order, built once each. */
function keyed(cache, keys, build, target) {
  for (const key of [...cache.keys()]) if (!keys.includes(key)) { cache.get(key).el.remove(); cache.delete(key); }
  keys.forEach((key, i) => {
    if (!cache.has(key)) cache.set(key, build(key));
    const el = cache.get(key).el;
    if (target.children[i] !== el) target.insertBefore(el, target.children[i] || null);
  });
}

export function createYears({ planList, container, lang, send, thisYear }) {
  const blocks = new Map();   // year -> {el, parts}
  const planRows = new Map(); // plan id -> {el, parts}

  function buildYear(year) {
    const parts = {};
    const headingId = uid("year-h");
    parts.phase = h("select", { class: "input", id: uid("phase"), "data-testid": "year-phase" },
      h("option", { value: "" }, t("ws.phase.none")),
      PHASES.map((p) => h("option", { value: p }, t(`ws.phase.${p}`))));
    parts.phase.addEventListener("change", () => {
      if (parts.phase.value) send("set_year_phase", { year, phase: Number(parts.phase.value) });
    });
    parts.plans = h("ul", { class: "ws-list", "data-testid": "year-plans" });
    parts.evaluation = h("div", { class: "ws-evaluation", "data-testid": "year-evaluation" });
    parts.meanings = h("ul", { class: "ws-list", "data-testid": "year-meanings" });
    const kinds = kindChoice();
    const el = h("section", { class: "ws-year", "aria-labelledby": headingId, "data-testid": "year",
                              "data-year": year },
      h("h3", { id: headingId }, t("ws.year.heading", { year })),
      labelled(t("ws.phase.label", { year }), parts.phase),
      h("h4", {}, t("ws.year.plans")), parts.plans,
      h("h4", {}, t("ws.evaluation.heading")), parts.evaluation,
      h("details", { class: "ws-year-details" }, h("summary", {}, t("ws.evaluation.write")),
        textForm(year, EVALUATION, "evaluation", "evaluation-form",
                 (args) => send("evaluate_year", args))),
      h("h4", {}, t("ws.meaning.heading")), parts.meanings,
      h("details", { class: "ws-year-details" }, h("summary", {}, t("ws.meaning.write")),
        textForm(year, ["text"], "meaning", "meaning-form",
                 (args, extra) => send("add_meaning", { year, text: args.text, kind: extra.value() }),
                 kinds)));
    return { el, parts };
  }

  function patchYear({ parts }, year, state) {
    const info = (state.years || {})[String(year)] || {};
    const phase = info.phase ? String(info.phase) : "";
    if (document.activeElement !== parts.phase && parts.phase.value !== phase) parts.phase.value = phase;
    const plans = (state.plans || []).filter((p) => Number(p.year) === year);
    const phaseText = info.phase ? t(`ws.phase.${info.phase}`) : t("ws.phase.none");
    parts.plans.replaceChildren(...(plans.length
      ? plans.map((p) => h("li", { "data-testid": "year-plan" },
        t("ws.year.plan_phase", { plan: fieldValue(p, "title") || t("ws.untitled_plan"), phase: phaseText })))
      : [h("li", { class: "hint" }, t("ws.year.no_plans"))]));
    const ev = info.evaluation;
    parts.evaluation.replaceChildren(...(ev
      ? [h("dl", { class: "ws-update-answers" }, EVALUATION.filter((k) => ev[k]).map((k) => [
          h("dt", {}, t(`ws.evaluation.${k}`)), h("dd", {}, ev[k])])),
        h("p", { class: "hint" }, t("ws.update_meta", { by: ev.by || t("ws.someone"),
                                                        when: formatMoment(ev.at, lang) }))]
      : [h("p", { class: "hint" }, t("ws.evaluation.none"))]));
    const meanings = (state.meanings || []).filter((m) => Number(m.year) === year);
    parts.meanings.replaceChildren(...(meanings.length
      ? meanings.map((m) => h("li", { "data-testid": "meaning", "data-kind": m.kind },
        h("span", { class: "tag" }, t(`ws.meaning.kind_${m.kind}`)), " ", m.text, " ",
        h("span", { class: "hint" }, t("ws.update_meta", { by: m.by || t("ws.someone"),
                                                           when: formatMoment(m.at, lang) }))))
      : [h("li", { class: "hint" }, t("ws.meaning.none"))]));
  }

  return function render(state) {
    const plans = state.plans || [];
    keyed(planRows, plans.map((p) => p.id), (id) => planRow({ id }, send), planList);
    for (const plan of plans) patchPlanRow(planRows.get(plan.id), plan);
    const years = yearsOf(state, thisYear);
    keyed(blocks, years, buildYear, container);
    for (const year of years) patchYear(blocks.get(year), year, state);
  };
}
