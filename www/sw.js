// jixiao service worker: makes the app fully usable offline after the first
// visit (load, fill, check, score, export need no network).
//
// The build stamps VERSION (a hash of the files) and SHELL (every file of
// dist/) below. A new version installs in the background and then WAITS: it
// takes over only when the page asks (the person clicked 更新 in the banner
// that sw-register.js shows), so the app is never swapped under someone
// mid-edit.
const VERSION = "__JIXIAO_VERSION__";
const SHELL = ["./", "index.html"]; // __JIXIAO_SHELL__
const CACHE = "jixiao-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.indexOf("jixiao-") === 0 && k !== CACHE)
            .map((k) => caches.delete(k))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "jixiao:activate-update") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // The shell is served from the cache (cache first); anything else is
  // fetched, and served from the cache when the network is gone.
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then(
        (hit) =>
          hit ||
          fetch(request).catch(() =>
            request.mode === "navigate"
              ? cache.match("index.html")
              : Promise.reject(new Error("offline"))
          )
      )
    )
  );
});
