// Action planning on the console: a project plan per chosen strategy or challenge (made
// from the list in views/console/plan-sources.js), its fields (owner, who is involved,
// work goal, result by, notes) and its actions (views/console/plan-actions.js), with the
// time line and budget derived from the actions. Each plan links to its own page.
import { byId, h, setText, stableList } from "../../dom.js";
import { formatDate, formatEuros } from "../../format.js";
import { t, tn } from "../../i18n.js";
import { actionTotals, fieldValue, planActions } from "../../selectors/plans.js";
import { resultById } from "../../selectors/results.js";
import { stepAt, uses } from "../../selectors/steps.js";
import { editableField } from "./fields.js";
import { createActionRows } from "./plan-actions.js";
import { createPlanSources } from "./plan-sources.js";

// [field, kind]; the longest text the server takes comes in the boot data (`limits`)
const PLAN_FIELDS = [["title", "text"], ["owner", "text"], ["involved", "text"],
                     ["goal", "long"], ["result_by", "date"], ["notes", "long"]];

export function createPlans(ctx) {
  const { lang, boot } = ctx;
  const limits = boot.limits || { plan: {}, action: {} }; // pages/join.py field_limits()
  const panel = byId("plans-panel");
  const body = byId("plans-body");
  const sources = h("ul", { class: "plan-sources", "data-testid": "plan-sources" });
  const sourcesEmpty = h("p", { class: "hint" });
  const plans = h("div", { class: "plans", "data-testid": "plans" });
  body.append(h("p", { class: "hint" }, t("plan.intro")),
    h("h3", {}, t("plan.sources")), sourcesEmpty, sources, plans);
  const planSources = createPlanSources(ctx, { list: sources, empty: sourcesEmpty });
  const renderPlans = stableList(plans);
  const actionRows = createActionRows(ctx, limits);

  const planUrl = (plan) => `/console/w/${encodeURIComponent(boot.board_id)}/plans/${encodeURIComponent(plan.id)}`;

  function render(state) {
    const step = stepAt(state);
    panel.hidden = !uses(step, "action_plan");
    if (panel.hidden) return;
    planSources.render(state, step);
    renderPlans(state.plans || [], (p) => p.id, buildPlan, (node, p) => patchPlan(node, p, state));
  }

  function buildPlan(p) {
    const fields = PLAN_FIELDS.map(([name, kind]) => editableField({
      name, kind, maxLength: limits.plan[name], label: t(`plan.field_${name}`), testid: `plan-field-${name}`,
      save: (value, base) => ctx.send("update_plan", { plan_id: p.id, field: name, value, base },
                                      { quiet: ["superseded"] }) }));
    return buildPlanArticle(p, fields, { href: planUrl(p), maxWhat: limits.action.what,
                                         onAdd: (input) => addAction(p.id, input) });
  }

  async function addAction(planId, input) {
    const what = input.value.trim();
    if (!what) return ctx.say(t("plan.action_needs_what"));
    input.value = ""; // cleared now, so the next action can be typed while this one is sent
    const ack = await ctx.serial("add_action", { plan_id: planId, fields: { what } }, `add:${planId}`);
    if (ack && ack.ok) ctx.announce(t("plan.action_added", { what }));
    else if (!input.value) input.value = what; // not added: give the text back
  }

  function patchPlan(node, p, state) {
    const m = node._p;
    setText(m.title, fieldValue(p, "title") || t("plan.untitled"));
    const source = resultById(state, p.source_id);
    const issue = p.issue_id ? resultById(state, p.issue_id) : null;
    setText(m.origin, [source ? t("plan.from", { type: t(`type_one.${source.type}`), title: source.title }) : "",
                       issue ? t("plan.issue", { title: issue.title }) : ""].filter(Boolean).join(" · "));
    PLAN_FIELDS.forEach(([name], i) => m.fields[i].sync(p.fields && p.fields[name]));
    const list = planActions(state, p);
    setText(m.actionsTitle, tn("plan.actions", list.length));
    m.renderActions(list, (a) => a.id, actionRows.build, (el, a) => actionRows.patch(el, a));
    drawDerived(m, list, lang);
  }

  return { render };
}

/**
 * A plan's article: its title and page link, where it came from, its `fields`, the time
 * line and budget derived from its actions, its actions and the box that adds one
 * (`onAdd(input)` hears the button or Enter). The parts that change sit in `node._p`.
 */
function buildPlanArticle(p, fields, { href, maxWhat, onAdd }) {
  const title = h("h3", { class: "plan-title", tabindex: "-1" });
  const origin = h("p", { class: "plan-origin" });
  const timeline = h("ol", { class: "timeline", "data-testid": "plan-timeline" });
  const span = h("p", { class: "plan-span" });
  const budget = h("p", { class: "plan-budget", "data-testid": "plan-budget" });
  const actionsTitle = h("h4", {});
  const actions = h("ol", { class: "actions", "data-testid": "actions" });
  const what = h("input", { class: "input", type: "text", id: `new-action-${p.id}`,
                            maxlength: maxWhat,
                            "data-testid": "new-action-what" });
  const add = h("button", { class: "button", type: "button", "data-testid": "add-action",
                            onclick: () => onAdd(what) }, t("plan.add_action"));
  what.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); onAdd(what); } });
  const node = h("article", { class: "plan", id: `plan-${p.id}`, "data-plan-id": p.id, "data-testid": "plan" },
    h("div", { class: "plan-head" }, title,
      h("a", { class: "button button-small", href, "data-testid": "plan-page-link" },
        t("plan.open_page"))),
    origin,
    h("div", { class: "plan-grid" }, ...fields.map((f) => f.el)),
    h("section", { class: "plan-derived", "aria-label": t("plan.derived") },
      h("h4", {}, t("plan.timeline")), span, timeline, h("h4", {}, t("plan.budget")), budget),
    actionsTitle, actions,
    h("div", { class: "action-add" },
      h("label", { class: "label", for: what.id }, t("plan.new_action")),
      h("div", { class: "copy-row" }, what, add)));
  node._p = { title, origin, fields, timeline, span, budget, actionsTitle,
              renderActions: stableList(actions), renderTimeline: stableList(timeline) };
  return node;
}

/** What a plan's actions add up to: its span of dates, its time line, its budget. */
function drawDerived(m, list, lang) {
  const totals = actionTotals(list);
  setText(m.span, totals.first ? t("plan.span", { from: formatDate(totals.first, lang),
                                                 to: formatDate(totals.last, lang) }) : t("plan.no_dates"));
  const dated = totals.timeline.filter((a) => fieldValue(a, "start") || fieldValue(a, "due"));
  m.renderTimeline(dated, (a) => a.id, () => h("li", {}), (li, a) => setText(li, timelineLine(a, lang)));
  setText(m.budget, t("plan.budget_line", { hours: tn("plan.hours", totals.hours),
                                           euros: formatEuros(totals.euros, lang) }));
}

/** One action on a plan's time line: when, what and who. */
function timelineLine(a, lang) {
  const start = fieldValue(a, "start");
  const due = fieldValue(a, "due");
  const when = start && due ? `${formatDate(start, lang)} – ${formatDate(due, lang)}`
    : formatDate(start || due, lang);
  const owner = fieldValue(a, "owner");
  return owner ? t("plan.timeline_owner", { when, what: fieldValue(a, "what"), owner })
    : t("plan.timeline_line", { when, what: fieldValue(a, "what") });
}
