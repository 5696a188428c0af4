// A new phone takes part on the page the QR code opened: the name form sits above the
// phone's board (templates/phone/_join.html). While the resident reads it, main.js loads
// the board's scripts and opens the line to the server; "Doe mee" then asks for the
// phone's token with one request, and the board starts at once, without a second page.
// On a slow line that saves the redirect, a second page and its scripts' second start
// (docs/joining.md). Whatever this does not expect (a refused or expired form, a page
// instead of JSON) goes the plain way: the form is posted as a form, and the server's
// own page says what happened, so nobody is left on a form that does nothing.

/** Resolves with the phone's token once the server has taken it in; never rejects.
 *  Null at once on a page without the name form (the phone had joined before). */
export function takePart() {
  const form = document.getElementById("join-form");
  if (!form) return Promise.resolve(null);
  const button = document.getElementById("join-submit");
  const error = document.getElementById("join-error");
  const label = button.textContent;
  let busy = false;

  function say(text) {
    error.textContent = text;
    error.hidden = !text;
  }

  function ready() {
    busy = false;
    button.removeAttribute("aria-disabled");
    button.textContent = label;
  }

  return new Promise((resolve) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (busy) return; // a second tap while the first is on its way joins once
      busy = true;
      button.setAttribute("aria-disabled", "true");
      button.textContent = form.dataset.busy;
      say("");
      let answer;
      try {
        answer = await fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
      } catch (_) {
        ready();
        say(form.dataset.offline);
        return;
      }
      const body = await answer.json().catch(() => null);
      if (answer.ok && body && typeof body.token === "string") {
        resolve(body.token);
        return;
      }
      if (body && typeof body.error === "string") {
        ready();
        say(body.error);
        document.getElementById("display-name").focus();
        return;
      }
      form.submit(); // not an answer this script knows: let the server's page say it
    });
  });
}

/** The name form gives way to the board; focus goes to the step's question, where a
 *  screen reader user would start reading. */
export function showBoard() {
  const panel = document.getElementById("join-panel");
  if (!panel) return;
  panel.remove();
  const phone = document.getElementById("phone");
  phone.hidden = false;
  const question = document.getElementById("step-question");
  if (question) {
    question.tabIndex = -1;
    question.focus();
  }
}
