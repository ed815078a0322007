// The plaque page's print button (no inline handlers: the CSP allows only our script files).
document.addEventListener("click", function (e) {
  if (e.target.closest("[data-print]")) window.print();
});
