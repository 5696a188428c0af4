// One editable `{value, v}` field of a plan or an action. The edit is sent with
// `base` = the `v` the person started from; when someone else changed the field first the
// server answers `superseded`: the field then shows the current value and keeps the
// person's own text beside it, with "Use my text again" (sent with the new `base`).
import { h, setAttr, setText } from "../../dom.js";
import { t } from "../../i18n.js";

let counter = 0;

const PARSE = {
  text: (raw) => raw.trim(),
  date: (raw) => raw,
  hours: (raw) => (raw.trim() === "" ? null : Number(raw)),
  euros: (raw) => (raw.trim() === "" ? null : Number(raw)),
};

/** The element and attributes of each kind of field. */
const INPUTS = {
  text: (max) => ["input", { type: "text", maxlength: max }],
  long: (max) => ["textarea", { class: "input textarea textarea-short", rows: 2, maxlength: max }],
  date: () => ["input", { type: "date" }],
  hours: () => ["input", { type: "number", min: 0, step: 1, inputmode: "numeric" }],
  euros: () => ["input", { type: "number", min: 0, step: "0.01", inputmode: "decimal" }],
};

function shown(value) {
  return value === null || value === undefined ? "" : String(value);
}

/** The value typed in a field of `kind`, or the `problem` (a text key) that keeps it from
 * being sent: hours are whole, euros have at most cents, neither is below zero. */
function parseField(kind, raw) {
  if ((kind === "hours" || kind === "euros") && raw.trim() !== "") {
    const n = Number(raw);
    const whole = kind === "hours" ? Number.isInteger(n) : Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
    if (!Number.isFinite(n) || n < 0 || !whole) {
      return { problem: kind === "hours" ? "plan.bad_hours" : "plan.bad_euros" };
    }
  }
  return { value: PARSE[kind === "long" ? "text" : kind](raw) };
}

/** The box a refused edit opens: what the field says now, what this person wrote, and
 * "Use my text again" (`onUseMine`) or "Keep theirs" (`onKeep`). */
function buildConflict(label, { onUseMine, onKeep }) {
  const theirs = h("span", { class: "field-theirs" });
  const mine = h("span", { class: "field-mine" });
  const again = h("button", { class: "button button-small", type: "button", "data-testid": "use-my-text",
                              onclick: onUseMine }, t("plan.use_mine"));
  const dismiss = h("button", { class: "button button-small button-quiet", type: "button",
                                "data-testid": "keep-theirs", onclick: onKeep }, t("plan.keep_theirs"));
  const conflict = h("div", { class: "field-conflict", role: "group", hidden: true, "data-testid": "field-conflict",
                              "aria-label": t("plan.conflict_label", { field: label }) },
    h("p", {}, t("plan.superseded")), h("p", {}, t("plan.now_says"), " ", theirs),
    h("p", {}, t("plan.you_wrote"), " ", mine), h("div", { class: "button-row" }, again, dismiss));
  return { conflict, theirs, mine };
}

/**
 * A labelled input for one field. `kind`: text | long | date | hours | euros.
 * `save(value, base)` sends the command and resolves with the ack (or null).
 * Returns {el, sync(field)}: call `sync` with the field's current `{value, v}`.
 */
export function editableField({ name, label, kind = "text", testid, maxLength = 500, save }) {
  const id = `field-${name}-${(counter += 1)}`;
  const attrs = { class: "input", id, name, "data-testid": testid, "aria-describedby": `${id}-note` };
  const [tag, extra] = (INPUTS[kind] || INPUTS.text)(maxLength);
  const input = h(tag, { ...attrs, ...extra });
  const note = h("p", { class: "field-note", id: `${id}-note`, "aria-live": "polite" });
  const { conflict, theirs, mine } = buildConflict(label, { onUseMine: () => useMine(), onKeep: () => resolve() });
  const el = h("div", { class: `field field-${kind}`, "data-field": name },
    h("label", { class: "label", for: id }, label), input, note, conflict);
  let current = { value: null, v: 0 };
  let base = null;   // the v this edit started from
  let dirty = false; // typed but not yet saved
  let pending = null; // the value on its way to the server
  let mineText = null; // kept after `superseded`
  let settling = null; // after our save: the v it started from, until the event arrives
  let noteTimer = null;

  input.addEventListener("focus", () => { if (!dirty) base = current.v; });
  input.addEventListener("input", () => { dirty = true; setText(note, ""); });
  input.addEventListener("change", () => { if (dirty) submit(); });
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && kind !== "long") { e.preventDefault(); if (dirty) submit(); }
    if (e.key === "Escape" && dirty) { dirty = false; input.value = shown(current.value); }
  });

  async function submit(value = parse(), from = base === null ? current.v : base) {
    if (value === undefined || pending !== null) return;
    if (value === current.value || (value === "" && current.value === null)) { dirty = false; return; }
    pending = value;
    setAttr(el, "data-state", "saving");
    const ack = await save(value, from);
    pending = null;
    if (ack && ack.ok) {
      dirty = false;
      base = null;
      settling = from;
      setAttr(el, "data-state", "saved");
      setText(note, t("plan.saved"));
      clearTimeout(noteTimer); // the word "saved" fades out of the way after a moment
      noteTimer = setTimeout(() => { if (el.dataset.state === "saved") setText(note, ""); }, 4000);
      if (mineText !== null) resolve();
    } else if (ack && ack.error && ack.error.code === "superseded") {
      dirty = false;
      base = null;
      mineText = shown(value);
      input.value = shown(current.value);
      setAttr(el, "data-state", "conflict");
      setText(note, "");
      showConflict();
    } else {
      setAttr(el, "data-state", "error");
      setText(note, ack && ack.error ? ack.error.message : t("command.failed"));
    }
  }

  function parse() {
    const parsed = parseField(kind, input.value);
    if (parsed.problem) {
      setAttr(el, "data-state", "error");
      setText(note, t(parsed.problem));
      return undefined;
    }
    return parsed.value;
  }

  function showConflict() {
    conflict.hidden = false;
    setText(theirs, shown(current.value) || t("plan.empty_value"));
    setText(mine, mineText || t("plan.empty_value"));
  }

  function useMine() {
    const value = kind === "hours" || kind === "euros" ? (mineText === "" ? null : Number(mineText)) : mineText;
    input.value = mineText;
    submit(value, current.v);
  }

  function resolve() {
    mineText = null;
    conflict.hidden = true;
    setAttr(el, "data-state", "saved");
    input.focus();
  }

  return {
    el,
    input,
    sync(field) {
      current = field || { value: null, v: 0 };
      if (settling !== null && current.v > settling) settling = null;
      if (!dirty && pending === null && settling === null) { // nothing typed here: show the newest value
        const value = shown(current.value);
        if (input.value !== value) input.value = value;
        if (document.activeElement === input) base = current.v;
      }
      if (mineText !== null) showConflict();
    },
  };
}
