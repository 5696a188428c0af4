// One editable field of a project plan or an action on the phone, with the protocol's
// rule for concurrent edits: an edit carries `base`, the `v` the person started from.
// When someone else changed the field first the server answers `superseded`; the field
// then shows the message and what it says now, and keeps the person's own text with a
// "use my text again" button. Other refusals keep the text in the box to be fixed.
import { h, setText } from "../../dom.js";
import { t } from "../../i18n.js";

const INPUTS = {
  text: { tag: "input", attrs: { type: "text" } },
  long: { tag: "textarea", attrs: { rows: 3 } },
  date: { tag: "input", attrs: { type: "date" } },
  hours: { tag: "input", attrs: { type: "number", min: 0, step: 1, inputmode: "numeric" } },
  euros: { tag: "input", attrs: { type: "number", min: 0, step: "0.01", inputmode: "decimal" } },
};

/** The value to send for what is in the box: numbers for hours/euros (empty → null). */
export function parseValue(kind, raw) {
  const text = String(raw).trim();
  if (kind === "hours" || kind === "euros") {
    if (text === "") return null;
    const n = Number(text);
    return Number.isFinite(n) ? n : text; // the server refuses what is not a number
  }
  return text;
}

const shown = (value) => (value === null || value === undefined ? "" : String(value));

/**
 * A field editor. `read()` gives the store's {value, v}; `baseNow()` the `v` an edit made
 * now should carry; `save(value, base)` queues the command; `problem` and `setProblem`
 * read and keep a refusal (kept outside, so it survives switching plans).
 */
export function createField({ id, label, kind, testid, maxLength, read, baseNow, save, problem,
                              setProblem }) {
  const spec = INPUTS[kind] || INPUTS.text;
  const limit = maxLength ? { maxlength: maxLength } : {}; // the server's own number
  const input = h(spec.tag, { ...spec.attrs, ...limit, class: "input", id, "data-testid": testid,
                              "aria-describedby": `${id}-problem` });
  const problemText = h("p", { class: "field-problem-text" });
  const nowText = h("p", { class: "field-problem-now", "data-testid": "field-now" });
  const mineText = h("p", { class: "field-problem-mine", "data-testid": "field-mine" });
  const reuse = h("button", { class: "button button-small", type: "button",
                              "data-testid": "use-my-text", onclick: useMine }, t("phone.plan.use_mine"));
  const dismiss = h("button", { class: "button button-quiet button-small", type: "button",
                                onclick: () => { setProblem(null); update(true); } }, t("phone.plan.keep_theirs"));
  const box = h("div", { class: "field-problem", id: `${id}-problem`, role: "alert", hidden: true },
    problemText, nowText, mineText, h("div", { class: "button-row" }, reuse, dismiss));
  const root = h("div", { class: "plan-field", "data-field": testid },
    h("label", { class: "label", for: id }, label), input, box);
  let base = null;   // the `v` this person started from (set on focus)
  let editable = true;

  input.addEventListener("focus", () => { base = baseNow(); });
  input.addEventListener("change", () => {
    const value = parseValue(kind, input.value);
    const stored = read();
    const from = base === null ? baseNow() : base;
    base = null;
    if (shown(value) === shown(stored.value) && !problem()) return;
    setProblem(null);
    save(value, from);
    update(false);
  });

  function useMine() {
    const p = problem();
    if (!p) return;
    setProblem(null);
    // focus first: queueing the edit redraws the plan at once, and a box without focus
    // shows the store's value, which is still the other text until our edit's event
    // comes; the person's own text would give way to it (and stay so while they type on)
    input.focus();
    input.value = shown(p.mine);
    save(p.mine, baseNow()); // the person chose their own text over the newer one
    base = baseNow(); // typing on starts from this edit, still in the outbox
    update(false);
  }

  /** Show the store's value (never over what the person is typing) and any refusal. */
  function update(force) {
    const stored = read();
    const p = problem();
    const typing = document.activeElement === input;
    if (p && !p.superseded) {
      if (!typing && input.value !== shown(p.mine)) input.value = shown(p.mine);
    } else if (force || !typing) {
      if (input.value !== shown(stored.value)) input.value = shown(stored.value);
    }
    input.readOnly = !editable;
    input.toggleAttribute("aria-invalid", Boolean(p));
    box.hidden = !p;
    if (!p) return;
    problemText.hidden = p.superseded; // the "it now says" line below tells it in full
    setText(problemText, p.message);
    reuse.hidden = !p.superseded || !editable;
    setText(dismiss, p.superseded ? t("phone.plan.keep_theirs") : t("phone.plan.dismiss"));
    nowText.hidden = !p.superseded;
    mineText.hidden = !p.superseded;
    setText(nowText, t("phone.plan.now_says", { value: shown(stored.value) || t("phone.plan.empty") }));
    setText(mineText, t("phone.plan.your_text", { value: shown(p.mine) || t("phone.plan.empty") }));
  }

  return {
    root,
    input,
    update,
    setEditable(on) { editable = on; },
  };
}
