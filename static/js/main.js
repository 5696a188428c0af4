// Entry point of every live page: read the boot block, connect, start the view for the role.
// Only the view this page runs is loaded (`import()` below): a phone never downloads the
// console's code. The page preloads that view's whole module graph (<link
// rel="modulepreload">, server/module_graph.py), so the wait here is no extra round trip.
import { setStrings, t } from "./i18n.js";
import { createStore } from "./store.js";
import { connect, openLine } from "./socket.js";
import { setText } from "./dom.js";
import { showBoard, takePart } from "./join.js";

// view name -> its module(s): the boot block's `view` names one (a facilitator on a
// group's plan workspace gets the workspace, not the evening's console), else the role
// does (a member's is the workspace). `reduce` is the board kind's reducer; without one
// the store takes an evening's. Keep in step with VIEW_ENTRIES in server/module_graph.py.
const VIEWS = {
  participant: () => import("./views/phone/start.js").then((m) => ({ start: m.startPhone })),
  projector: () => import("./views/projector/start.js").then((m) => ({ start: m.startProjector })),
  facilitator: () => import("./views/console/start.js").then((m) => ({ start: m.startConsole })),
  workspace: () => Promise.all([
    import("./views/workspace/start.js"), import("./reducers/apply-workspace.js"),
  ]).then(([m, r]) => ({ start: m.startWorkspace, reduce: r.applyWorkspaceEvent })),
  workspace_screen: () => Promise.all([
    import("./views/workspace/screen.js"), import("./reducers/apply-workspace.js"),
  ]).then(([m, r]) => ({ start: m.startWorkspaceScreen, reduce: r.applyWorkspaceEvent })),
};

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

function viewNameOf(boot) {
  if (boot.view && VIEWS[boot.view]) return boot.view;
  return boot.role === "member" ? "workspace" : boot.role;
}

/** The translated strings: a module of their own, cached for long and preloaded by the
 *  page (server/pages/script_strings.py). Without them the screen still works, in keys. */
async function loadStrings(url) {
  try {
    return (await import(url)).default;
  } catch (_) {
    return {};
  }
}

async function start() {
  const boot = readBoot();
  const load = boot && VIEWS[viewNameOf(boot)];
  if (!load) return;
  const line = openLine(); // the handshake goes while the view and strings load
  // a new phone's name form: the resident reads it meanwhile (join.js)
  const [view, strings, token] = await Promise.all([
    load(), loadStrings(boot.strings_url), boot.token ? null : takePart(),
  ]);
  if (token) boot.token = token;
  setStrings(strings);
  showBoard();
  const store = createStore({ staff: boot.role === "facilitator", reduce: view.reduce });
  const statusListeners = [];
  const live = connect({
    line,
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
  view.start({
    boot,
    store,
    live,
    onStatus: (fn) => statusListeners.push(fn),
  });
}

start();
