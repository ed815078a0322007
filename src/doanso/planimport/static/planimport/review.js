// Review screen: an item's "dòng N" link scrolls the source to that line and flashes it;
// a highlighted word in the source scrolls the draft to its item. Delegated, so it keeps
// working after htmx swaps.
(() => {
  const flash = (el) => {
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
  };
  const scrollInto = (box, el) => {
    if (!box || !el) return;
    // Scrolls the pane and, if the pane itself is partly off screen, the page too.
    el.scrollIntoView({ block: "center", behavior: "smooth" });
    flash(el);
  };
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.goto[data-line]");
    if (link) {
      const line = document.getElementById("L" + link.dataset.line);
      if (line) {
        event.preventDefault();
        scrollInto(document.querySelector(".source"), line);
        history.replaceState(null, "", "#L" + link.dataset.line);
      }
      return;
    }
    const mark = event.target.closest("#source mark[data-item]");
    if (mark) {
      const id = mark.dataset.item.split(" ")[0];
      const item = document.getElementById("item-" + id);
      if (item) scrollInto(document.querySelector(".draft"), item);
    }
  });
  document.addEventListener("mouseover", (event) => {
    const item = event.target.closest("li.item[data-line]");
    document.querySelectorAll("#source li.focus").forEach((li) => li.classList.remove("focus"));
    if (item && item.dataset.line) {
      const line = document.getElementById("L" + item.dataset.line);
      if (line) line.classList.add("focus");
    }
  });
})();
