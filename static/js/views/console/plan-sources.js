// The console's list of what a project plan can be made from: the chosen strategies and
// challenges, each with its dots, "make a plan" (a strategy's plan may name the challenge
// it answers) or a link to the plan made. It owns `create_plan` and its answer.
import { h, setAttr, setOptions, setText, stableList } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { planOfSource } from "../../selectors/plans.js";
import { resultsWhere } from "../../selectors/results.js";
import { uses } from "../../selectors/steps.js";

export function createPlanSources(ctx, { list, empty }) {
  const renderSources = stableList(list);

  function render(state, step) {
    const offered = [...resultsWhere(state, { type: "strategy" }), ...resultsWhere(state, { type: "challenge" })];
    setText(empty, offered.length ? "" : t("plan.no_sources"));
    renderSources(offered, (r) => r.id, buildSource, (node, r) => patchSource(node, r, state, step));
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

  return { render };
}
