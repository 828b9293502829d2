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

  // A link to a line of code (#__span-<block>-<n>, see render.py) opens the tab holding it.
  function openTarget() {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    const block = target && target.closest(".tabbed-block");
    if (!block || block.offsetParent) return;  // no such line, or already visible
    const set = block.closest(".tabbed-set");
    const index = [...block.parentElement.children].indexOf(block);
    const input = set.querySelectorAll(":scope > input")[index];
    if (input) input.click();  // linked tabs: every example follows, as on a tab click
    requestAnimationFrame(() => target.scrollIntoView({ block: "center" }));
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
