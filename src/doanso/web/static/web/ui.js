// Small progressive behaviours, no inline scripts (a strict CSP is coming). Each works from data-*
// attributes in the templates, and every page still works without JavaScript.

// <input type="checkbox" data-select-all="member_ids">: ticks or clears every box of that name in its form.
document.addEventListener("change", (event) => {
  const all = event.target.closest("input[data-select-all]");
  if (all) {
    const form = all.form || document;
    form.querySelectorAll(`input[type=checkbox][name="${all.dataset.selectAll}"]:not(:disabled)`)
      .forEach((box) => { box.checked = all.checked; });
    return;
  }
  const box = event.target.closest("input[type=checkbox]");
  if (box && box.form) {
    const master = box.form.querySelector(`input[data-select-all="${box.name}"]`);
    if (master) {
      const boxes = [...box.form.querySelectorAll(`input[type=checkbox][name="${box.name}"]:not(:disabled)`)];
      master.checked = boxes.length > 0 && boxes.every((b) => b.checked);
      master.indeterminate = !master.checked && boxes.some((b) => b.checked);
    }
  }
  // <select data-autosubmit>: submit its form on change (the page has a "Xem" button without JS).
  const sel = event.target.closest("[data-autosubmit]");
  if (sel && sel.form) {
    if (sel.form.requestSubmit) sel.form.requestSubmit(); else sel.form.submit();
  }
  showWhen(event.target.form || document);
});

// <div data-show-when="rule=weekly,monthly">: shown only when the field named "rule" has one of
// those values (the reporting-schedule form asks only what the chosen rule needs).
function showWhen(root) {
  root.querySelectorAll("[data-show-when]").forEach((el) => {
    const [name, values] = el.dataset.showWhen.split("=");
    const form = el.closest("form") || document;
    const field = form.querySelector(`[name="${name}"]:checked`) || form.querySelector(`select[name="${name}"]`);
    const on = field ? values.split(",").includes(field.value) : true;
    el.hidden = !on;
    el.querySelectorAll("input, select, textarea").forEach((i) => { i.disabled = !on; });
  });
}

// <input type="search" data-filter="#indicator-list">: hides the list's items that do not match
// (accents ignored, đ read as d), for long lists such as the ~50 indicators of a schedule.
function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}
document.addEventListener("input", (event) => {
  const box = event.target.closest("input[data-filter]");
  if (!box) return;
  const q = fold(box.value.trim());
  document.querySelectorAll(`${box.dataset.filter} [data-filter-text]`).forEach((item) => {
    item.hidden = q !== "" && !fold(item.dataset.filterText).includes(q);
  });
  document.querySelectorAll(`${box.dataset.filter} fieldset`).forEach((group) => {
    group.hidden = [...group.querySelectorAll("[data-filter-text]")].every((i) => i.hidden);
  });
});

document.addEventListener("DOMContentLoaded", () => showWhen(document));
document.addEventListener("htmx:afterSwap", () => showWhen(document));

// Drill-down buttons (dashboard): loaded once by htmx, then marked open.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-expands]");
  if (button) button.setAttribute("aria-expanded", "true");
});

// The header's menu groups (<details class="menu-group">): one open at a time, closed by a click
// elsewhere or Escape, as a dropdown behaves.
document.addEventListener("click", (event) => {
  document.querySelectorAll("details.menu-group[open]").forEach((group) => {
    if (!group.contains(event.target)) group.open = false;
  });
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll("details.menu-group[open]").forEach((group) => {
    group.open = false;
    group.querySelector("summary").focus();
  });
});

// A unit picker (the activity form's co-organisers): <button data-pick="FIELD" data-code data-name>
// in the search results adds a ticked box named FIELD, showing the unit's name, to the
// [data-picked="FIELD"] list (ticking it again if it is there), then clears the search. Enter in
// the search box [data-pick-search] searches at once instead of sending the whole form.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-pick]");
  if (!button) return;
  const field = button.dataset.pick;
  const list = document.querySelector(`[data-picked="${field}"]`);
  if (!list) return;
  const present = [...list.querySelectorAll(`input[name="${field}"]`)].find((i) => i.value === button.dataset.code);
  if (present) {
    present.checked = true;
  } else {
    const item = document.createElement("li");
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.name = field;
    box.value = button.dataset.code;
    box.checked = true;
    label.append(box, ` ${button.dataset.name}`);
    item.append(label);
    list.append(item);
  }
  const results = button.closest(".pick-results");
  const search = list.parentElement.querySelector("input[data-pick-search]");
  if (results) results.parentElement.replaceChildren();
  if (search) { search.value = ""; search.focus(); }
});
document.addEventListener("keydown", (event) => {
  const box = event.target.closest("input[data-pick-search]");
  if (box && event.key === "Enter") {
    event.preventDefault();
    box.dispatchEvent(new Event("search"));
  }
});
