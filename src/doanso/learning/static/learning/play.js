// Countdown of a contest round: the deadline comes from the server (data-deadline); the server
// refuses late answers whatever this shows. No inline script (CSP).
(function () {
  var box = document.getElementById("countdown");
  if (!box) return;
  var deadline = Date.parse(box.getAttribute("data-deadline"));
  var out = box.querySelector("strong");
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    out.textContent = pad(Math.floor(left / 60)) + ":" + pad(left % 60);
    if (left === 0) {
      box.classList.add("over");
      var form = document.getElementById("answers");
      if (form && !form.dataset.sent) { form.dataset.sent = "1"; form.submit(); }
      return;
    }
    setTimeout(tick, 250);
  }
  tick();
})();
