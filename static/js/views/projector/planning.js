// The planning techniques on the projector, wired into the projector view: the vision
// element in the question line, the strip with what earlier steps chose
// (views/projector/context-strip.js), and one main
// picture for the step: a review, plans, the vote, the matrix or the clusters (else
// the card wall, views/projector/card-wall.js, shows the cards). A review reads back what
// earlier steps chose, or shows the group's own actions (views/projector/review.js).
import { byId, setText } from "../../dom.js";
import { t } from "../../i18n.js";
import { focusResult } from "../../selectors/results.js";
import { workspaceReview } from "../../selectors/review.js";
import { stepUses } from "../../selectors/steps.js";
import { createProjectorClusters } from "./clusters.js";
import { createContextStrip } from "./context-strip.js";
import { createProjectorMatrix } from "./matrix.js";
import { createProjectorPlans } from "./plans.js";
import { createProjectorReview } from "./review.js";
import { createProjectorVote } from "./vote.js";

export function startProjectorPlanning({ boot, store }) {
  const lang = boot.lang;
  const el = {
    layout: byId("projector"),
    focus: byId("proj-focus"),
    panels: {
      plans: byId("proj-plans"),
      vote: byId("proj-vote"),
      matrix: byId("proj-matrix"),
      clusters: byId("proj-clusters"),
      review: byId("proj-review"),
    },
  };
  const views = {
    plans: createProjectorPlans({ root: el.panels.plans, lang }),
    vote: createProjectorVote({ root: el.panels.vote }),
    matrix: createProjectorMatrix({ root: el.panels.matrix }),
    clusters: createProjectorClusters({ root: el.panels.clusters, lang }),
    review: createProjectorReview({ root: el.panels.review, lang }),
  };
  // what earlier steps chose (views/projector/context-strip.js)
  const strip = createContextStrip({ lang, layout: el.layout, reviewPanel: el.panels.review });
  let active = null;
  let workspace = false; // the step shows the group's actions
  // "overdue" turns over at midnight, without any event: look again once a minute
  setInterval(() => { if (store.state && workspaceReview(store.state)) store.notify("clock"); }, 60_000);

  /** Which picture the step shows now, or null for the plain card wall. */
  function choose(state) {
    if (workspace || stepUses(state, "review")) return "review"; // a review fills the stage itself
    if (stepUses(state, "action_plan") && views.plans.show(state)) return "plans";
    if (stepUses(state, "vote") && views.vote.show(store, state)) return "vote";
    if (stepUses(state, "matrix") && views.matrix.show(state)) return "matrix";
    if (stepUses(state, "cluster") && views.clusters.show(state)) return "clusters";
    return null;
  }

  /** Render everything planning; returns true when a planning picture replaces the cards. */
  function render(state, reason) {
    const focus = focusResult(state);
    el.focus.hidden = !focus;
    setText(el.focus, focus ? t("projector.focus", { title: focus.title }) : "");
    strip.render(state);
    workspace = views.review.show(state); // the group's actions, after the strip
    active = choose(state);
    for (const [name, panel] of Object.entries(el.panels)) panel.hidden = name !== active;
    const mode = active || "cards";
    if (el.layout.dataset.mode !== mode) {
      el.layout.dataset.mode = mode;
      strip.refitIfShown(); // the strip's width and type follow the mode
    }
    if (active === "clusters") views.clusters.fit();
    if (active === "plans") views.plans.fit();
    if (active === "vote") views.vote.fit();
    if (active === "matrix") views.matrix.fit();
    if (workspace) views.review.fit();
    return active !== null;
  }

  function refit() {
    strip.fit();
    if (active === "clusters") views.clusters.fit();
    if (active === "plans") views.plans.fit();
    if (active === "vote") views.vote.fit();
    if (active === "matrix") views.matrix.fit();
    if (workspace) views.review.fit();
  }

  return { render, refit };
}
