// Pages for projector text that does not fit the wall at its smallest readable type (the
// plans, "what we chose before"): rather than a type too small to read from the back of
// the hall, or text cut off at the bottom, the box shows one page at a time. A page holds
// whole blocks (a plan, an earlier step); a block taller than a page is cut between its
// items (actions, results), never inside one. The pages turn by themselves every
// PAGE_SECONDS; the arrow keys and PageUp/PageDown on the projector's keyboard turn them by
// hand, and P (or the Pause key) stops and starts the turning (WCAG 2.2.2: whoever needs
// longer to read a page keeps it up). "1/3" under the box says which page is up (in words
// for a screen reader), "1/3 · stilgezet" while the turning is stopped.
import { h } from "../../dom.js";
import { t } from "../../i18n.js";

export const PAGE_SECONDS = 13;
const pagers = new Set(); // the pagers of this screen: one key press turns every one of them
let paused = false; // stopped by hand, for every pager of the screen

document.addEventListener("keydown", (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "p" || e.key === "P" || e.key === "Pause") {
    paused = !paused;
    for (const pager of pagers) pager.pause(paused);
    return;
  }
  const step = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 }[e.key];
  if (!step) return;
  let turned = false;
  for (const pager of pagers) turned = pager.turnByHand(step) || turned;
  if (turned) e.preventDefault(); // the page itself never scrolls on the projector
});

/**
 * A pager for `box` (which clips: it must be visible to be measured). `indicator` is an
 * element after the box, in the same column, that shows "1/3" while there are pages.
 * A block is `{count, render(from, to)}`: it renders itself with its items from..to-1.
 */
export function createPager({ box, indicator }) {
  let pages = [];
  let index = 0;
  let timer = null;
  // a paged box may lay its page out in columns (the plans): past the last one is too much
  const overflows = () => box.scrollHeight > box.clientHeight + 2 || box.scrollWidth > box.clientWidth + 2;
  const show = (parts) => box.replaceChildren(...parts.map((p) => p.block.render(p.from, p.to)));

  /**
   * Show `blocks`: all at once when `fitsWhole()` (which steps the type down to its
   * smallest readable size) says they fit, else in pages at that size.
   */
  function fit(blocks, fitsWhole) {
    indicator.hidden = true;
    box.dataset.paged = "false";
    show(blocks.map(whole));
    if (!clips(box) || fitsWhole()) {
      pages = [];
      stopTurning();
      return;
    }
    indicator.hidden = false; // the indicator and the paged layout first, then measure
    label(indicator, 1, 1);
    box.dataset.paged = "true";
    pages = paginate(blocks, (parts) => { show(parts); return !overflows(); });
    index = Math.min(index, pages.length - 1);
    showPage();
    if (pages.length < 2) { // the columns hold it all after all: no pages to turn
      indicator.hidden = true;
      stopTurning();
    } else if (!timer && !paused) startTurning();
  }

  function whole(block) {
    return { block, from: 0, to: block.count };
  }

  function showPage() {
    show(pages[index]);
    box.dataset.page = String(index + 1);
    label(indicator, index + 1, pages.length, paused);
  }

  function turn(step) {
    if (pages.length < 2 || box.offsetParent === null) return false; // no pages, or not on the wall
    index = (index + step + pages.length) % pages.length;
    showPage();
    return true;
  }

  /** A key on the projector: turn now, and wait a whole period before turning by itself. */
  function turnByHand(step) {
    if (!turn(step)) return false;
    stopTurning();
    if (!paused) startTurning();
    return true;
  }

  /** P on the projector: stop turning by itself, or start again a whole period from now. */
  function pause(stop) {
    stopTurning();
    indicator.dataset.paused = String(stop);
    if (pages.length < 2) return;
    if (!stop) startTurning();
    label(indicator, index + 1, pages.length, stop);
  }

  function startTurning() {
    timer = setInterval(() => turn(1), PAGE_SECONDS * 1000);
  }

  function stopTurning() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  let fittedFor = "";

  /**
   * `fit`, but only when what the box shows (`shown`, the caller's signature of it) or the
   * box's place and room changed since the last time: a timer tick or a presence update
   * redraws the wall, and must not start the pages over.
   */
  function fitWhenChanged(shown, blocks, fitsWhole) {
    const rect = box.getBoundingClientRect();
    const place = JSON.stringify([shown, Math.round(rect.top), Math.round(rect.width),
      box.parentElement.clientHeight]);
    if (place === fittedFor) return;
    fittedFor = place;
    fit(blocks, fitsWhole);
  }

  const pager = { fit, fitWhenChanged, turnByHand, pause };
  pagers.add(pager);
  return pager;
}

/**
 * Pages that each fit the box, the blocks in order, as `fits(parts)` measures them (it
 * shows the parts in the box). A block that fits a page is never cut: it goes whole onto
 * this page or the next. A block taller than a page is cut between its items, filling the
 * rest of this page first; an item is never cut.
 */
function paginate(blocks, fits) {
  const result = [];
  let page = [];
  const close = () => { if (page.length) result.push(page); page = []; };
  for (const block of blocks) {
    let from = 0;
    for (;;) {
      const rest = { block, from, to: block.count };
      if (fits([...page, rest])) { page.push(rest); break; }
      if (page.length && fits([rest])) { close(); page = [rest]; break; }
      let to = from; // taller than a page: the most items that still fit on this one
      while (to + 1 < block.count && fits([...page, { block, from, to: to + 1 }])) to += 1;
      if (to === from && page.length) { close(); continue; }
      if (to === from) to = from + 1; // not even one item fits a page: that item whole
      if (to >= block.count) { page.push(rest); close(); break; }
      page.push({ block, from, to });
      close();
      from = to;
    }
  }
  close();
  return result;
}

/** "i/n" in the indicator ("i/n · paused" while stopped), in words for a screen reader. */
function label(indicator, i, n, stopped) {
  indicator.dataset.paused = String(Boolean(stopped));
  indicator.replaceChildren(
    h("span", { "aria-hidden": "true" }, stopped ? t("projector.page_stopped", { i, n }) : `${i}/${n}`),
    h("span", { class: "visually-hidden" }, t(stopped ? "projector.page_paused" : "projector.page", { i, n })));
}

/** False on a narrow screen (a phone opening the projector link): it scrolls, nothing is cut off. */
export function clips(box) {
  return getComputedStyle(box).overflowY !== "visible";
}

/** The "1/3" line under a paged box, hidden until there are pages. */
export function pageIndicator(testid) {
  return h("p", { class: "proj-pages", "data-testid": testid, hidden: true });
}
