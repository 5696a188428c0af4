// Translated strings for the scripts: the server puts them in the boot block
// (server/i18n/strings.py). Placeholders use gettext's "%(name)s" form.

let strings = {};

/** Install the catalogue from the boot block. */
export function setStrings(catalogue) {
  strings = catalogue || {};
}

/** The translated text for `key`, with `%(name)s` placeholders filled from `params`. */
export function t(key, params) {
  const text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
  if (!params) return text;
  return text.replace(/%\((\w+)\)s/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole);
}

/** Singular or plural: `key.one` when n is 1, else `key.other`; `n` is a parameter. */
export function tn(key, n, params) {
  return t(`${key}.${n === 1 ? "one" : "other"}`, { n, ...(params || {}) });
}

/** Pick the reader's language from a `{nl, en}` object sent by the server. */
export function pick(localized, lang) {
  if (!localized) return "";
  if (typeof localized === "string") return localized;
  return localized[lang] || localized.nl || localized.en || "";
}
