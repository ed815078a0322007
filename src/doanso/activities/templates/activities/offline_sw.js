/* Service worker of one activity's offline check-in page (activities/offline.py). Its scope is the
   page's path only. Network first, the cached copy when offline: the page, the signed ticket list,
   the manifest and the page's scripts. Writes (the check-in API) are never cached. */
"use strict";
const CACHE = "{{ cache_name }}";
const URLS = {{ urls|safe }};
const BASE = {{ base|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(URLS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("doanso-checkin-") && k !== CACHE && k.split("-")[2] === CACHE.split("-")[2]).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  const known = url.pathname.startsWith(BASE) || URLS.includes(url.pathname);
  if (!known) return;
  const key = url.pathname.startsWith(BASE) ? url.pathname : req;
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok) {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(key, copy));
        }
        return res;
      })
      .catch(() => caches.match(key).then((hit) => hit || Response.error()))
  );
});
