// "Wat is er met mijn ideeën gebeurd?": after the hand-over the phone (the same link as on
// the evening) shows its own cards, the cluster and result each went into, and, when the
// resident group shares its progress, the plan actions that come from it with the status
// the group set since. The server works it out per request (server/pages/my_ideas.py), so
// this asks again whenever the resident comes back to the page or taps "Look again".
import { byId, h, setText } from "../../dom.js";
import { formatDate } from "../../format.js";
import { t } from "../../i18n.js";

/** One action as words: what, its status, and its due date when it has one. */
function actionLine(action, lang) {
  const status = t(`status.${action.status}`);
  return action.due
    ? t("ideas.action_due", { what: action.what, status, due: formatDate(action.due, lang) })
    : t("ideas.action", { what: action.what, status });
}

/** One of my cards with where it went; `shared`: whether the group shares its actions. */
export function ideaItem(card, shared, lang) {
  const kind = (r) => (r.polarity ? t(`polarity.${r.polarity}`) : t(`type_one.${r.type}`));
  const results = card.results.map((r) => h("li", { "data-testid": "idea-result" },
    t("ideas.result", { type: kind(r), title: r.title })));
  const actions = card.actions.map((a) => h("li", {
    class: "idea-action", "data-testid": "idea-action", "data-status": a.status,
  }, actionLine(a, lang)));
  return h("li", { class: "card card-readonly idea", "data-testid": "idea", "data-card-id": card.id },
    h("p", { class: "card-text" }, card.text),
    h("p", { class: "card-meta" }, card.cluster !== null
      ? t("phone.card_in_cluster", { name: card.cluster || t("phone.cluster_unnamed") })
      : t("ideas.no_cluster")),
    results.length ? h("ul", { class: "idea-results" }, ...results)
      : h("p", { class: "hint" }, t("ideas.no_result")),
    shared && results.length ? (actions.length
      ? h("div", { class: "idea-actions" }, h("p", { class: "label" }, t("ideas.actions")),
        h("ul", {}, ...actions))
      : h("p", { class: "hint", "data-testid": "idea-no-actions" }, t("ideas.no_actions")))
      : null);
}

export function createMyIdeas({ boot }) {
  const el = {
    panel: byId("my-ideas"),
    note: byId("my-ideas-note"),
    list: byId("my-ideas-list"),
    again: byId("my-ideas-again"),
  };
  const url = `/phone/${boot.board_id}/my-ideas`;
  let wanted = false; // the evening is handed over: there is something to look up
  let busy = false;
  let drawn = ""; // the answer drawn last: an unchanged one is not drawn again

  async function lookUp() {
    if (!wanted || busy) return;
    busy = true;
    el.panel.dataset.state = "loading";
    try {
      const response = await fetch(url, { cache: "no-store", credentials: "same-origin",
                                          headers: { Authorization: `Bearer ${boot.token}` } });
      if (!response.ok) throw new Error(String(response.status));
      draw(await response.json());
    } catch (_) {
      el.panel.dataset.state = "failed";
      drawn = "";
      setText(el.note, t("ideas.failed"));
      el.note.hidden = false;
    } finally {
      busy = false;
    }
  }

  function draw(answer) {
    el.panel.dataset.state = "ready";
    const seen = JSON.stringify(answer);
    if (seen === drawn) return;
    drawn = seen;
    el.panel.dataset.shared = String(answer.shared);
    setText(el.note, answer.removed ? t("ideas.removed")
      : !answer.cards.length ? t("ideas.none")
        : answer.shared ? "" : t("ideas.not_shared"));
    el.note.hidden = !el.note.textContent;
    el.list.replaceChildren(...answer.cards.map((card) => ideaItem(card, answer.shared, boot.lang)));
  }

  el.again.addEventListener("click", lookUp);
  // back on the page (another app, a locked phone): the group may have moved on
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") lookUp();
  });

  /** Shown once the evening is handed over; asks the server the first time it is. */
  function render(state) {
    const now = Boolean(state && state.handed_over);
    el.panel.hidden = !now;
    if (now && !wanted) {
      wanted = true;
      lookUp();
    }
    wanted = now;
  }

  return { render };
}
