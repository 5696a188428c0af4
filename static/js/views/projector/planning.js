// The planning techniques on the projector, wired into the projector view: the vision
// element in the question line, the strip with what earlier steps chose, and one main
// picture for the step: a review, plans, the vote, the matrix or the clusters (else
// the card wall, views/projector/card-wall.js, shows the cards). A review reads back what
// earlier steps chose, or shows the group's own actions (views/projector/review.js).
import { byId, fitDensity, h, setText } from "../../dom.js";
import { pick, t } from "../../i18n.js";
import { workspaceReview } from "../../selectors/review.js";
import { earlierResults, focusResult } from "../../selectors/results.js";
import { kindOf, stepAt, stepUses } from "../../selectors/steps.js";
import { kindBadge } from "../shared/kind-badge.js";
import { createProjectorClusters } from "./clusters.js";
import { createProjectorMatrix } from "./matrix.js";
import { clips, createPager, pageIndicator } from "./pages.js";
import { createProjectorPlans } from "./plans.js";
import { createProjectorReview } from "./review.js";
import { createProjectorVote } from "./vote.js";


export function startProjectorPlanning({ boot, store }) {
  const lang = boot.lang;
  const el = {
    layout: byId("projector"),
    focus: byId("proj-focus"),
    context: byId("proj-context"),
    contextHeading: byId("proj-context-heading"),
    contextList: byId("proj-context-list"),
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
  let contextFor = "";
  let contextBlocks = []; // the strip's earlier steps, for its pages
  const contextPages = pageIndicator("projector-context-pages");
  el.contextList.after(contextPages);
  const contextPager = createPager({ box: el.contextList, indicator: contextPages });
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
    renderContext(state);
    workspace = views.review.show(state); // the group's actions, after renderContext
    active = choose(state);
    for (const [name, panel] of Object.entries(el.panels)) panel.hidden = name !== active;
    const mode = active || "cards";
    if (el.layout.dataset.mode !== mode) {
      el.layout.dataset.mode = mode;
      if (!el.context.hidden) fitContext(); // the strip's width and type follow the mode
    }
    if (active === "clusters") views.clusters.fit(reason === "card_added");
    if (active === "plans") views.plans.fit();
    if (active === "matrix") views.matrix.fit();
    if (workspace) views.review.fit();
    return active !== null;
  }

  function renderContext(state) {
    const groups = earlierResults(state);
    // a read-back of earlier steps; a review of the group's actions leaves the strip as usual
    const review = stepUses(state, "review") && !workspaceReview(state);
    const signature = JSON.stringify([groups, state.step, review]);
    if (signature === contextFor) return;
    contextFor = signature;
    // a read-back step shows what was chosen in the middle of the wall, not in the strip
    el.context.hidden = groups.length === 0 || review;
    el.layout.dataset.context = el.context.hidden ? "false" : "true";
    setText(el.contextHeading, t("projector.before"));
    const order = review ? groups.slice().reverse() : groups; // read back from the first step
    const blocks = order.map((group) => contextGroup(state, group));
    if (review) {
      el.contextList.replaceChildren();
      el.panels.review.replaceChildren(...blocks.map((b) => b.render(0, b.count)));
    } else if (!workspaceReview(state)) el.panels.review.replaceChildren(); // else projector-review's
    contextBlocks = review ? [] : blocks;
    if (!el.context.hidden) fitContext();
  }

  /** One earlier step in the strip: its title, then its results from..to-1. */
  function contextGroup(state, group) {
    const step = stepAt(state, group.step);
    const render = (from, to) => h("section", { class: "proj-context-group" },
      h("h3", { class: "proj-context-step" }, step ? pick(step.title, lang) : ""),
      h("ul", { class: "proj-context-results" }, group.results.slice(from, to).map((r) => {
        const kind = kindOf(step, r.type === "force" ? r.polarity : r.type === "trend" ? r.direction : null);
        return h("li", { class: "proj-context-result", "data-testid": "projector-before-result" },
          kind ? kindBadge(kind, lang) : null, kind ? " " : null, r.title);
      })));
    return { count: group.results.length, render };
  }

  /**
   * Step the strip's type down while it overflows, the newest step on top; past the
   * smallest readable type it pages. Beside the plans that is "medium" (results 25 px,
   * kind labels 22 px on a 1920 px wall), elsewhere the strip's own smallest type.
   */
  function fitContext() {
    const lowest = !clips(el.contextList) ? "low" : el.layout.dataset.mode === "plans" ? "medium" : "max";
    contextPager.fit(contextBlocks, () => fitDensity(el.context, el.contextList, lowest));
  }

  function refit() {
    fitContext();
    if (active === "clusters") views.clusters.fit(false);
    if (active === "plans") views.plans.fit();
    if (active === "matrix") views.matrix.fit();
    if (workspace) views.review.fit();
  }

  return { render, refit };
}
