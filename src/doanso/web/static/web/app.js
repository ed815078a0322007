// Tree expand/collapse: the first click loads the children with htmx (hx-trigger="click once"),
// later clicks only show or hide them.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.toggle");
  if (!button || !button.dataset.loaded) return;
  const box = document.getElementById(button.getAttribute("aria-controls"));
  const open = button.getAttribute("aria-expanded") === "true";
  button.setAttribute("aria-expanded", String(!open));
  if (box) box.hidden = open;
});
document.addEventListener("htmx:afterSwap", (event) => {
  const id = event.detail.target.id;
  if (!id) return;
  const button = document.querySelector(`button.toggle[aria-controls="${id}"]`);
  if (button) {
    button.dataset.loaded = "1";
    button.setAttribute("aria-expanded", "true");
  }
});
