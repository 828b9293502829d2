// The Rosetta stone's filter: a box above its tables that keeps the rows whose operation,
// PyTorch or TensorFlow cell holds every word typed, and the sections that still have one.
// Loaded on every page: it acts only where tables start with an "Operation" column.
(() => {
  const tables = [...document.querySelectorAll(".md-typeset table")].filter(
    (table) => table.querySelector("th")?.textContent.trim() === "Operation");
  if (!tables.length) return;
  const article = tables[0].closest("article") || document.body;
  const headings = [...article.querySelectorAll(":scope > h2")];
  if (!headings.length) return;

  // Each section: its heading, what follows it up to the next one, and its rows.
  const sections = headings.map((heading) => {
    const parts = [heading];
    for (let el = heading.nextElementSibling; el && el.tagName !== "H2";
      el = el.nextElementSibling) parts.push(el);
    const rows = parts.flatMap((el) => [...el.querySelectorAll("tbody tr")])
      .filter((row) => tables.includes(row.closest("table")))
      .map((row) => ({ row, text: [...row.cells].slice(0, 3)
        .map((cell) => cell.textContent).join(" ").toLowerCase() }));
    return { parts, rows };
  });
  const total = sections.reduce((n, section) => n + section.rows.length, 0);

  const box = document.createElement("div");
  box.className = "rosetta-filter";
  box.setAttribute("role", "search");
  box.innerHTML = '<label for="rosetta-filter">Filter the rows</label>'
    + '<input id="rosetta-filter" type="search" autocomplete="off" spellcheck="false"'
    + ' placeholder="zero_grad, tf.gather, dropout...">'
    + '<p class="rosetta-count" role="status" aria-live="polite"></p>';
  // A section to jump to: the page is long, and its contents stay beside it only on wide
  // screens (compare.css); the titles are the headings' own, without their "¶".
  const jump = document.createElement("select");
  jump.id = "rosetta-jump";
  jump.append(new Option("Go to a section", ""));
  for (const heading of headings) {
    const title = heading.cloneNode(true);
    title.querySelectorAll(".headerlink").forEach((link) => link.remove());
    jump.append(new Option(title.textContent.trim(), heading.id));
  }
  jump.setAttribute("aria-label", "Go to a section");
  box.append(jump);
  headings[0].before(box);
  const measure = () => article.style.setProperty("--rosetta-filter-height",
    `${box.offsetHeight}px`);  // compare.css keeps what is scrolled to clear of the box
  measure();
  window.addEventListener("resize", measure);
  const input = box.querySelector("input");
  const count = box.querySelector("p");

  function filter() {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const { parts, rows } of sections) {
      let kept = 0;
      for (const { row, text } of rows) {
        const match = words.every((word) => text.includes(word));
        row.hidden = !match;
        kept += match;
      }
      shown += kept;
      // While filtering, a section shows only if a row of it matches.
      for (const el of parts) el.hidden = words.length > 0 && kept === 0;
    }
    count.textContent = !words.length ? `${total} rows`
      : shown ? `${shown} of ${total} rows` : `No row matches "${input.value.trim()}"`;
  }
  input.addEventListener("input", filter);
  jump.addEventListener("change", () => {
    if (!jump.value) return;
    if (input.value) {  // the section may be hidden by the filter
      input.value = "";
      filter();
    }
    location.hash = jump.value;
    jump.value = "";
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && input.value) {
      input.value = "";
      filter();
    }
  });
  // A link to a line of an example in a hidden section clears the filter first.
  window.addEventListener("hashchange", () => {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.closest("[hidden]") && input.value) {
      input.value = "";
      filter();
      target.scrollIntoView({ block: "center" });
    }
  });
  filter();
})();
