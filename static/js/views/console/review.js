// A review of the group's plans on the console (`review` with source "open_actions" or
// "year_actions"): the same actions the projector shows, compactly, when the evening took
// its copy of them, and a button that takes a fresh copy (`refresh_review`), for when a
// member changed a status on their phone during the meeting.
import { byId, h, setText } from "../../dom.js";
import { localToday } from "../../format.js";
import { t } from "../../i18n.js";
import { workspaceReview } from "../../selectors/review.js";
import { compactReviewList, reviewHeading } from "../shared/review-parts.js";

/** "Updated at 20:15", with the date when the copy is not from today. */
export function updatedText(at, lang, now = new Date()) {
  if (typeof at !== "number") return t("review.never");
  const moment = new Date(at);
  const time = new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit" }).format(moment);
  if (localToday(moment) === localToday(now)) return t("review.updated", { time });
  const date = new Intl.DateTimeFormat(lang, { day: "numeric", month: "long" }).format(moment);
  return t("review.updated_on", { date, time });
}

export function createReview(ctx) {
  const { lang } = ctx;
  const panel = byId("review-panel");
  const heading = byId("review-heading");
  const body = byId("review-body");
  const updated = h("p", { class: "review-updated", "data-testid": "review-updated" });
  const refresh = h("button", { class: "button", type: "button", "data-testid": "refresh-review",
                                onclick: refreshNow }, t("review.refresh"));
  const hint = h("p", { class: "hint" }, t("review.refresh_hint"));
  const list = h("div", { class: "review-list", "data-testid": "console-review" });
  body.append(updated, h("div", { class: "button-row" }, refresh), hint, list);
  let shownFor = "";

  function render(state) {
    const review = workspaceReview(state);
    panel.hidden = !review;
    refresh.disabled = !review || ctx.isBusy("review") || !ctx.online();
    if (!review) {
      shownFor = "";
      return;
    }
    const today = localToday();
    const signature = JSON.stringify([today, review]);
    if (signature === shownFor) return;
    shownFor = signature;
    setText(heading, reviewHeading(review));
    setText(updated, updatedText(review.at, lang));
    list.replaceChildren(...compactReviewList(review, { lang, today, testid: "console-review-action" }));
  }

  async function refreshNow() {
    const ack = await ctx.run("refresh_review", {}, "review");
    if (ack && ack.ok) ctx.announce(t("review.refreshed"));
  }

  return { render };
}
