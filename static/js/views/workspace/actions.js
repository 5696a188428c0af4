// The action board of a group's plan workspace, the first thing on the page: every action
// with its status, owner and due date, in the order a member follows them up (overdue
// first, then the other open ones by due date, done and dropped last); its due date (overdue said in words, not colour alone), its ORID updates and a form to add
// one (views/workspace/orid-form.js). Cards are built once per action and then patched, so a half-written update keeps
// its text and focus while other members change things. User text only via textContent.
import { h, setText, stableList } from "../../dom.js";
import { formatDate, formatMoment } from "../../format.js";
import { t, tn } from "../../i18n.js";
import { fieldValue } from "../../selectors/plans.js";
import { isOverdue } from "../../selectors/workspace.js";
import { ORID, oridForm } from "./orid-form.js";

export const STATUSES = ["idee", "gepland", "bezig", "gereed", "vastgelopen", "geschrapt"];
const CLOSED = new Set(["gereed", "geschrapt"]);

function updateItem(update, lang) {
  const answers = ORID.filter((k) => update[k]).map((k) => [
    h("dt", {}, t(`ws.orid.${k}`)), h("dd", {}, update[k])]);
  return h("li", { class: "ws-update", "data-testid": "action-update" },
    h("p", { class: "ws-update-meta" },
      t("ws.update_meta", { by: update.by || t("ws.someone"), when: formatMoment(update.at, lang) })),
    h("dl", { class: "ws-update-answers" }, answers));
}

/**
 * `send(name, args)` queues a command in the durable outbox; `pending(actionId)` tells what
 * of this action is still waiting there: `{status, statuses, updates}`.
 */
export function createActionBoard({ container, empty, lang, send, pending, today }) {
  const update = stableList(container);

  function build({ action }) {
    const id = action.id;
    const parts = {};
    parts.what = h("h3", { class: "ws-action-what", "data-testid": "action-what" });
    parts.plan = h("p", { class: "ws-action-plan" });
    parts.owner = h("span", { class: "ws-action-owner" });
    parts.due = h("span", { class: "ws-action-due", "data-testid": "action-due" });
    parts.overdue = h("strong", { class: "ws-overdue", "data-testid": "action-overdue", hidden: true },
      t("ws.overdue"));
    parts.select = h("select", { class: "input ws-status-select", id: `ws-status-${id}`,
                                 "data-testid": "action-status", onchange: () => changeStatus(parts) },
      STATUSES.map((s) => h("option", { value: s }, t(`status.${s}`))));
    parts.waiting = h("p", { class: "ws-waiting", "data-testid": "action-waiting", role: "status", hidden: true });
    parts.summary = h("summary", { class: "ws-updates-summary" });
    parts.updates = h("ol", { class: "ws-updates", "data-testid": "action-updates" });
    parts.form = oridForm({ actionId: () => parts.action.id, send });
    const el = h("article", { class: "ws-action", "data-testid": "ws-action", "data-action-id": id },
      parts.what, parts.plan,
      h("p", { class: "ws-action-meta" }, parts.owner, " · ", parts.due, " ", parts.overdue),
      h("div", { class: "ws-status-row" },
        h("label", { class: "label", for: `ws-status-${id}` }, t("ws.status_label")), parts.select),
      parts.waiting,
      h("details", { class: "ws-orid" }, parts.summary, parts.updates, parts.form));
    el.parts = parts;
    return el;
  }

  function changeStatus(parts) {
    const action = parts.action;
    const field = action.fields.status;
    // a change queued before this one will have moved the version on by the time this arrives
    const base = field.v + pending(action.id).statuses;
    send("set_action_status", { action_id: action.id, status: parts.select.value, base });
  }

  function patch(el, { action, plan }) {
    const p = el.parts;
    p.action = action;
    const waiting = pending(action.id);
    const status = waiting.status || fieldValue(action, "status") || "idee";
    const overdue = isOverdue(action, status, today());
    setText(p.what, fieldValue(action, "what") || t("ws.untitled_action"));
    setText(p.plan, t("ws.plan", { title: (plan && fieldValue(plan, "title")) || t("ws.untitled_plan") }));
    const owner = fieldValue(action, "owner");
    setText(p.owner, owner ? t("ws.owner", { name: owner }) : t("ws.no_owner"));
    const due = fieldValue(action, "due");
    setText(p.due, due ? t("ws.due", { date: formatDate(due, lang) }) : t("ws.no_due"));
    p.overdue.hidden = !overdue;
    el.dataset.status = status;
    el.dataset.overdue = String(overdue);
    if (document.activeElement !== p.select && p.select.value !== status) p.select.value = status;
    p.waiting.hidden = !waiting.status && !waiting.updates;
    setText(p.waiting, waiting.status || waiting.updates ? t("ws.waiting") : "");
    const updates = Array.isArray(action.updates) ? action.updates : [];
    setText(p.summary, tn("ws.updates", updates.length));
    const sig = updates.map((u) => u.id).join(",");
    if (p.updates.dataset.sig !== sig) {
      p.updates.replaceChildren(...updates.slice().reverse().map((u) => updateItem(u, lang)));
      p.updates.dataset.sig = sig;
    }
  }

  /** Sort key: 0 overdue, 1 open, 2 done or dropped; then by due date (none last). */
  function rank({ action }) {
    const status = pending(action.id).status || fieldValue(action, "status") || "idee";
    const group = isOverdue(action, status, today()) ? 0 : CLOSED.has(status) ? 2 : 1;
    return [group, fieldValue(action, "due") || "9999-99-99"];
  }

  let order = [];   // action ids in the order last shown
  let last = null;  // the state last drawn, to sort again once focus leaves the board

  function ordered(items) {
    const sorted = items.map((item, i) => [rank(item), i, item])
      .sort(([a, i], [b, j]) => a[0] - b[0] || a[1].localeCompare(b[1]) || i - j)
      .map(([, , item]) => item);
    // While someone works in a card (its status list, its update form) the cards stay
    // where they are: moving a focused element loses its focus. They are sorted again
    // as soon as focus leaves the board.
    if (!container.contains(document.activeElement)) return sorted;
    const at = new Map(order.map((id, i) => [id, i]));
    const known = items.filter((item) => at.has(item.action.id))
      .sort((a, b) => at.get(a.action.id) - at.get(b.action.id));
    return known.concat(sorted.filter((item) => !at.has(item.action.id)));
  }

  function render(state) {
    last = state;
    const plans = new Map((state.plans || []).map((p) => [p.id, p]));
    const items = ordered((state.actions || []).map((action) => ({ action, plan: plans.get(action.plan_id) })));
    order = items.map((item) => item.action.id);
    empty.hidden = items.length > 0;
    setText(empty, items.length ? "" : t("ws.no_actions"));
    update(items, (item) => item.action.id, build, patch);
  }

  container.addEventListener("focusout", (event) => {
    if (last && !container.contains(event.relatedTarget)) setTimeout(() => render(last), 0);
  });
  return render;
}
