// A review of the group's plans on the projector (`review` with source "open_actions" or
// "year_actions"): the actions of the copy the evening holds, grouped by plan, big enough
// for the back of the hall. Each action says what, who, when (in words) and its status;
// an open action past its due date says "overdue" in words. Read-only.
import { fitDensity, h } from "../../dom.js";
import { localToday } from "../../format.js";
import { t } from "../../i18n.js";
import { reviewGroups, workspaceReview } from "../../selectors/review.js";
import {
  actionFacts, overdueLabel, reviewEmpty, reviewHeading, reviewMore,
} from "../shared/review-parts.js";


export function createProjectorReview({ root, lang }) {
  let shownFor = "";

  /**
   * Render the current step's review into `root`; false (and nothing touched) when the
   * step is no review of the group's plans (projector/planning.js then owns the panel).
   */
  function show(state) {
    const review = workspaceReview(state);
    if (!review) {
      shownFor = "";
      delete root.dataset.source;
      return false;
    }
    const today = localToday();
    const groups = reviewGroups(review, today);
    const more = reviewMore(review);
    const signature = JSON.stringify([lang, today, review.source, review.year, more, groups]);
    if (signature === shownFor) return true;
    shownFor = signature;
    root.dataset.source = review.source;
    root.replaceChildren(...[
      h("h2", { class: "proj-review-heading", "data-testid": "projector-review-heading" }, reviewHeading(review)),
      groups.length
        ? h("div", { class: "proj-review-plans" }, groups.map(planBlock))
        : h("p", { class: "proj-review-empty", "data-testid": "projector-review-empty" }, reviewEmpty(review)),
      more ? h("p", { class: "proj-review-more" }, more) : null,
    ].filter(Boolean));
    return true;
  }

  function planBlock(group) {
    return h("section", { class: "proj-review-plan", "data-testid": "projector-review-plan", "data-plan-id": group.id },
      h("h3", { class: "proj-review-plan-title" }, group.title || t("ws.untitled_plan")),
      h("ul", { class: "proj-review-actions" }, group.actions.map(actionItem)));
  }

  function actionItem(action) {
    const [owner, due, status] = actionFacts(action, lang);
    return h("li", { class: "proj-review-action", "data-testid": "projector-review-action",
                     "data-action-id": action.id, "data-status": action.status,
                     "data-overdue": String(action.overdue) },
      h("p", { class: "proj-review-what" }, overdueLabel(action, "proj-review-late"),
        action.what || t("ws.untitled_action")),
      h("p", { class: "proj-review-meta" },
        h("span", { "data-testid": "projector-review-owner" }, owner), " · ",
        h("span", {}, due), " · ",
        h("span", { class: "proj-review-status", "data-testid": "projector-review-status" }, status)));
  }

  /** Step the type down while it overflows the wall (the panel must be visible). */
  function fit() {
    fitDensity(root);
  }

  return { show, fit };
}
