// The group's open points (docs/workspace.md): the questions and remarks parked on an
// evening and marked "for later" there, brought along by the hand-over. Read-only here,
// in the order they came in; a point whose writer gave no publication consent says so
// instead of its text. User text only via text nodes.
import { h, setText } from "../../dom.js";
import { t } from "../../i18n.js";

export function createOpenPoints({ container, empty }) {
  let shown = "";

  function point(p) {
    return h("li", { class: "ws-open-point", "data-testid": "open-point" },
      h("p", { class: "ws-open-text" }, p.withheld ? t("park.withheld") : p.text),
      p.answer ? h("p", { class: "park-answer" }, t("park.answer", { text: p.answer })) : null);
  }

  return function render(state) {
    const points = Array.isArray(state.open_points) ? state.open_points : [];
    const signature = JSON.stringify(points.map((p) => [p.id, p.text, p.answer, p.withheld]));
    if (signature === shown) return;
    shown = signature;
    setText(empty, points.length ? "" : t("ws.open_points_none"));
    container.replaceChildren(...points.map(point));
  };
}
