/* The organiser's offline check-in page (activities/offline.py, template offline_checkin.html).
 *
 * Scans (camera through jsQR, or a typed code) are checked here first: the e-card's Ed25519
 * signature with WebCrypto against the server's public key, and the member against the signed list
 * of allowed tickets. Each scan is kept in IndexedDB with its time and a random nonce, and sent to
 * POST /api/v1/activities/{id}/checkins when the device is online; the server checks everything again,
 * and a nonce it has already seen is answered 200 with the first check-in, so sending twice never
 * counts twice. Every text shown comes from the page's data-msg-* attributes (translated by Django)
 * or from the server's answer. */
(function () {
  "use strict";
  const root = document.getElementById("checkin");
  if (!root) return;
  const D = root.dataset;
  const activity = Number(D.activity);
  const $ = (id) => document.getElementById(id);
  const fmt = (text, values) => text.replace(/%\((\w+)\)s/g, (_, k) => String(values[k]));
  const num = new Intl.NumberFormat("vi-VN");
  const time = new Intl.DateTimeFormat("vi-VN", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const enc = new TextEncoder();
  let allowed = null; // Map id -> [name, registered] from the signed list, or null
  let complete = false;
  let keyPromise = null;
  let syncing = false;

  // --- IndexedDB: one store of scans, keyed by nonce; one of verified lists, keyed by activity
  const dbPromise = new Promise((resolve, reject) => {
    const open = indexedDB.open("doanso-checkin", 1);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore("scans", { keyPath: "nonce" }).createIndex("activity", "activity");
      db.createObjectStore("lists", { keyPath: "activity" });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  function tx(store, mode, fn) {
    return dbPromise.then((db) => new Promise((resolve, reject) => {
      const t = db.transaction(store, mode);
      const req = fn(t.objectStore(store));
      t.oncomplete = () => resolve(req && req.result);
      t.onerror = () => reject(t.error);
    }));
  }
  const putScan = (s) => tx("scans", "readwrite", (st) => st.put(s));
  const allScans = () => tx("scans", "readonly", (st) => st.index("activity").getAll(activity))
    .then((rows) => rows.sort((a, b) => (a.at < b.at ? 1 : -1)));

  // --- signatures
  function b64u(text) {
    const s = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4));
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  }
  function publicKey() {
    if (!keyPromise) {
      keyPromise = crypto.subtle.importKey("raw", b64u(D.publicKey), { name: "Ed25519" }, false, ["verify"])
        .catch(() => null); // a browser without Ed25519: the server decides
    }
    return keyPromise;
  }
  async function signed(body, signature) {
    const key = await publicKey();
    if (!key) return null;
    try {
      return await crypto.subtle.verify({ name: "Ed25519" }, key, b64u(signature), enc.encode(body));
    } catch (e) {
      return false;
    }
  }

  // --- the list of allowed tickets
  async function useList(data) {
    const ok = await signed(data.body, data.signature);
    if (ok === false) {
      $("list-state").textContent = D.msgListbad;
      return false;
    }
    const list = JSON.parse(data.body);
    if (list.activity !== activity) return false;
    allowed = new Map(list.members.map((m) => [m[0], [m[1], m[2]]]));
    complete = list.complete && ok === true;
    $("list-state").textContent = fmt(D.msgList, { n: num.format(allowed.size) });
    return true;
  }
  async function loadList() {
    try {
      const r = await fetch(D.base + "tickets.json", { credentials: "same-origin" });
      if (r.ok) {
        const data = await r.json();
        if (await useList(data)) await tx("lists", "readwrite", (st) => st.put({ activity, data }));
        return;
      }
    } catch (e) { /* offline and not cached: fall back to the copy kept in IndexedDB */ }
    const kept = await tx("lists", "readonly", (st) => st.get(activity));
    if (!(kept && (await useList(kept.data)))) $("list-state").textContent = D.msgNolist;
  }

  // --- a scan
  function nonce() {
    if (crypto.randomUUID) return "off-" + crypto.randomUUID();
    const r = crypto.getRandomValues(new Uint8Array(16));
    return "off-" + Array.from(r, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  async function check(text) {
    const parts = text.trim().split(":");
    if (parts.length !== 4 || !/^\d+$/.test(parts[1]) || !["DOANSO-DV2", "DOANSO-DV"].includes(parts[0])) {
      return { state: "rejected", reason: D.msgNotours };
    }
    const id = Number(parts[1]);
    let note = "";
    if (parts[0] === "DOANSO-DV2") {
      const ok = await signed(parts.slice(0, 3).join(":"), parts[3]);
      if (ok === false) return { state: "rejected", reason: D.msgForged, member: id };
      if (ok === null) note = D.msgUnchecked;
    } else {
      note = D.msgUnchecked; // a card issued before signatures were public: only the server can tell
    }
    if (allowed && complete && !allowed.has(id)) note = D.msgNotlisted;
    return { state: "queued", reason: note, member: id };
  }
  async function scan(text) {
    const code = text.trim();
    if (!code) return;
    const c = await check(code);
    const row = {
      nonce: nonce(), activity, card: code, at: new Date().toISOString(),
      member: c.member || null, state: c.state, reason: c.reason, sent: false, local: c.state === "rejected",
    };
    await putScan(row);
    $("last").textContent = label(row) + " — " + (row.reason || D.msgQueued);
    await render();
    if (navigator.onLine) sync();
  }

  // --- sending
  async function send(row) {
    const body = { card: row.card, nonce: row.nonce, at: row.at };
    const r = await fetch(D.api, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": D.csrf },
      body: JSON.stringify(body),
    });
    let data = {};
    try { data = await r.json(); } catch (e) { /* not JSON: handled by the status */ }
    if (r.status === 401 || (r.status === 403 && !data.detail)) {
      $("last").textContent = D.msgLogin;
      return false;
    }
    if (r.status >= 500) return false;
    row.sent = true;
    if (r.status === 201 || r.status === 200) {
      row.state = "accepted";
      row.reason = r.status === 200 ? D.msgAgain : "";
      if (data.name) row.name = data.name;
    } else {
      row.state = "rejected";
      row.reason = data.detail || String(r.status);
    }
    await putScan(row);
    return true;
  }
  async function sync() {
    if (syncing) return;
    syncing = true;
    try {
      for (const row of await allScans()) {
        if (row.state !== "queued") continue;
        if (!(await send(row))) break;
      }
    } catch (e) {
      /* the network went away: what was not sent stays queued */
    } finally {
      syncing = false;
      await render();
    }
  }
  async function resendAll() {
    for (const row of await allScans()) {
      if (row.sent && !row.local) {
        row.state = "queued";
        await putScan(row);
      }
    }
    await sync();
  }

  // --- showing
  function label(row) {
    const known = row.member && allowed && allowed.get(row.member);
    const name = row.name || (known && known[0]) || (row.member ? fmt(D.msgMember, { id: row.member }) : "");
    return name || row.card.slice(0, 24);
  }
  async function render() {
    const rows = await allScans();
    const n = { queued: 0, accepted: 0, rejected: 0 };
    const list = $("scans");
    list.replaceChildren();
    for (const row of rows) {
      n[row.state] += 1;
      const li = document.createElement("li");
      li.dataset.state = row.state;
      li.dataset.nonce = row.nonce;
      const head = document.createElement("strong");
      head.textContent = label(row);
      const when = document.createElement("span");
      when.className = "muted";
      const stateText = { queued: D.msgQueued, accepted: D.msgAccepted, rejected: D.msgRejected }[row.state];
      when.textContent = " · " + time.format(new Date(row.at)) + " · " + stateText;
      li.append(head, when);
      if (row.reason) {
        const why = document.createElement("span");
        why.className = "reason";
        why.textContent = row.reason;
        li.append(why);
      }
      list.append(li);
    }
    $("summary").textContent = fmt(D.msgSummary, {
      queued: num.format(n.queued), accepted: num.format(n.accepted), rejected: num.format(n.rejected),
    });
  }
  function network() {
    const net = $("net");
    net.textContent = navigator.onLine ? D.msgOnline : D.msgOffline;
    net.classList.toggle("error", !navigator.onLine);
  }

  // --- the camera
  let stream = null;
  let lastCode = "";
  let lastAt = 0;
  async function camera() {
    const video = $("video");
    if (stream) {
      stream.getTracks().forEach((t) => t.stop());
      stream = null;
      video.hidden = true;
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (e) {
      $("last").textContent = D.msgCamera;
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    await video.play();
    const canvas = $("frame");
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    const tick = () => {
      if (!stream) return;
      if (video.readyState >= 2 && window.jsQR) {
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        ctx.drawImage(video, 0, 0);
        const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const found = window.jsQR(img.data, img.width, img.height, { inversionAttempts: "dontInvert" });
        const now = Date.now();
        if (found && found.data && (found.data !== lastCode || now - lastAt > 5000)) {
          lastCode = found.data;
          lastAt = now;
          scan(found.data);
        }
      }
      setTimeout(tick, 250);
    };
    tick();
  }

  // --- wiring
  $("typed").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const input = $("code");
    const value = input.value;
    input.value = "";
    scan(value).then(() => input.focus());
  });
  $("camera").addEventListener("click", camera);
  $("sync").addEventListener("click", () => sync());
  $("resend").addEventListener("click", () => resendAll());
  window.addEventListener("online", () => { network(); sync(); });
  window.addEventListener("offline", network);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(D.base + "sw.js", { scope: D.base }).catch(() => {});
  }
  network();
  loadList().then(render).then(() => {
    root.dataset.ready = "1";
    if (navigator.onLine) sync();
  });
})();
