// Action planning on the console: a project plan per chosen strategy or challenge, its
// fields (owner, who is involved, work goal, result by, notes) and its actions, with the
// time line and budget derived from the actions. Each plan links to its own page.
import { byId, h, setAttr, setOptions, setText, stableList } from "../../dom.js";
import { formatDate, formatEuros } from "../../format.js";
import { t, tn } from "../../i18n.js";
import { actionTotals, fieldValue, planActions, planOfSource } from "../../selectors/plans.js";
import { resultById, resultsWhere } from "../../selectors/results.js";
import { stepAt, uses } from "../../selectors/steps.js";
import { editableField } from "./fields.js";

// [field, kind]; the longest text the server takes comes in the boot data (`limits`)
const PLAN_FIELDS = [["title", "text"], ["owner", "text"], ["involved", "text"],
                     ["goal", "long"], ["result_by", "date"], ["notes", "long"]];
const ACTION_FIELDS = [["what", "text"], ["owner", "text"], ["helpers", "text"],
                       ["partners", "text"], ["start", "date"], ["due", "date"], ["hours", "hours"],
                       ["euros", "euros"], ["money_source", "text"]];

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
  const renderSources = stableList(sources);
  const renderPlans = stableList(plans);

  const planUrl = (plan) => `/console/w/${encodeURIComponent(boot.board_id)}/plans/${encodeURIComponent(plan.id)}`;

  function render(state) {
    const step = stepAt(state);
    panel.hidden = !uses(step, "action_plan");
    if (panel.hidden) return;
    const offered = [...resultsWhere(state, { type: "strategy" }), ...resultsWhere(state, { type: "challenge" })];
    setText(sourcesEmpty, offered.length ? "" : t("plan.no_sources"));
    renderSources(offered, (r) => r.id, buildSource, (node, r) => patchSource(node, r, state, step));
    renderPlans(state.plans || [], (p) => p.id, buildPlan, (node, p) => patchPlan(node, p, state));
  }

  function buildSource(r) {
    const issue = h("select", { class: "input input-small", id: `plan-issue-${r.id}`, "data-testid": "plan-issue" });
    const make = h("button", { class: "button button-small button-primary", type: "button",
                               "data-testid": "create-plan", onclick: () => create(r, issue.value) }, t("plan.make"));
    const link = h("a", { class: "plan-jump", "data-testid": "plan-jump" }, t("plan.jump"));
    // a strategy's plan may name the challenge it answers (its vraagstuk); chosen when made
    const pick = r.type === "strategy" ? h("span", { class: "plan-issue-pick" },
      h("label", { class: "label-inline", for: issue.id }, t("plan.issue_pick")), issue) : null;
    return h("li", { class: "plan-source", "data-result-id": r.id, "data-testid": "plan-source" },
      h("span", { class: "tag" }, t(`type_one.${r.type}`)), h("span", { class: "plan-source-title" }),
      h("span", { class: "plan-source-meta" }), pick, make, link);
  }

  function patchSource(node, r, state, step) {
    const plan = planOfSource(state, r.id);
    setText(node.querySelector(".plan-source-title"), r.title);
    setText(node.querySelector(".plan-source-meta"), tn("vote.dots", r.votes || 0));
    const make = node.querySelector("button");
    make.hidden = Boolean(plan);
    const pick = node.querySelector(".plan-issue-pick");
    if (pick) {
      pick.hidden = Boolean(plan);
      setOptions(pick.querySelector("select"), [{ value: "", label: t("plan.issue_none") },
        ...resultsWhere(state, { type: "challenge" }).map((c) => ({ value: c.id, label: c.title }))]);
    }
    make.disabled = !uses(step, "action_plan") || ctx.isBusy(`plan:${r.id}`);
    const link = node.querySelector("a");
    link.hidden = !plan;
    if (plan) setAttr(link, "href", `#plan-${plan.id}`);
  }

  async function create(r, issueId) {
    const args = { source_id: r.id };
    if (issueId) args.issue_id = issueId;
    const ack = await ctx.run("create_plan", args, `plan:${r.id}`);
    if (ack && ack.ok) ctx.announce(t("plan.made", { title: r.title }));
  }

  function buildPlan(p) {
    const title = h("h3", { class: "plan-title", tabindex: "-1" });
    const origin = h("p", { class: "plan-origin" });
    const fields = PLAN_FIELDS.map(([name, kind]) => editableField({
      name, kind, maxLength: limits.plan[name], label: t(`plan.field_${name}`), testid: `plan-field-${name}`,
      save: (value, base) => ctx.send("update_plan", { plan_id: p.id, field: name, value, base },
                                      { quiet: ["superseded"] }) }));
    const timeline = h("ol", { class: "timeline", "data-testid": "plan-timeline" });
    const span = h("p", { class: "plan-span" });
    const budget = h("p", { class: "plan-budget", "data-testid": "plan-budget" });
    const actionsTitle = h("h4", {});
    const actions = h("ol", { class: "actions", "data-testid": "actions" });
    const what = h("input", { class: "input", type: "text", id: `new-action-${p.id}`,
                              maxlength: limits.action.what,
                              "data-testid": "new-action-what" });
    const add = h("button", { class: "button", type: "button", "data-testid": "add-action",
                              onclick: () => addAction(p.id, what) }, t("plan.add_action"));
    what.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); addAction(p.id, what); } });
    const node = h("article", { class: "plan", id: `plan-${p.id}`, "data-plan-id": p.id, "data-testid": "plan" },
      h("div", { class: "plan-head" }, title,
        h("a", { class: "button button-small", href: planUrl(p), "data-testid": "plan-page-link" },
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
    m.renderActions(list, (a) => a.id, buildAction, (el, a) => patchAction(el, a));
    const totals = actionTotals(list);
    setText(m.span, totals.first ? t("plan.span", { from: formatDate(totals.first, lang),
                                                   to: formatDate(totals.last, lang) }) : t("plan.no_dates"));
    const dated = totals.timeline.filter((a) => fieldValue(a, "start") || fieldValue(a, "due"));
    m.renderTimeline(dated, (a) => a.id, () => h("li", {}), (li, a) => setText(li, timelineLine(a)));
    setText(m.budget, t("plan.budget_line", { hours: tn("plan.hours", totals.hours),
                                             euros: formatEuros(totals.euros, lang) }));
  }

  function timelineLine(a) {
    const start = fieldValue(a, "start");
    const due = fieldValue(a, "due");
    const when = start && due ? `${formatDate(start, lang)} – ${formatDate(due, lang)}`
      : formatDate(start || due, lang);
    const owner = fieldValue(a, "owner");
    return owner ? t("plan.timeline_owner", { when, what: fieldValue(a, "what"), owner })
      : t("plan.timeline_line", { when, what: fieldValue(a, "what") });
  }

  function buildAction(a) {
    const fields = ACTION_FIELDS.map(([name, kind]) => editableField({
      name, kind, maxLength: limits.action[name], label: t(`action.field_${name}`), testid: `action-field-${name}`,
      save: (value, base) => ctx.send("update_action", { action_id: a.id, field: name, value, base },
                                      { quiet: ["superseded"] }) }));
    const status = h("span", { class: "tag", "data-testid": "action-status" });
    const confirm = h("span", { class: "confirm-row", hidden: true },
      h("span", {}, t("action.remove_confirm")),
      h("button", { class: "button button-small button-danger", type: "button", "data-testid": "remove-action-yes",
                    onclick: () => removeAction(a) }, t("action.remove_yes")),
      h("button", { class: "button button-small", type: "button",
                    onclick: () => { confirm.hidden = true; remove.focus(); } }, t("card.keep")));
    const remove = h("button", { class: "button button-small button-quiet", type: "button",
                                 "data-testid": "remove-action",
                                 onclick: () => { confirm.hidden = false; confirm.querySelector("button").focus(); } },
      t("action.remove"));
    const node = h("li", { class: "action", "data-action-id": a.id, "data-testid": "action" },
      h("div", { class: "action-grid" }, ...fields.map((f) => f.el)),
      h("div", { class: "action-foot" }, status, remove, confirm));
    node._a = { fields, status };
    return node;
  }

  async function removeAction(a) {
    const ack = await ctx.run("remove_action", { action_id: a.id }, `action:${a.id}`);
    if (ack && ack.ok) ctx.announce(t("action.removed", { what: fieldValue(a, "what") || "" }));
  }

  function patchAction(node, a) {
    const m = node._a;
    ACTION_FIELDS.forEach(([name], i) => m.fields[i].sync(a.fields && a.fields[name]));
    const status = fieldValue(a, "status") || "idee";
    setText(m.status, t("action.status", { status: t(`status.${status}`) }));
  }

  return { render };
}
