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
// The spreadsheet module (Excel in and out) is fetched by the page only when
// 导入Excel or 导出Excel is first used; it is cached then (see fetch below),
// and a new version precaches it only where the old one had it.
const SHEET = []; // __JIXIAO_SHEET__
const CACHE = "jixiao-" + VERSION;

function isSheet(url) {
  return url.pathname.indexOf("/sheet/") !== -1;
}

// Whether an older cache holds the spreadsheet module: this browser has
// used it, and keeps it offline across updates.
function sheetWasUsed() {
  return caches.keys().then((keys) =>
    Promise.all(
      keys
        .filter((k) => k.indexOf("jixiao-") === 0 && k !== CACHE)
        .map((k) =>
          caches
            .open(k)
            .then((c) => c.keys())
            .then((reqs) => reqs.some((r) => isSheet(new URL(r.url))))
        )
    ).then((found) => found.some(Boolean))
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache
        .addAll(SHELL)
        .then(sheetWasUsed)
        .then((used) => (used ? cache.addAll(SHEET).catch(() => undefined) : undefined))
    )
  );
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
  // fetched, and served from the cache when the network is gone. The
  // spreadsheet module is put in the cache the first time it is fetched.
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(request, { ignoreSearch: true }).then(
        (hit) =>
          hit ||
          fetch(request)
            .then((response) => {
              if (isSheet(url) && response.ok) {
                cache.put(request, response.clone());
              }
              return response;
            })
            .catch(() =>
              request.mode === "navigate"
                ? cache.match("index.html")
                : Promise.reject(new Error("offline"))
            )
      )
    )
  );
});
