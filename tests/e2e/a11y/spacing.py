"""WCAG 1.4.12, text spacing: with the spacing the criterion names (line height 1.5 times
the font size, 2 times after a paragraph, letters 0.12 and words 0.16 times apart), no
text may be cut off or hidden. Measured in the page: the spacing goes on as a
constructed style sheet (the pages' CSP forbids inline styles, not this) and the window
says it was resized, so screens that fit their text measure again; then every element
that hides its overflow is asked whether its text still fits (text hidden on purpose for
screen readers aside), and the page whether it now scrolls sideways; then the sheet comes
off again and the screens measure once more."""
from __future__ import annotations

from playwright.sync_api import Page

SPACED = """async () => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
                         word-spacing: 0.16em !important; }
                     p { margin-bottom: 2em !important; }`);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  // screens that fit their text to the room (the projector's pages, the card wall)
  // measure again on a resize, as they would when a reader's spacing came in
  window.dispatchEvent(new Event("resize"));
  for (let n = 0; n < 3; n += 1) await new Promise((done) => requestAnimationFrame(done));
  await new Promise((done) => setTimeout(done, 300));
  const cut = [];
  for (const el of document.querySelectorAll("body *")) {
    if (!el.offsetParent && getComputedStyle(el).position !== "fixed") continue; // not shown
    if (!el.textContent.trim()) continue;
    const style = getComputedStyle(el);
    // text kept for screen readers only (a visually hidden label) is not cut off text
    if (el.clientWidth <= 1 || el.clientHeight <= 1 || style.clipPath.startsWith("inset(50%")
        || style.clip.startsWith("rect(0")) continue;
    const hides = (o) => o === "hidden" || o === "clip";
    const wide = hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const tall = hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if (wide || tall) {
      const id = el.id ? "#" + el.id : "";
      const test = el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : "";
      cut.push(`${el.tagName.toLowerCase()}${id}${test} ${wide ? "wide" : ""}${tall ? "tall" : ""}:`
               + ` ${el.textContent.trim().slice(0, 40)}`);
    }
  }
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    cut.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
  }
  document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  window.dispatchEvent(new Event("resize")); // and measure again without it
  for (let n = 0; n < 3; n += 1) await new Promise((done) => requestAnimationFrame(done));
  return cut;
}"""


def spacing_problems(page: Page) -> list[str]:
    """What the text-spacing override cuts off or pushes sideways on `page` as it is now."""
    return page.evaluate(SPACED)
