// A resident group's plan workspace (docs/workspace.md), for members and granted
// facilitators: the action board first, then the sections behind tabs (plans and years,
// pictures, history and downloads, who can do what), all live. Every change
// goes through the durable outbox (localStorage), so a status changed offline is kept on
// the device and arrives exactly once when the connection is back.
import { announce, byId, setText } from "../../dom.js";
import { localToday } from "../../format.js";
import { t, tn } from "../../i18n.js";
import { createOutbox } from "../../outbox.js";
import { fieldValue } from "../../selectors/plans.js";
import { createActionBoard } from "./actions.js";
import { createDownloads } from "./downloads.js";
import { createOpenPoints } from "./open-points.js";
import { createHistory, createOverview } from "./overview.js";
import { createLivePictures } from "./pictures.js";
import { createSections } from "./sections.js";
import { createYears } from "./years.js";

const YEARLY = ["set_plan_year", "set_year_phase", "evaluate_year", "add_meaning"];

export function startWorkspace({ boot, store, live, onStatus }) {
  createSections({ tablist: byId("ws-tablist") });
  const lang = boot.lang;
  const status = byId("ws-status");
  let problem = "";

  const outbox = createOutbox({
    socket: live.socket,
    boardId: boot.board_id,
    durable: true,
    maxBytes: boot.max_command_bytes,
    onChange: render,
    onResult(entry, ack) {
      if (ack.ok) {
        live.catchUp(ack.version);
        if (entry.name === "add_action_update") announce(t("ws.orid.saved"));
        if (YEARLY.includes(entry.name)) announce(t("ws.year.saved"));
      } else {
        problem = (ack.error && ack.error.message) || t("ws.failed");
        announce(problem);
      }
    },
  });

  /** What of an action still waits in the outbox: its newest status, how many of each. */
  function pending(actionId) {
    const mine = outbox.list().filter((e) => e.args && e.args.action_id === actionId);
    const statuses = mine.filter((e) => e.name === "set_action_status");
    return {
      status: statuses.length ? statuses[statuses.length - 1].args.status : null,
      statuses: statuses.length,
      updates: mine.filter((e) => e.name === "add_action_update").length,
    };
  }

  function send(name, args) {
    problem = "";
    outbox.enqueue(name, args);
    if (name === "set_action_status") {
      const action = (store.state.actions || []).find((a) => a.id === args.action_id);
      announce(t("ws.status_changed", { what: fieldValue(action, "what") || "",
                                        status: t(`status.${args.status}`) }));
    }
  }

  const actions = createActionBoard({
    container: byId("ws-actions"), empty: byId("ws-actions-empty"), lang, send, pending,
    today: () => localToday(),
  });
  const overview = createOverview({ container: byId("ws-overview"), lang });
  const years = createYears({ planList: byId("ws-plan-years"), container: byId("ws-years"), lang,
                              send, thisYear: Number((boot.today || "").slice(0, 4)) || new Date().getFullYear() });
  const openPoints = createOpenPoints({ container: byId("ws-open-points"),
                                       empty: byId("ws-open-points-empty") });
  const history = createHistory({ container: byId("ws-history"), empty: byId("ws-history-empty"), lang });
  const downloads = createDownloads({ container: byId("ws-downloads") });

  function showStatus() {
    const waiting = outbox.list().length;
    let text = problem;
    if (!text && waiting) {
      text = live.status() === "online" ? t("ws.saving") : tn("ws.waiting_count", waiting);
    }
    status.hidden = !text;
    status.dataset.kind = problem ? "problem" : "waiting";
    setText(status, text);
  }

  function render() {
    showStatus();
    if (!store.state) return;
    actions(store.state);
    overview(store.state);
    openPoints(store.state);
    years(store.state);
    history(store.state);
    downloads(store.state);
  }

  store.subscribe(render);
  store.subscribe(createLivePictures({ container: byId("ws-pictures-body") }));
  onStatus(render);
  render();
}
