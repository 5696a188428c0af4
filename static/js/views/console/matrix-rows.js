// One cluster's row under the console's matrix: its impact and effort as two selects
// (the keyboard's way onto the grid), the quadrant that makes in words, and the equity
// question: does it help those with the least voice? (yes / no / don't know, and a short
// note). It owns `set_equity`; placing goes through the matrix's own `place`.
import { h, setAttr, setOptions, setText } from "../../dom.js";
import { t } from "../../i18n.js";
import { quadrantOf } from "../../selectors/results.js";

export const LEVELS = [1, 2, 3, 4, 5];
const ANSWERS = [["yes", true], ["no", false], ["unknown", null]];

/** `place(k, impact, effort)` puts a cluster on the matrix (views/console/matrix.js);
 * `name(state, k)` is how the matrix calls a cluster. Returns {build(k), patch(node, k,
 * state, equity)}. */
export function createMatrixRows(ctx, { place, name }) {
  function build(k) {
    const id = `m-${k.id}`;
    const select = (axis) => {
      const s = h("select", { class: "input input-small", id: `${id}-${axis}`, "data-testid": `matrix-${axis}` });
      s.addEventListener("change", () => fromSelects(node));
      return s;
    };
    const impact = select("impact");
    const effort = select("effort");
    const note = h("input", { class: "input input-small", id: `${id}-note`, type: "text", maxlength: 500,
                              "data-testid": "equity-note" });
    const radios = ANSWERS.map(([key]) => h("input", { type: "radio", name: `${id}-eq`, id: `${id}-eq-${key}`,
                                                     value: key, "data-testid": `equity-${key}` }));
    const equity = h("fieldset", { class: "equity" },
      h("legend", {}, t("equity.question")),
      h("div", { class: "radio-row" }, ...radios.map((r, i) => h("span", { class: "radio" }, r,
        h("label", { for: r.id }, t(`equity.${ANSWERS[i][0]}`))))),
      h("label", { class: "label-inline", for: note.id }, t("equity.note")), note);
    const title = h("h3", { class: "mx-row-title" });
    const quad = h("p", { class: "mx-quadrant", "data-testid": "matrix-quadrant" });
    const node = h("li", { class: "mx-row", "data-cluster-id": k.id, "data-testid": "matrix-row" },
      title,
      h("div", { class: "mx-selects" },
        h("span", { class: "mx-select" },
          h("label", { class: "label-inline", for: impact.id }, t("matrix.impact")), impact),
        h("span", { class: "mx-select" },
          h("label", { class: "label-inline", for: effort.id }, t("matrix.effort")), effort)),
      quad, equity);
    node._m = { k, title, impact, effort, quad, note, radios, equity };
    for (const r of radios) r.addEventListener("change", () => saveEquity(node));
    note.addEventListener("change", () => saveEquity(node));
    return node;
  }

  async function fromSelects(node) {
    const m = node._m;
    const impact = Number(m.impact.value) || null;
    const effort = Number(m.effort.value) || null;
    if (!impact || !effort) {
      // Half a place is the facilitator's draft: a render meanwhile (a phone joining, any
      // event) must not set the chosen select back to the stored "not set".
      for (const s of [m.impact, m.effort]) {
        if (s.value) s.dataset.pending = "1";
        else delete s.dataset.pending;
      }
      return ctx.say(t("matrix.both"));
    }
    m.impact.dataset.pending = m.effort.dataset.pending = "1";
    await place(m.k, impact, effort);
    delete m.impact.dataset.pending;
    delete m.effort.dataset.pending;
    ctx.render();
  }

  async function saveEquity(node) {
    const m = node._m;
    const chosen = m.radios.find((r) => r.checked);
    const answer = chosen ? ANSWERS.find(([key]) => key === chosen.value)[1] : null;
    // counted, not a flag: a second answer given while the first is on its way must not be
    // set back to the stored one when the first one's answer arrives
    m.saving = (m.saving || 0) + 1;
    let ack;
    try {
      ack = await ctx.serial("set_equity", { cluster_id: m.k.id, helps_least_heard: answer,
                                             note: m.note.value.trim() }, "matrix");
    } finally {
      m.saving -= 1;
    }
    if (ack && ack.ok) ctx.announce(t("equity.saved"));
    ctx.render();
  }

  function patch(node, k, state, equity) {
    const m = node._m;
    m.k = k;
    setText(m.title, name(state, k));
    const levels = (axis) => [{ value: "", label: t("result.not_set") },
      ...LEVELS.map((n) => ({ value: String(n), label: t(`matrix.${axis}_${n}`) }))];
    setOptions(m.impact, levels("impact"), k.impact || "");
    setOptions(m.effort, levels("effort"), k.effort || "");
    const q = quadrantOf(k.impact, k.effort);
    setText(m.quad, q ? t(`quadrant.${q}`) : t("matrix.not_placed"));
    setAttr(m.quad, "data-quadrant", q || "none");
    m.equity.hidden = !equity;
    const eq = k.equity || {};
    if (!m.saving) {
      const answer = eq.helps_least_heard === true ? "yes" : eq.helps_least_heard === false ? "no" : "unknown";
      for (const r of m.radios) r.checked = r.value === answer;
      if (document.activeElement !== m.note && m.note.value !== (eq.note || "")) m.note.value = eq.note || "";
    }
  }

  return { build, patch };
}
