// The vote on the projector. While it is open: how many people have voted (from the
// volatile `tally`), and what is on the ballot, without any counts. After the reveal: a
// horizontal bar chart, most dots first, every bar labelled with its number. What does not
// fit the wall steps its type down to the projector's floor, then goes in pages
// (views/projector/pages.js): an item or a bar is never cut off at the bottom.
import { fitDensity, h, setText } from "../../dom.js";
import { t, tn } from "../../i18n.js";
import { stepVote, voteItems, voteRanking, votersNow } from "../../selectors/votes.js";
import { createPager, pageIndicator } from "./pages.js";

export function createProjectorVote({ root }) {
  const el = {
    heading: h("h2", { class: "proj-vote-heading", "data-testid": "projector-vote-heading" }),
    voters: h("p", { class: "proj-vote-voters", "data-testid": "vote-voters", "aria-live": "polite" }),
    hint: h("p", { class: "proj-vote-hint" }),
    items: h("ol", { class: "proj-vote-items", "data-testid": "projector-vote-items" }),
    bars: h("ol", { class: "bars proj-bars", "data-testid": "result-bars" }),
  };
  const itemPages = pageIndicator("projector-vote-items-pages");
  const barPages = pageIndicator("projector-vote-bars-pages");
  root.replaceChildren(el.heading, el.voters, el.hint, el.items, itemPages, el.bars, barPages);
  const itemPager = createPager({ box: el.items, indicator: itemPages });
  const barPager = createPager({ box: el.bars, indicator: barPages });
  let itemsFor = "";
  let barsFor = "";
  let itemBlocks = [];
  let barBlocks = [];
  let fittedFor = "";

  /** Show the step's vote when it is open or revealed; false when there is none to show. */
  function show(store, state) {
    const vote = stepVote(state);
    if (!vote || (!vote.open && !vote.revealed)) return false;
    const voters = votersNow(vote, store.tally, state.step);
    root.dataset.state = vote.open ? "open" : "revealed";
    root.dataset.round = String(vote.round); // which round the wall shows (tests, tools)
    el.voters.dataset.count = String(voters);
    if (vote.open) showOpen(state, vote, voters);
    else showRevealed(state, vote, voters);
    return true;
  }

  function showOpen(state, vote, voters) {
    setText(el.heading, t("projector.vote.open"));
    setText(el.voters, tn("projector.vote.voters", voters));
    setText(el.hint, t("projector.vote.hint", { budget: vote.budget }));
    el.items.hidden = false;
    el.bars.hidden = true;
    barsFor = "";
    const items = voteItems(state, vote);
    const signature = JSON.stringify(items);
    if (signature === itemsFor) return;
    itemsFor = signature;
    itemBlocks = items.map((item) => ({ count: 1, render: () => h("li",
      { class: "proj-vote-item", "data-testid": "projector-vote-item", "data-item-id": item.id },
      item.label || t("projector.unnamed")) }));
  }

  function showRevealed(state, vote, voters) {
    setText(el.heading, t("projector.vote.result"));
    setText(el.voters, tn("projector.vote.voted", voters));
    setText(el.hint, "");
    el.items.hidden = true;
    el.bars.hidden = false;
    itemsFor = "";
    const chosen = new Set((state.results || []).filter((r) => r.step === state.step)
      .map((r) => r.cluster_id));
    const ranking = voteRanking(state, vote);
    const signature = JSON.stringify([ranking, [...chosen]]);
    if (signature === barsFor) return;
    barsFor = signature;
    const top = Math.max(1, ...ranking.map((r) => r.dots));
    el.bars.dataset.count = String(ranking.length);
    barBlocks = ranking.map((r, i) => ({ count: 1, render: () => {
      const fill = h("span", { class: "bar-fill" });
      fill.style.setProperty("--share", String(r.dots / top));
      return h("li", { class: "bar-row", "data-testid": "result-bar", "data-item-id": r.id,
                       "data-dots": r.dots, "data-chosen": chosen.has(r.id) ? "true" : "false" },
        h("p", { class: "bar-label" },
          h("span", { class: "bar-rank" }, `${i + 1}.`), " ", r.label || t("projector.unnamed"),
          chosen.has(r.id) ? h("span", { class: "bar-chosen" }, t("projector.vote.chosen")) : null),
        h("div", { class: "bar-line" },
          h("span", { class: "bar-track", "aria-hidden": "true" }, fill),
          h("span", { class: "bar-value", "data-testid": "result-bar-value" }, tn("projector.dots", r.dots))));
    } }));
  }

  /**
   * Fit the ballot or the bars into the panel (it must be visible): the type steps down to
   * the floor, then pages. Again only when what is shown or the list's place changed: a
   * timer tick must not start the pages over.
   */
  function fit() {
    const open = root.dataset.state === "open";
    const list = open ? el.items : el.bars;
    const rect = root.getBoundingClientRect();
    const place = JSON.stringify([root.dataset.state, itemsFor, barsFor, el.voters.textContent,
      Math.round(rect.top), Math.round(rect.width), Math.round(rect.height)]);
    if (place === fittedFor) return;
    fittedFor = place;
    (open ? itemPager : barPager).fit(open ? itemBlocks : barBlocks, () => fitDensity(root, list));
  }

  return { show, fit };
}
