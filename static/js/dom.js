// Tiny DOM helpers. User text always goes in through textContent, never as markup.

/** The element with this id (throws when a template lost a hook). */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

/**
 * Build an element: h("li", {class: "card", "data-card-id": id}, "text", child).
 * Strings become text nodes; functions under `on*` keys become listeners;
 * `true`/`false` set or drop boolean attributes.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === "class") {
      el.className = value;
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace the text of `el` only when it changed (keeps screen readers calm). */
export function setText(el, text) {
  const value = text === null || text === undefined ? "" : String(text);
  if (el.textContent !== value) el.textContent = value;
}

/** Set an attribute only when it changed. */
export function setAttr(el, name, value) {
  const v = String(value);
  if (el.getAttribute(name) !== v) el.setAttribute(name, v);
}

/**
 * Keyed list rendering: reuse the element of an item whose `signature` did not
 * change, build a new one otherwise, and put them in order. Unchanged items are
 * not touched, so focus and aria-live regions stay quiet.
 */
export function keyedList(container) {
  let cache = new Map(); // key -> {sig, el}
  return function update(items, key, signature, build) {
    const next = new Map();
    const els = items.map((item) => {
      const k = key(item);
      const sig = signature(item);
      const old = cache.get(k);
      const el = old && old.sig === sig ? old.el : build(item);
      next.set(k, { sig, el });
      return el;
    });
    const kept = new Set(els);
    for (const { el } of cache.values()) {
      if (!kept.has(el) && el.parentNode === container) el.remove();
    }
    els.forEach((el, i) => {
      if (container.children[i] !== el) container.insertBefore(el, container.children[i] || null);
    });
    while (container.children.length > els.length) container.lastElementChild.remove();
    cache = next;
  };
}

/**
 * A list whose elements are built once per key and then only patched, so a control
 * someone is typing in keeps its focus and text while the rest of the board changes.
 *   update(items, key(item), build(item) -> element, patch(element, item))
 */
export function stableList(container) {
  let cache = new Map();
  return function update(items, key, build, patch) {
    const next = new Map();
    const els = items.map((item) => {
      const k = key(item);
      const el = cache.get(k) || build(item);
      if (patch) patch(el, item);
      next.set(k, el);
      return el;
    });
    for (const [k, el] of cache) {
      if (!next.has(k) && el.parentNode === container) el.remove();
    }
    els.forEach((el, i) => {
      if (container.children[i] !== el) container.insertBefore(el, container.children[i] || null);
    });
    while (container.children.length > els.length) container.lastElementChild.remove();
    cache = next;
  };
}

/** Fill a <select> with [{value, label}] unless it has focus (an open list stays put). */
export function setOptions(select, options, value) {
  const wanted = JSON.stringify(options);
  if (select.dataset.options !== wanted && document.activeElement !== select) {
    select.replaceChildren(...options.map((o) => h("option", { value: o.value }, o.label)));
    select.dataset.options = wanted;
  }
  if (value !== undefined && document.activeElement !== select && !select.dataset.pending) {
    const v = value === null ? "" : String(value);
    if (select.value !== v) select.value = v;
  }
}

/** Tell screen-reader users something, once, through the page's polite live region. */
export function announce(text) {
  const region = document.getElementById("announce");
  if (!region) return;
  region.textContent = "";
  // a fresh text node after a tick is announced even when the text repeats
  setTimeout(() => { region.textContent = text; }, 50);
}

const DENSITIES = ["low", "medium", "high", "max"];

/** Projector text that must fit the wall: step `target`'s `data-density` down (bigger
 * type first) while `box` still overflows, down to `lowest` (the smallest type that is
 * still readable there). `box` must be visible to be measured. True when it fits. */
export function fitDensity(target, box = target, lowest = "max") {
  const last = Math.max(DENSITIES.indexOf(lowest), 0);
  const overflows = () => box.scrollHeight > box.clientHeight + 2;
  let level = 0;
  target.dataset.density = DENSITIES[level];
  while (level < last && overflows()) {
    level += 1;
    target.dataset.density = DENSITIES[level];
  }
  return !overflows();
}
