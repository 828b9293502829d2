// Material's search panel is a dialog without an accessible name (axe: aria-dialog-name).
document.querySelectorAll('.md-search[role="dialog"]').forEach((dialog) => {
  dialog.setAttribute("aria-label", "Search");
});

// A walkthrough's code cells scroll sideways on a phone: like Material's code blocks, each
// takes the keyboard focus, so it can be scrolled without a mouse (axe:
// scrollable-region-focusable).
document.querySelectorAll(".jupyter-wrapper .highlight-ipynb").forEach((code) => {
  code.setAttribute("tabindex", "0");
});
