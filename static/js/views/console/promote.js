// Promotion on the console: named clusters become typed results (trends, challenges,
// vision elements, forces, strategies) that the next steps build on. The top clusters
// by revealed votes are ticked already (all named clusters when the step has no vote).
import { byId, h, setAttr, setText, stableList } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { clusterCards, clusterName, stepClusters } from "../../selectors/cards.js";
import { resultOfCluster } from "../../selectors/results.js";
import { optionsOf, stepAt, uses } from "../../selectors/steps.js";
import { ranking, stepVote } from "../../selectors/votes.js";

/** One named cluster in the promotion list: its box (`onTick(checked)` hears a change),
 * its name and what it brings. */
function buildPromoteItem(k, onTick) {
  const id = `promote-${k.id}`;
  const box = h("input", { type: "checkbox", id, class: "check", "data-testid": "promote-check",
                           "data-cluster-id": k.id });
  box.addEventListener("change", () => onTick(box.checked));
  return h("li", { class: "check-item", "data-cluster-id": k.id },
    box, h("label", { for: id, class: "check-label" }, h("span", { class: "check-title" }),
      h("span", { class: "check-meta" })));
}

/** A cluster's item: ticked (or promoted already, then fixed), its name, its cards and dots. */
function drawPromoteItem(node, k, { state, dots, revealed, ticked }) {
  const done = resultOfCluster(state, k.id);
  const box = node.querySelector("input");
  box.checked = done ? true : ticked;
  box.disabled = Boolean(done);
  setAttr(node, "data-promoted", done ? "true" : "false");
  setText(node.querySelector(".check-title"), clusterName(k));
  const parts = [tn("cards.count", clusterCards(state, k.id).length)];
  if (revealed) parts.push(tn("vote.dots", dots.get(k.id) || 0));
  if (done) parts.push(t("promote.done_tag"));
  setText(node.querySelector(".check-meta"), parts.join(" · "));
}

export function createPromote(ctx) {
  const panel = byId("promote-panel");
  const body = byId("promote-body");
  const intro = h("p", { class: "hint", "data-testid": "promote-intro" });
  const list = h("ul", { class: "check-list promote-list", "data-testid": "promote-list" });
  const missing = h("p", { class: "hint" });
  const promote = h("button", { class: "button button-primary", type: "button",
                                "data-testid": "promote-selected", onclick: promoteChosen });
  body.append(intro, list, missing, h("div", { class: "button-row" }, promote));
  const renderList = stableList(list);
  const overrides = new Map(); // cluster id -> ticked by hand (true/false), per vote round
  let basis = null;            // what the preselection was computed from
  let ticked = [];             // the clusters ticked in the last render

  function produces(step) {
    return step && step.produces && step.produces !== "project_plan" ? step.produces : null;
  }

  function render(state) {
    const step = stepAt(state);
    const type = produces(step);
    panel.hidden = !type;
    if (!type) return;
    const vote = uses(step, "vote") ? stepVote(state) : null;
    const revealed = Boolean(vote && vote.revealed);
    const key = `${state.step}:${vote ? vote.round : "-"}:${revealed}`;
    if (key !== basis) {
      basis = key;
      overrides.clear();
    }
    const clusters = stepClusters(state);
    const named = clusters.filter((k) => clusterName(k));
    const dots = new Map(ranking(vote).map((r) => [r.id, r.dots]));
    const order = revealed ? named.slice().sort((a, b) => (dots.get(b.id) || 0) - (dots.get(a.id) || 0))
      : named;
    const open = order.filter((k) => !resultOfCluster(state, k.id));
    const select = optionsOf(step, "vote").select || 0;
    const top = new Set(open.slice(0, select).map((k) => k.id));
    const usesVote = uses(step, "vote");
    const preset = (k) => (usesVote ? revealed && top.has(k.id) : true);
    ticked = open.filter((k) => (overrides.has(k.id) ? overrides.get(k.id) : preset(k))).map((k) => k.id);

    const voting = Boolean(vote && vote.open); // the dots are not known yet: promotion waits
    setText(intro, named.length === 0 ? "" : voting ? t("promote.vote_open")
      : !usesVote ? t("promote.intro_all", { type: t(`type.${type}`) })
      : revealed ? t("promote.intro_top", { n: select, type: t(`type.${type}`) })
      : t("promote.intro_before_vote", { n: select }));
    renderList(order, (k) => k.id, build,
      (node, k) => drawPromoteItem(node, k, { state, dots, revealed, ticked: ticked.includes(k.id) }));
    const unnamed = clusters.length - named.length;
    setText(missing, [named.length === 0 ? t("promote.none") : "",
                      unnamed ? tn("promote.unnamed", unnamed) : ""].filter(Boolean).join(" "));
    setText(promote, ticked.length ? tn("promote.button", ticked.length) : t("promote.button_none"));
    setAttr(promote, "aria-disabled", ticked.length && !voting && !ctx.isBusy("promote") ? "false" : "true");
    promote.hidden = open.length === 0; // nothing (left) to take along
  }

  function build(k) {
    return buildPromoteItem(k, (checked) => {
      overrides.set(k.id, checked);
      ctx.render();
    });
  }

  async function promoteChosen() {
    if (!ticked.length || promote.getAttribute("aria-disabled") === "true") return;
    const ids = ticked.slice();
    const ack = await ctx.run("promote_clusters", { cluster_ids: ids }, "promote");
    if (ack && ack.ok) {
      for (const id of ids) overrides.delete(id);
      ctx.announce(tn("promote.done", ids.length));
    }
  }

  return { render };
}
