// The words of a review of the group's plans (static/js/selectors/review.js), shared by
// the projector (views/projector/review.js), the phone (views/phone/context.js) and the
// console (views/console/review.js), and the compact list the phone and console show.
// User text only through h()'s text nodes.
import { h } from "../../dom.js";
import { formatDate } from "../../format.js";
import { t, tn } from "../../i18n.js";
import { reviewGroups, reviewHidden } from "../../selectors/review.js";

/** "Open actions" / "What we did this year (2026)" / "All our actions". */
export function reviewHeading(review) {
  if (review.source === "open_actions") return t("review.open.heading");
  return review.year ? t("review.year.heading", { year: review.year }) : t("review.all.heading");
}

/** The same with the number of actions, for a folded panel's summary line. */
export function reviewSummary(review) {
  const n = review.total || 0;
  if (review.source === "open_actions") return t("review.open.summary", { n });
  return review.year ? t("review.year.summary", { year: review.year, n }) : t("review.all.summary", { n });
}

/** What to say when the copy holds no actions. */
export function reviewEmpty(review) {
  if (review.source === "open_actions") return t("review.open.none");
  return review.year ? t("review.year.none", { year: review.year }) : t("ws.no_actions");
}

/** "12 more actions are not shown here", or "" when the copy lists them all. */
export function reviewMore(review) {
  const n = reviewHidden(review);
  return n ? tn("review.more", n) : "";
}

/** Owner, due date in words and status of one action, each a whole sentence part. */
export function actionFacts(action, lang) {
  return [
    action.owner ? t("ws.owner", { name: action.owner }) : t("ws.no_owner"),
    action.due ? t("ws.due", { date: formatDate(action.due, lang) }) : t("ws.no_due"),
    t("ws.screen.status", { status: t(`status.${action.status}`) }),
  ];
}

/** "Te laat" in words (not colour alone), before the action's text. */
export function overdueLabel(action, className) {
  return action.overdue ? [h("strong", { class: className, "data-testid": "review-overdue" }, t("ws.overdue")), " "]
    : null;
}

/**
 * The compact list for a phone or the console: per plan its title, then each action on
 * two short lines. `testid` names the list items ("phone-review-action"…).
 */
export function compactReviewList(review, { lang, today, testid }) {
  const groups = reviewGroups(review, today);
  if (!groups.length) return [h("p", { class: "review-empty", "data-testid": `${testid}-empty` }, reviewEmpty(review))];
  const more = reviewMore(review);
  return [
    ...groups.map((g) => h("section", { class: "review-plan" },
      h("h3", { class: "review-plan-title" }, g.title || t("ws.untitled_plan")),
      h("ul", { class: "review-actions" }, g.actions.map((a) =>
        h("li", { class: "review-action", "data-testid": testid, "data-action-id": a.id,
                  "data-status": a.status, "data-overdue": String(a.overdue) },
          h("p", { class: "review-what" }, overdueLabel(a, "review-late"), a.what || t("ws.untitled_action")),
          h("p", { class: "review-meta" }, actionFacts(a, lang).join(" · "))))))),
    more ? h("p", { class: "review-more" }, more) : null,
  ].filter(Boolean);
}
