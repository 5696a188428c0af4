"""Measuring the projector in the page: type too small to read from the back of the hall,
and text cut off by the edge of the wall or by a box that hides its overflow.

Used by tests/e2e/test_projector_sizes_browser.py; the rules are in docs/screens.md
("Every text at least 28 px"). Both functions run in the page and return offenders as
{selector, text, ...} so a failure names the element and what it says.
"""
from __future__ import annotations

from playwright.sync_api import Page

# 28 px at a 1920 px wide wall; a narrower wall scales the floor with its width (a
# 1024 px beamer: 28 x 1024 / 1920 = 14.9 px), as the vw-based type does
FLOOR_AT_1920 = 28.0

# Shared by both measures: which elements carry visible text, and a selector to name them.
_VISIBLE_TEXT = """
const ownText = (e) => [...e.childNodes].filter((n) => n.nodeType === 3)
  .map((n) => n.data).join("").replace(/\\s+/g, " ").trim();
const seen = (e) => {
  if (!e.getClientRects().length) return false;
  for (let a = e; a; a = a.parentElement) {
    const s = getComputedStyle(a);
    if (s.visibility === "hidden" || s.opacity === "0") return false;
    if (a.classList.contains("visually-hidden")) return false;  // for screen readers only
    if (a.classList.contains("skip-link") && a !== document.activeElement) return false;  // keyboard only
  }
  return true;
};
const selector = (e) => {
  const parts = [];
  for (let a = e; a && a !== document.body && parts.length < 4; a = a.parentElement) {
    const id = a.dataset.testid ? `[data-testid=${a.dataset.testid}]` : "";
    const cls = [...a.classList].slice(0, 2).map((c) => "." + c).join("");
    parts.unshift(a.localName + id + cls);
    if (a.id) break;
  }
  return parts.join(" > ");
};
const texts = () => [...document.body.querySelectorAll("*")]
  .filter((e) => !["SCRIPT", "STYLE", "TEMPLATE"].includes(e.tagName))
  .map((e) => [e, ownText(e)]).filter(([e, text]) => text && seen(e));
"""

SMALL_TYPE = "floor => {" + _VISIBLE_TEXT + """
  return texts().map(([e, text]) => ({selector: selector(e), text: text.slice(0, 50),
                                      px: Math.round(parseFloat(getComputedStyle(e).fontSize) * 10) / 10}))
    .filter((o) => o.px < floor);
}"""

CLIPPED = "() => {" + _VISIBLE_TEXT + """
  const out = [];
  const W = innerWidth, H = innerHeight;
  const clipsX = (s) => s.overflowX !== "visible";
  const clipsY = (s) => s.overflowY !== "visible";
  for (const [e, text] of texts()) {
    const r = e.getBoundingClientRect();
    const name = {selector: selector(e), text: text.slice(0, 50)};
    if (r.left < -1 || r.top < -1 || r.right > W + 1 || r.bottom > H + 1) {
      const at = [r.left, r.top, r.right, r.bottom].map(Math.round);
      out.push({...name, why: `outside the wall (${at[0]},${at[1]})-(${at[2]},${at[3]})`});
      continue;
    }
    const own = getComputedStyle(e);
    if ((clipsX(own) && e.scrollWidth > e.clientWidth + 1)
        || (clipsY(own) && e.scrollHeight > e.clientHeight + 1)) {
      out.push({...name, why: "its own text overflows its box"});
      continue;
    }
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (!clipsX(s) && !clipsY(s)) continue;
      const b = a.getBoundingClientRect();
      if ((clipsX(s) && (r.left < b.left - 1 || r.right > b.right + 1)) ||
          (clipsY(s) && (r.top < b.top - 1 || r.bottom > b.bottom + 1))) {
        out.push({...name, why: `cut by ${selector(a)}`});
        break;
      }
    }
  }
  return out;
}"""


def floor_px(page: Page) -> float:
    return FLOOR_AT_1920 * min(1.0, page.viewport_size["width"] / 1920)


def small_type(page: Page) -> list[dict]:
    """Every visible text whose computed size is under the wall's floor."""
    return page.evaluate(SMALL_TYPE, floor_px(page) - 0.05)


def clipped(page: Page) -> list[dict]:
    """Every visible text outside the viewport or outside a box that clips it."""
    return page.evaluate(CLIPPED)


def describe(offenders: list[dict]) -> str:
    return "\n".join(f"  {o['selector']}: {o['text']!r} "
                     + (f"{o['px']} px" if "px" in o else o["why"]) for o in offenders)
