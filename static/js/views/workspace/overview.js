// The plan overview (desired future, challenges, strategies, project plans) and the
// history (who changed what, and when) of a group's plan workspace. Both only show text;
// they are rebuilt when what they show changed. User text only via textContent.
import { h, setText } from "../../dom.js";
import { formatDate, formatMoment } from "../../format.js";
import { t, tn } from "../../i18n.js";
import { fieldValue } from "../../selectors/plans.js";

const SHOWN_HISTORY = 30;
const SECTIONS = [
  ["vision_element", "ws.overview.vision"],
  ["challenge", "ws.overview.challenges"],
  ["strategy", "ws.overview.strategies"],
];

function titled(items, text) {
  return items.length
    ? h("ul", { class: "ws-list" }, items.map((item) => h("li", {}, text(item))))
    : h("p", { class: "hint" }, t("ws.overview.none"));
}

function planItem(plan, state) {
  const actions = (plan.action_ids || []).length;
  const goal = fieldValue(plan, "goal");
  const owner = fieldValue(plan, "owner");
  return h("li", { class: "ws-plan", "data-testid": "ws-plan" },
    h("p", { class: "ws-plan-title" }, fieldValue(plan, "title") || t("ws.untitled_plan")),
    goal ? h("p", {}, t("ws.overview.goal", { goal })) : null,
    owner ? h("p", {}, t("ws.owner", { name: owner })) : null,
    h("p", { class: "hint" },
      plan.year ? t("ws.overview.year", { year: plan.year }) : t("ws.overview.no_year"),
      " · ", tn("ws.overview.actions", actions)));
}

export function createOverview({ container, lang }) {
  let shown = "";
  return function render(state) {
    const sig = JSON.stringify([state.results, state.plans, state.evenings,
                                (state.actions || []).length]);
    if (sig === shown) return;
    shown = sig;
    const results = state.results || [];
    const parts = SECTIONS.map(([type, key]) => [
      h("h3", {}, t(key)),
      titled(results.filter((r) => r.type === type), (r) => r.title),
    ]);
    parts.push(h("h3", {}, t("ws.overview.plans")));
    const plans = state.plans || [];
    parts.push(plans.length
      ? h("ul", { class: "ws-list ws-plans" }, plans.map((p) => planItem(p, state)))
      : h("p", { class: "hint" }, t("ws.overview.none")));
    parts.push(h("h3", {}, t("ws.overview.evenings")));
    parts.push(titled(state.evenings || [], (e) => t("ws.overview.evening", {
      title: e.title, date: formatDate(new Date(e.taken_over_at).toISOString().slice(0, 10), lang) })));
    container.replaceChildren(...parts.flat());
  };
}

/** One history line in words, with names looked up in the current state. */
export function historyText(entry, state) {
  const d = entry.data || {};
  const by = d.by || t("ws.someone");
  const action = (state.actions || []).find((a) => a.id === (d.action_id || (d.action && d.action.id)));
  const what = (action && fieldValue(action, "what")) || t("ws.untitled_action");
  const plan = (state.plans || []).find((p) => p.id === d.plan_id);
  const planTitle = (plan && fieldValue(plan, "title")) || t("ws.untitled_plan");
  switch (entry.name) {
    case "evening_taken_over":
      return t("ws.history.taken_over", { by, title: (d.evening && d.evening.title) || "" });
    case "evening_returned":
      return t("ws.history.returned", { by, title: (d.evening && d.evening.title) || "" });
    case "action_updated":
      return d.field === "status"
        ? t("ws.history.status", { by, what, status: t(`status.${d.value}`) })
        : t("ws.history.field", { by, what, field: t(`action.field_${d.field}`) });
    case "action_added":
      return t("ws.history.added", { by, what });
    case "action_update_added":
      return t("ws.history.update", { by, what });
    case "plan_updated":
      return d.field === "year"
        ? t("ws.history.year", { by, plan: planTitle, year: d.value })
        : t("ws.history.plan", { by, plan: planTitle });
    case "year_phase_set":
      return t("ws.history.phase", { by, year: d.year, phase: d.phase });
    case "year_evaluated":
      return t("ws.history.evaluated", { by, year: d.year });
    case "meaning_added":
      return t("ws.history.meaning", { by, year: d.meaning && d.meaning.year });
    case "plan_imported":
      return t("ws.history.imported", { by });
    case "share_progress_set":
      return t(d.on ? "ws.history.share_on" : "ws.history.share_off", { by });
    default:
      return t("ws.history.other", { by });
  }
}

export function createHistory({ container, empty, lang }) {
  let shown = "";
  return function render(state) {
    const entries = (state.history || []).slice(-SHOWN_HISTORY).reverse();
    const sig = entries.map((e) => e.version).join(",") + JSON.stringify(state.actions || []).length;
    if (sig === shown) return;
    shown = sig;
    empty.hidden = entries.length > 0;
    setText(empty, entries.length ? "" : t("ws.history.none"));
    container.replaceChildren(...entries.map((entry) => h("li", { class: "ws-history-item",
                                                                 "data-testid": "history-item" },
      h("span", {}, historyText(entry, state)), " ",
      h("time", { class: "ws-history-when", datetime: entry.data && entry.data.at
        ? new Date(entry.data.at).toISOString() : null },
      formatMoment(entry.data && entry.data.at, lang)))));
  };
}
