// The council meeting's review screen of a group's plan workspace (/g/<id>/plans/screen):
// read-only and live, in big text. The open actions (not done, not dropped) grouped by
// plan; overdue ones first, said in words. User text only via text nodes.
import { byId, h, setText } from "../dom.js";
import { t, tn } from "../i18n.js";
import { fieldValue, formatDate } from "../planning.js";
import { localToday } from "./workspace-actions.js";

const CLOSED = ["gereed", "geschrapt"];

/** Plans with their open actions: overdue first, then by due date (undated last). */
export function openByPlan(state, today) {
  const plans = new Map((state.plans || []).map((p) => [p.id, { plan: p, actions: [] }]));
  for (const action of state.actions || []) {
    const status = fieldValue(action, "status") || "idee";
    if (CLOSED.includes(status) || !plans.has(action.plan_id)) continue;
    const due = fieldValue(action, "due") || "";
    plans.get(action.plan_id).actions.push({ action, status, due, overdue: Boolean(due) && due < today });
  }
  const order = (a, b) => (b.overdue - a.overdue) || ((a.due || "9999") < (b.due || "9999") ? -1
    : (a.due || "9999") > (b.due || "9999") ? 1 : 0);
  const groups = [...plans.values()].filter((g) => g.actions.length);
  for (const g of groups) {
    g.actions.sort(order);
    g.overdue = g.actions.filter((a) => a.overdue).length;
  }
  return groups.sort((a, b) => (b.overdue > 0) - (a.overdue > 0));
}

export function startWorkspaceScreen({ boot, store }) {
  const lang = boot.lang;
  const container = byId("screen-plans");
  const empty = byId("screen-empty");
  const summary = byId("screen-summary");
  let shown = "";

  function item({ action, status, due, overdue }) {
    const owner = fieldValue(action, "owner");
    return h("li", { class: "screen-action", "data-testid": "screen-action",
                     "data-overdue": String(overdue), "data-status": status },
      h("p", { class: "screen-what" },
        overdue ? h("strong", { class: "screen-late", "data-testid": "screen-overdue" }, t("ws.overdue")) : null,
        overdue ? " " : null, fieldValue(action, "what") || t("ws.untitled_action")),
      h("p", { class: "screen-meta" },
        owner ? t("ws.owner", { name: owner }) : t("ws.no_owner"), " · ",
        due ? t("ws.due", { date: formatDate(due, lang) }) : t("ws.no_due"), " · ",
        t("ws.screen.status", { status: t(`status.${status}`) })));
  }

  function render() {
    const state = store.state;
    if (!state) return;
    const today = localToday();
    const groups = openByPlan(state, today);
    const sig = JSON.stringify([today, groups.map((g) => [g.plan.id, fieldValue(g.plan, "title"),
      g.actions.map((a) => [a.action.id, a.status, a.due, fieldValue(a.action, "what"),
                            fieldValue(a.action, "owner")])])]);
    if (sig === shown) return;
    shown = sig;
    const open = groups.reduce((n, g) => n + g.actions.length, 0);
    const late = groups.reduce((n, g) => n + g.overdue, 0);
    setText(summary, open ? `${tn("ws.screen.open", open)} · ${tn("ws.screen.late", late)}` : "");
    empty.hidden = open > 0;
    setText(empty, open ? "" : t("ws.screen.none"));
    container.replaceChildren(...groups.map((g) => h("section", { class: "screen-plan",
                                                                  "data-testid": "screen-plan" },
      h("h2", {}, fieldValue(g.plan, "title") || t("ws.untitled_plan")),
      h("ul", { class: "screen-actions" }, g.actions.map(item)))));
  }

  store.subscribe(render);
  setInterval(render, 60_000); // "overdue" turns over at midnight
  render();
}
