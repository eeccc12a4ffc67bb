// Registers the service worker and announces new versions without ever
// swapping the app under a person mid-edit: the new version waits until the
// person clicks 更新 (after their draft is saved), then the page reloads once.
let updateRequested = false;

export function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  if (!window.isSecureContext) return;
  // Only the person's click on 更新 reloads the page. The first visit's
  // worker also takes control of the page (clients.claim), which fires
  // controllerchange too; reloading then would throw away what was typed.
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloading || !updateRequested) return;
    reloading = true;
    window.location.reload();
  });
  navigator.serviceWorker
    .register("sw.js")
    .then((registration) => {
      if (registration.waiting && navigator.serviceWorker.controller) {
        announce(registration.waiting);
      }
      registration.addEventListener("updatefound", () => {
        const worker = registration.installing;
        if (!worker) return;
        worker.addEventListener("statechange", () => {
          if (worker.state === "installed" && navigator.serviceWorker.controller) {
            announce(worker);
          }
        });
      });
    })
    .catch((err) => {
      console.warn("jixiao: 离线功能未启用", err);
    });
}

function announce(worker) {
  if (document.getElementById("jixiao-update")) return;
  const bar = document.createElement("div");
  bar.id = "jixiao-update";
  bar.className = "jixiao-update";
  bar.setAttribute("role", "status");
  const text = document.createElement("span");
  text.textContent = "jixiao 有新版本。您的草稿已自动保存；确认无误后点击“更新”即可换用新版本。";
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "更新";
  button.addEventListener("click", () => {
    button.disabled = true;
    updateRequested = true;
    worker.postMessage({ type: "jixiao:activate-update" });
  });
  const later = document.createElement("button");
  later.type = "button";
  later.textContent = "稍后";
  later.addEventListener("click", () => bar.remove());
  bar.append(text, button, later);
  document.body.prepend(bar);
}
