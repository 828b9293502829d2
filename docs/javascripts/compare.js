// Examples (<div class="compare">): a "Side by side" view of the two tabs, and links to a
// line of code inside a tab. Without JavaScript the examples stay plain linked tabs.
(() => {
  const VIEW = "__compare_view";  // kept like Material's tab choice (__md_get/__md_set)
  const SIDE = "compare-side-by-side";  // on <html>: both tabs shown (set early, main.html)
  const root = document.documentElement;
  const sets = [...document.querySelectorAll(".compare > .tabbed-set")];
  if (!sets.length) return;

  const stored = () => { try { return __md_get(VIEW) === "side-by-side"; } catch { return false; } };

  // The layout is CSS's (compare.css): two columns from 1200 px wide, where the button
  // shows; on a narrower screen the button is hidden and the examples stay tabs.
  function show(side) {
    root.classList.toggle(SIDE, side);
    for (const button of document.querySelectorAll(".compare-view")) {
      button.setAttribute("aria-pressed", String(side));
      button.querySelector(".compare-view-state").textContent = side ? "on" : "off";
    }
  }

  for (const set of sets) {
    const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")];
    const blocks = set.querySelectorAll(":scope > .tabbed-content > .tabbed-block");
    blocks.forEach((block, i) => {  // the tab's name above its block, seen only side by side
      const name = document.createElement("p");
      name.className = "compare-side-label";
      name.textContent = labels[i] ? labels[i].textContent.trim() : "";
      block.prepend(name);
    });
    // A toggle: its name stays "Side by side" and aria-pressed says whether it is on; the
    // visible "on" or "off" says the same to the eye.
    const button = document.createElement("button");
    button.type = "button";
    button.className = "compare-view";
    button.title = "Show PyTorch and TensorFlow in two columns, in every example of the site";
    button.append("Side by side");
    const state = document.createElement("span");
    state.className = "compare-view-state";
    state.setAttribute("aria-hidden", "true");
    button.append(state);
    button.addEventListener("click", () => {
      const side = !root.classList.contains(SIDE);
      try { __md_set(VIEW, side ? "side-by-side" : "tabs"); } catch { /* private mode */ }
      const before = button.getBoundingClientRect().top;
      show(side);
      window.scrollBy(0, button.getBoundingClientRect().top - before);  // keep it in place
    });
    set.querySelector(":scope > .tabbed-labels").append(button);
  }
  show(stored());

  // A link into the page lands on its target: a deep link, a table-of-contents entry, an
  // in-page link, back and forward. The examples skip their layout until near the screen
  // (content-visibility, compare.css), so those above the target count at a guessed height
  // when the browser scrolls to it, and the target moved by up to 1,300 px once they were
  // drawn. Those above it are laid out for good, and the target brought into view again
  // once the page settles, unless the reader has scrolled since. A link to a line of code
  // (#__span-<block>-<n>, see render.py) first opens the tab holding it.
  const LAID_OUT = "compare-laid-out";  // compare.css: content-visibility: visible
  // On <html> from a landing to the reader's first scroll: the landing's last correction is
  // often upward, which Material reads as the reader scrolling up, and its "Back to top"
  // button then covered the heading just landed on (compare.css hides it meanwhile).
  const LANDING = "compare-landing";
  let landing = null;  // the target still to bring into view, until the reader scrolls

  function lineTab(target) {
    const block = target.closest(".tabbed-block");
    if (!block || block.offsetParent) return;  // not a line of code, or already visible
    const set = block.closest(".tabbed-set");
    const index = [...block.parentElement.children].indexOf(block);
    const input = set.querySelectorAll(":scope > input")[index];
    if (input) input.click();  // linked tabs: every example follows, as on a tab click
  }

  function land() {
    if (!landing) return;
    for (const content of document.querySelectorAll(".compare .tabbed-content")) {
      if (content.compareDocumentPosition(landing) & (Node.DOCUMENT_POSITION_FOLLOWING
                                                      | Node.DOCUMENT_POSITION_CONTAINED_BY))
        content.classList.add(LAID_OUT);
    }
    const line = landing.closest(".tabbed-block");
    landing.scrollIntoView({ block: line ? "center" : "start" });  // (heading: scroll-margin)
  }

  function follow() {
    const id = decodeURIComponent(location.hash.slice(1));
    landing = (id && document.getElementById(id)) || null;
    if (!landing) return;
    document.documentElement.classList.add(LANDING);
    lineTab(landing);
    land();
    requestAnimationFrame(() => requestAnimationFrame(land));  // after Material's tabs
  }

  for (const input of ["wheel", "touchstart", "keydown", "mousedown"])
    window.addEventListener(input, () => {
      landing = null;
      document.documentElement.classList.remove(LANDING);
    }, { passive: true });
  window.addEventListener("hashchange", follow);
  // A click on a link to the target already in the address bar fires no hashchange.
  document.addEventListener("click", event => {
    const link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link && link.hash === location.hash)
      requestAnimationFrame(follow);
  });
  window.addEventListener("load", land);  // pictures and late styles may move it
  follow();
})();
