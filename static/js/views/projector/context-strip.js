// The projector's strip with what earlier steps chose: per earlier step its title and the
// results it promoted (a kind as colour and words), newest step on top, its type stepping
// down to fit, and pages past the smallest readable type. In a step that reads them back
// (a review that is no review of the group's plans) they fill the middle of the wall,
// from the first step on, instead of the strip.
import { byId, fitDensity, h, setText } from "../../dom.js";
import { pick, t } from "../../i18n.js";
import { earlierResults } from "../../selectors/results.js";
import { workspaceReview } from "../../selectors/review.js";
import { kindOf, stepAt, stepUses } from "../../selectors/steps.js";
import { kindBadge } from "../shared/kind-badge.js";
import { clips, createPager, pageIndicator } from "./pages.js";

/** `layout` is the projector's stage (its `data-mode` says what the step shows); a
 * read-back fills `reviewPanel`. */
export function createContextStrip({ lang, layout, reviewPanel }) {
  const el = {
    context: byId("proj-context"),
    contextHeading: byId("proj-context-heading"),
    contextList: byId("proj-context-list"),
  };
  let contextFor = "";
  let contextBlocks = []; // the strip's earlier steps, for its pages
  const contextPages = pageIndicator("projector-context-pages");
  el.contextList.after(contextPages);
  const contextPager = createPager({ box: el.contextList, indicator: contextPages });

  function render(state) {
    const groups = earlierResults(state);
    // a read-back of earlier steps; a review of the group's actions leaves the strip as usual
    const review = stepUses(state, "review") && !workspaceReview(state);
    const signature = JSON.stringify([groups, state.step, review]);
    if (signature === contextFor) return;
    contextFor = signature;
    // a read-back step shows what was chosen in the middle of the wall, not in the strip
    el.context.hidden = groups.length === 0 || review;
    layout.dataset.context = el.context.hidden ? "false" : "true";
    setText(el.contextHeading, t("projector.before"));
    const order = review ? groups.slice().reverse() : groups; // read back from the first step
    const blocks = order.map((group) => contextGroup(state, group));
    if (review) {
      el.contextList.replaceChildren();
      reviewPanel.replaceChildren(...blocks.map((b) => b.render(0, b.count)));
    } else if (!workspaceReview(state)) reviewPanel.replaceChildren(); // else projector/review.js's
    contextBlocks = review ? [] : blocks;
    if (!el.context.hidden) fit();
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
   * smallest readable type it pages. Every level is readable from the back of the hall:
   * the smallest, "high" and "max", is the projector's floor (28 px on a 1920 px wall,
   * titles, step names and kind labels alike; app.css --proj-floor).
   */
  function fit() {
    const lowest = clips(el.contextList) ? "max" : "low";
    contextPager.fit(contextBlocks, () => fitDensity(el.context, el.contextList, lowest));
  }

  /** The stage's mode changed: the strip's width and type follow it. */
  function refitIfShown() {
    if (!el.context.hidden) fit();
  }

  return { render, fit, refitIfShown };
}
