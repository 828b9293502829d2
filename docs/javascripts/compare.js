// Examples (<div class="compare">): a "Side by side" view of the two tabs, and links to a
// line of code inside a tab. Without JavaScript the examples stay plain linked tabs.
(() => {
  const VIEW = "__compare_view";  // kept like Material's tab choice (__md_get/__md_set)
  const SIDE = "compare-side-by-side";  // on <html>: both tabs shown (set early, main.html)
  const COLUMNS = "compare-columns";  // on <html>: ...in two columns, the window is wide enough
  const root = document.documentElement;
  const sets = [...document.querySelectorAll(".compare > .tabbed-set")];
  if (!sets.length) return;

  const stored = () => { try { return __md_get(VIEW) === "side-by-side"; } catch { return false; } };

  // Two columns only when each fits a snippet's 88 columns at the code's own font size.
  let probe;
  function codeFits() {
    const code = document.querySelector(".compare pre > code");
    if (!code) return false;
    if (!probe) {
      probe = document.createElement("span");
      probe.setAttribute("aria-hidden", "true");
      probe.style.cssText = "position:absolute;visibility:hidden;white-space:pre;top:0;left:0";
      probe.textContent = "0".repeat(88);
    }
    code.append(probe);
    const text = probe.getBoundingClientRect().width;
    probe.remove();
    const style = getComputedStyle(code);
    const column = text + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 4;
    const rem = parseFloat(getComputedStyle(root).fontSize);
    // The page's side margins (1.2rem each), the example's rule and the gap between columns.
    const room = root.clientWidth - 2 * 1.2 * rem - 0.6 * rem - 1 * rem;
    return 2 * column <= room;
  }

  function layout() {
    const side = root.classList.contains(SIDE);
    root.classList.toggle(COLUMNS, side && codeFits());
  }

  function show(side) {
    root.classList.toggle(SIDE, side);
    for (const button of document.querySelectorAll(".compare-view")) {
      button.setAttribute("aria-pressed", String(side));
    }
    layout();
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
    const button = document.createElement("button");
    button.type = "button";
    button.className = "compare-view";
    button.textContent = "Side by side";
    button.title = "Show PyTorch and TensorFlow side by side in every example";
    button.setAttribute("aria-pressed", "false");
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
  window.addEventListener("resize", layout);

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
