// The council meeting's review screen of a group's plan workspace (/g/<id>/plans/screen):
// read-only and live, in big text. The open actions (not done, not dropped) grouped by
// plan; overdue ones first, said in words. User text only via text nodes.
import { byId, h, setText } from "../../dom.js";
import { localToday } from "../../format.js";
import { t, tn } from "../../i18n.js";
import { reviewGroups } from "../../selectors/review.js";
import { openActionsReview } from "../../selectors/workspace.js";
import { actionFacts } from "../shared/review-parts.js";

export function startWorkspaceScreen({ boot, store }) {
  const lang = boot.lang;
  const container = byId("screen-plans");
  const empty = byId("screen-empty");
  const summary = byId("screen-summary");
  let shown = "";

  function item(action) {
    const { overdue } = action;
    return h("li", { class: "screen-action", "data-testid": "screen-action",
                     "data-overdue": String(overdue), "data-status": action.status },
      h("p", { class: "screen-what" },
        overdue ? h("strong", { class: "screen-late", "data-testid": "screen-overdue" }, t("ws.overdue")) : null,
        overdue ? " " : null, action.what || t("ws.untitled_action")),
      h("p", { class: "screen-meta" }, actionFacts(action, lang).join(" · ")));
  }

  function render() {
    const state = store.state;
    if (!state) return;
    const today = localToday();
    const groups = reviewGroups(openActionsReview(state), today);
    const sig = JSON.stringify([today, groups]);
    if (sig === shown) return;
    shown = sig;
    const open = groups.reduce((n, g) => n + g.actions.length, 0);
    const late = groups.reduce((n, g) => n + g.overdue, 0);
    setText(summary, open ? `${tn("ws.screen.open", open)} · ${tn("ws.screen.late", late)}` : "");
    empty.hidden = open > 0;
    setText(empty, open ? "" : t("ws.screen.none"));
    container.replaceChildren(...groups.map((g) => h("section", { class: "screen-plan",
                                                                  "data-testid": "screen-plan" },
      h("h2", {}, g.title || t("ws.untitled_plan")),
      h("ul", { class: "screen-actions" }, g.actions.map(item)))));
  }

  store.subscribe(render);
  setInterval(render, 60_000); // "overdue" turns over at midnight
  render();
}
