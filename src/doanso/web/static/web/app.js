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

// Behaviours that templates ask for with data- attributes: the Content Security Policy allows
// scripts from our static files only, so no template carries an on*= attribute.
document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-autosubmit]");
  if (select && select.form) select.form.submit();
});
document.addEventListener("click", (event) => {
  const asking = event.target.closest("[data-confirm]");
  if (asking && !window.confirm(asking.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
  const removing = event.target.closest("[data-remove-closest]");
  if (removing) {
    const box = removing.closest(removing.dataset.removeClosest);
    if (box) box.remove();
    return;
  }
  const expanding = event.target.closest("button[data-expands]");
  if (expanding) expanding.setAttribute("aria-expanded", "true");
});
