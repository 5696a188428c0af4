// The clustering board by keyboard alone (issue 13): the card wall is one Tab stop (a
// roving tabindex, as on the matrix's grid), the arrow keys move between the cards of the
// loose list and the clusters, Home and End go to the first and last card. On a card:
// Space ticks it, Enter or C opens the cluster chooser (views/console/cluster-chooser.js),
// 1–9 put it straight into cluster 1–9 and 0 takes it out. A key acts on the focused card
// together with the ticked ones. The keyboard follows its card when the card moves to
// another list, and the "to the cards" skip link at the top of the page lands here.
import { h, setAttr } from "../../dom.js";
import { t } from "../../i18n.js";
import { chooserOptions, openChooser } from "./cluster-chooser.js";

const SHORTCUTS = "ArrowUp ArrowDown ArrowLeft ArrowRight Home End Space Enter C 0 1 2 3 4 5 6 7 8 9";

/**
 * `board` is the clustering board, `selected` the ticked card ids, `moves` its commands
 * (views/console/cluster-moves.js), `isLocked()` true while the vote is open, `toggle(card,
 * on)` ticks a card. Returns {hint, render(cards, clusters, hadFocus), hide(), followFocus(),
 * focusWall(), afterNaming()}.
 */
export function createClusterKeys({ ctx, board, selected, moves, isLocked, toggle }) {
  const { store } = ctx;
  const hint = h("p", { class: "hint wall-keys", id: "wall-keys-hint", "data-testid": "wall-keys-hint" },
    t("wall.hint"));
  let activeId = null; // the card in the tab order
  let chooser = null;
  let naming = false; // a cluster made from the wall is being named
  let view = { cards: [], clusters: [] };
  const skip = document.getElementById("skip-to-cards"); // base.html's link "To the cards"

  const cardEls = () => [...board.querySelectorAll(".console-card")];
  const elOf = (id) => board.querySelector(`.console-card[data-card-id="${id}"]`);

  board.addEventListener("focusin", (e) => {
    if (e.target.classList && e.target.classList.contains("console-card")) setActive(e.target.dataset.cardId);
  });
  board.addEventListener("keydown", (e) => {
    const card = e.target;
    if (!card.classList || !card.classList.contains("console-card") || e.altKey || e.ctrlKey || e.metaKey) return;
    if (onKey(card, e.key)) e.preventDefault();
  });

  /** Handle one key on a focused card; true when the key was the wall's. */
  function onKey(card, key) {
    const els = cardEls();
    const i = els.indexOf(card);
    if (key === "ArrowDown") return moveTo(els[i + 1]);
    if (key === "ArrowUp") return moveTo(els[i - 1]);
    if (key === "ArrowRight") return moveTo(firstOf(nextList(card, 1)));
    if (key === "ArrowLeft") return moveTo(firstOf(nextList(card, -1)));
    if (key === "Home") return moveTo(els[0]);
    if (key === "End") return moveTo(els[els.length - 1]);
    const id = card.dataset.cardId;
    const found = view.cards.find((c) => c.id === id);
    if (!found) return false;
    if (key === " ") {
      toggle(found, !selected.has(id));
      return true;
    }
    if (key === "Enter" || key.toLowerCase() === "c") return choose(card, found);
    if (/^[0-9]$/.test(key)) return byNumber(found, Number(key));
    return false;
  }

  function moveTo(el) {
    if (!el) return true; // at the edge: stay, and keep the page from scrolling
    setActive(el.dataset.cardId);
    el.focus();
    return true;
  }

  /** The next (`step` 1) or previous (-1) list of cards that has any: loose, then clusters. */
  function nextList(card, step) {
    const lists = [...board.querySelectorAll(".cluster-cards")].filter((l) => l.querySelector(".console-card"));
    const at = lists.indexOf(card.closest(".cluster-cards"));
    return lists[at + step] || null;
  }

  function firstOf(list) {
    return list ? list.querySelector(".console-card") : null;
  }

  /** The focused card and the ticked ones, in the board's order. */
  function targets(card) {
    return view.cards.map((c) => c.id).filter((id) => id === card.id || selected.has(id));
  }

  function refuseWhileLocked() {
    if (!isLocked()) return false;
    ctx.say(t("cluster.locked"));
    return true;
  }

  function choose(el, card) {
    if (refuseWhileLocked()) return true;
    const ids = targets(card);
    const sizes = new Map(view.clusters.map((k) => [k.id, view.cards.filter((c) => c.cluster === k.id).length]));
    const from = ids.every((id) => view.cards.find((c) => c.id === id).cluster === card.cluster) ? card.cluster : null;
    if (chooser) chooser.shut();
    chooser = openChooser(el, {
      options: chooserOptions({ clusters: view.clusters, sizes, from }),
      count: ids.length,
      close: () => { chooser = null; },
      choose: (target) => send(ids, target),
    });
    return true;
  }

  function byNumber(card, n) {
    if (refuseWhileLocked()) return true;
    if (n === 0) {
      if (!targets(card).some((id) => view.cards.find((c) => c.id === id).cluster)) ctx.say(t("wall.not_in_cluster"));
      else send(targets(card), "loose");
      return true;
    }
    const k = view.clusters[n - 1];
    if (!k) ctx.say(t("wall.no_cluster", { number: n }));
    else send(targets(card), k.id);
    return true;
  }

  function send(ids, target) {
    if (target === "new") {
      naming = true; // the new cluster's name field gets the keyboard; Enter brings it back
      moves.makeFrom(ids);
    } else {
      moves.place(ids, target);
    }
  }

  /** Enter or Escape in a cluster's name field: back to the card, when a key made it. */
  function afterNaming() {
    if (!naming) return;
    naming = false;
    focusWall();
  }

  function setActive(id) {
    activeId = id;
    for (const el of cardEls()) {
      const active = el.dataset.cardId === id;
      setAttr(el, "tabindex", active ? "0" : "-1");
      for (const button of el.querySelectorAll(".card-actions .button")) {
        setAttr(button, "tabindex", active ? "0" : "-1");
      }
    }
  }

  /** The card that had the keyboard before a render, to give it back after (its element
   * may be rebuilt in another list when it moved). */
  function followFocus() {
    const el = document.activeElement;
    return el && el.classList && el.classList.contains("console-card") && board.contains(el)
      ? el.dataset.cardId : null;
  }

  /** After each render: one card in the tab order, each card's own controls out of it
   * (Space and the keys do their work), and the keyboard back on a card that moved. */
  function render(cards, clusters, hadFocus) {
    view = { cards, clusters };
    const els = cardEls();
    if (skip) skip.hidden = els.length === 0;
    if (!els.some((el) => el.dataset.cardId === activeId)) activeId = els.length ? els[0].dataset.cardId : null;
    for (const el of els) {
      const active = el.dataset.cardId === activeId;
      setAttr(el, "tabindex", active ? "0" : "-1");
      setAttr(el, "aria-labelledby", `card-text-${el.dataset.cardId}`); // named by its text (card.js)
      setAttr(el, "aria-describedby", hint.id);
      setAttr(el, "aria-keyshortcuts", SHORTCUTS);
      // the tick box is Space on the card; the hide button stays one Tab away on the card
      // that has the keyboard, so the wall costs three Tabs at most, not two per card
      for (const check of el.querySelectorAll(".card-check")) setAttr(check, "tabindex", "-1");
      for (const button of el.querySelectorAll(".card-actions .button")) {
        setAttr(button, "tabindex", active ? "0" : "-1");
      }
    }
    if (hadFocus && document.activeElement !== elOf(hadFocus)) {
      const el = elOf(hadFocus);
      if (el) {
        setActive(hadFocus);
        el.focus();
      }
    }
  }

  /** Put the keyboard on the wall (the skip link's target); false when it has no card. */
  function focusWall() {
    const el = (activeId && elOf(activeId)) || cardEls()[0];
    if (!el) return false;
    setActive(el.dataset.cardId);
    el.focus();
    return true;
  }

  if (skip) {
    skip.addEventListener("click", (e) => {
      if (focusWall()) e.preventDefault();
    });
  }

  /** No clustering in this step: the skip link has nowhere to go. */
  function hide() {
    if (skip) skip.hidden = true;
  }

  return { hint, render, hide, followFocus, focusWall, afterNaming };
}
