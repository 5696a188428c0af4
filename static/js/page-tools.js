// Small helpers for plain pages (no live board): a print button and a copy button.
// CSP allows no inline script, so pages load this module; texts come from the page
// (data-copied / data-copy-failed), already translated by the server.

function copyText(input) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(input.value);
  }
  // plain http on the community centre's network has no clipboard API: select and copy
  input.focus();
  input.select();
  return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy"));
}

for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}

for (const button of document.querySelectorAll("[data-copy]")) {
  const input = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.dataset.copyStatus);
  button.addEventListener("click", () => {
    if (!input) return;
    copyText(input).then(
      () => { if (status) status.textContent = button.dataset.copied; },
      () => {
        input.select();
        if (status) status.textContent = button.dataset.copyFailed;
      });
  });
}
