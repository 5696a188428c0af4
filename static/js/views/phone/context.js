// Two read-only panels on the phone: "what we chose before" (the titles of the results
// earlier steps promoted; in a review of the group's plans, first the group's actions,
// compactly) and, in a matrix step, where the group placed each cluster on impact and
// effort, told in words and numbers.
import { byId, h, setText } from "../../dom.js";
import { localToday } from "../../format.js";
import { pick, t, tn } from "../../i18n.js";
import { workspaceReview } from "../../selectors/review.js";
import { stepClusters } from "../../selectors/cards.js";
import { earlierResults, quadrantOf } from "../../selectors/results.js";
import { kindOf, stepAt, stepUses } from "../../selectors/steps.js";
import { kindBadge } from "../shared/kind-badge.js";
import { compactReviewList, reviewSummary } from "../shared/review-parts.js";

const QUADRANTS = ["quick_wins", "major_projects", "middle", "fill_ins", "time_sinks"];

export function createPhoneContext({ boot, store }) {
  const lang = boot.lang;
  const el = {
    before: byId("before-panel"),
    beforeSummary: byId("before-summary"),
    beforeList: byId("before-list"),
    matrix: byId("matrix-panel"),
    matrixHeading: byId("matrix-heading"),
    matrixList: byId("matrix-list"),
  };
  let beforeFor = "";
  let matrixFor = "";
  let openedFor = null; // the step for which the panel was last opened or closed

  function render() {
    const state = store.state;
    renderBefore(state);
    renderMatrix(state);
  }

  function renderBefore(state) {
    const groups = state ? earlierResults(state) : [];
    const count = groups.reduce((n, g) => n + g.results.length, 0);
    const review = workspaceReview(state); // the group's actions, in a review of its plans
    el.before.hidden = count === 0 && !review;
    const step = state ? state.step : null;
    if (step !== openedFor) {
      openedFor = step;
      el.before.open = Boolean(state && stepUses(state, "review")); // a read-back step opens it
    }
    const today = localToday();
    const signature = JSON.stringify([lang, groups, review, review ? today : null]);
    if (signature === beforeFor) return;
    beforeFor = signature;
    setText(el.beforeSummary, review ? reviewSummary(review) : tn("phone.before.summary", count));
    el.beforeList.dataset.review = review ? review.source : "";
    const actions = review ? compactReviewList(review, { lang, today, testid: "phone-review-action" }) : [];
    el.beforeList.replaceChildren(...actions, ...groups.map((group) => {
      const step = stepAt(state, group.step);
      return h("section", { class: "before-group" },
        h("h3", { class: "before-step" }, step ? pick(step.title, lang) : ""),
        h("ul", { class: "before-results" }, group.results.map((r) => {
          const kind = kindOf(step, r.type === "force" ? r.polarity : r.type === "trend" ? r.direction : null);
          return h("li", { class: "before-result", "data-testid": "before-result" },
            kind ? kindBadge(kind, lang) : null,
            h("span", {}, r.title));
        })));
    }));
  }

  function renderMatrix(state) {
    const clusters = state && stepUses(state, "matrix") ? stepClusters(state) : [];
    const placed = clusters.filter((k) => typeof k.impact === "number" && typeof k.effort === "number");
    el.matrix.hidden = placed.length === 0;
    const signature = JSON.stringify([lang, placed]);
    if (el.matrix.hidden || signature === matrixFor) return;
    matrixFor = signature;
    setText(el.matrixHeading, t("phone.matrix.heading"));
    const byQuadrant = new Map(QUADRANTS.map((q) => [q, []]));
    for (const k of placed) byQuadrant.get(quadrantOf(k.impact, k.effort)).push(k);
    el.matrixList.replaceChildren(...QUADRANTS.filter((q) => byQuadrant.get(q).length).map((q) =>
      h("section", { class: "matrix-group", "data-quadrant": q, "data-testid": "phone-matrix-group" },
        h("h3", { class: "matrix-quadrant" }, t(`phone.matrix.${q}`)),
        h("ul", { class: "matrix-items" }, byQuadrant.get(q).map((k) =>
          h("li", { class: "matrix-item", "data-cluster-id": k.id },
            h("span", { class: "matrix-name" }, k.name || t("phone.cluster_unnamed")),
            h("span", { class: "matrix-scores" },
              t("phone.matrix.scores", { impact: k.impact, effort: k.effort })),
            k.equity && k.equity.helps_least_heard
              ? h("span", { class: "tag" }, t("phone.matrix.equity")) : null))))));
  }

  return { render };
}
