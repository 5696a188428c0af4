// Entry point of every live page: read the boot block, connect, start the view for the role.
import { setStrings, t } from "./i18n.js";
import { createStore } from "./store.js";
import { connect } from "./socket.js";
import { setText } from "./dom.js";
import { startPhone } from "./views/phone/start.js";
import { startProjector } from "./views/projector/start.js";
import { startConsole } from "./views/console/start.js";
import { startWorkspace } from "./views/workspace/start.js";
import { startWorkspaceScreen } from "./views/workspace/screen.js";
import { applyWorkspaceEvent } from "./reducers/apply-workspace.js";

// role -> view; a page may name its view instead (`boot.view`), e.g. a facilitator on a
// group's plan workspace gets the workspace, not the evening's console
const VIEWS = { participant: startPhone, projector: startProjector, facilitator: startConsole,
                member: startWorkspace };
const NAMED_VIEWS = { workspace: startWorkspace, workspace_screen: startWorkspaceScreen };
const REDUCERS = { workspace: applyWorkspaceEvent, workspace_screen: applyWorkspaceEvent }; // per named view; else the evening's

const STATUS_KEYS = {
  connecting: "conn.connecting",
  online: "conn.online",
  reconnecting: "conn.reconnecting",
  refused: "conn.refused",
};

function readBoot() {
  const el = document.getElementById("boot");
  if (!el) return null;
  try {
    return JSON.parse(el.textContent);
  } catch (_) {
    return null;
  }
}

/** The connection indicator: a dot and a word, so it never relies on colour alone. */
function showStatus(status) {
  const box = document.getElementById("conn");
  const text = document.getElementById("conn-text");
  if (!box || !text) return;
  box.dataset.state = status;
  setText(text, t(STATUS_KEYS[status] || "conn.reconnecting"));
  document.documentElement.dataset.conn = status;
}

/** The group took the facilitator's access back: the console or projector stops
 *  showing the evening (its cards, plans and the group's review) and says why. */
function closeScreen(role) {
  const main = document.getElementById("main");
  if (!main) return;
  const notice = document.createElement("p");
  notice.className = "closed-notice";
  notice.dataset.testid = "access-closed";
  notice.setAttribute("role", "alert");
  setText(notice, t(role === "facilitator" ? "conn.not_granted_you" : "conn.not_granted"));
  main.replaceChildren(notice);
}

function start() {
  const boot = readBoot();
  const viewName = boot && (boot.view || (boot.role === "member" ? "workspace" : null));
  const view = boot && (NAMED_VIEWS[viewName] || VIEWS[boot.role]);
  if (!view) return;
  setStrings(boot.strings);
  const store = createStore({ staff: boot.role === "facilitator", reduce: REDUCERS[viewName] });
  const statusListeners = [];
  const live = connect({
    token: boot.token,
    lang: boot.lang,
    store,
    onStatus(status, detail) {
      showStatus(status);
      if (status === "refused" && detail === "not_granted") closeScreen(boot.role);
      for (const fn of statusListeners) fn(status, detail);
    },
  });
  showStatus("connecting");
  view({
    boot,
    store,
    live,
    onStatus: (fn) => statusListeners.push(fn),
  });
}

start();
