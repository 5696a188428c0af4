// The sections of a group's plan page behind WAI-ARIA tabs (docs/workspace.md, "The
// page"): the actions stay on top, one of the other sections shows below them. The tabs
// follow the APG pattern with automatic activation: Left/Right move between tabs and show
// the tab's panel, Home/End go to the first/last, Tab leaves the tab list. The open panel
// is kept in the address (#pictures), so a reload, a shared link or a redirect after a
// form opens it again; a link to anything inside a panel (#ws-years-heading) opens that
// panel. Panels are only hidden, never removed: every section keeps following the
// group's live changes.

/** `tablist` holds the role="tab" buttons; each names its panel in aria-controls. */
export function createSections({ tablist }) {
  const tabs = [...tablist.querySelectorAll('[role="tab"]')];
  const panelOf = (tab) => document.getElementById(tab.getAttribute("aria-controls"));

  function select(tab, { focus = false, remember = true } = {}) {
    for (const other of tabs) {
      const on = other === tab;
      other.setAttribute("aria-selected", String(on));
      other.tabIndex = on ? 0 : -1;
      panelOf(other).hidden = !on;
    }
    if (focus) tab.focus();
    // replaceState: switching tabs is not a step back for the Back button, and unlike
    // setting location.hash it does not make the page jump to the panel
    if (remember) history.replaceState(history.state, "", `#${panelOf(tab).id}`);
  }

  tablist.addEventListener("click", (event) => {
    const tab = event.target.closest('[role="tab"]');
    if (tab) select(tab);
  });

  tablist.addEventListener("keydown", (event) => {
    const at = tabs.indexOf(event.target.closest('[role="tab"]'));
    if (at < 0) return;
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    select(tabs[(to + tabs.length) % tabs.length], { focus: true });
  });

  /** Open the panel the address points into, and show what it points at. */
  function openFromAddress() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    const panel = target && target.closest('[role="tabpanel"]');
    const tab = panel && tabs.find((t) => panelOf(t) === panel);
    if (!tab) return;
    select(tab, { remember: false });
    // the browser looked for the target while its panel was hidden, and did not scroll
    (target === panel ? tablist : target).scrollIntoView({ block: "start" });
  }

  window.addEventListener("hashchange", openFromAddress);
  openFromAddress();
}
