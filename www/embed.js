// iframe mode: the jixiao app served from its own origin, talking to the
// embedding portal through postMessage, for portals whose
// Content-Security-Policy forbids 'wasm-unsafe-eval'.
//
// Message schema (every message is an object with a string `type` starting
// with "jixiao:"; `requestId` is echoed back when given):
//   frame → portal  jixiao:loaded   {version}              the frame can take jixiao:init
//                   jixiao:ready    {}                     the form is shown
//                   jixiao:change   {document}             after every edit
//                   jixiao:submit   {document}             the person submitted the checked form
//                   jixiao:document {requestId, document}  answer to jixiao:get-document
//                   jixiao:result   {requestId, check, score}  answer to jixiao:check
//                   jixiao:error    {requestId?, message}  a request failed, or the module cannot start
//   portal → frame  jixiao:init     {kind?, document?, profile?, readOnly?}
//                   jixiao:get-document {requestId}
//                   jixiao:check    {requestId}
//
// Only origins listed in embed-config.json (maintained by whoever hosts
// jixiao, not by the embedding page) and this page's own origin may talk to
// the frame; messages from anywhere else are ignored. Replies go to the
// portal's exact origin, never to "*".
import init, { mount, check, score, version, newDocument } from "./jixiao.js";
import { explainStartFailure } from "./start-error.js";

const root = document.getElementById("app");
const allowed = new Set([window.location.origin]);
let portal = null;
let handle = null;
let current = null;
let profile = undefined;
let started = false;
const early = [];

function send(type, payload) {
  if (!portal) return;
  portal.source.postMessage(Object.assign({ type: type }, payload || {}), portal.origin);
}

function broadcast(message) {
  // Before a portal has spoken, announce to every allowed origin; the
  // browser delivers only to the one the parent page actually has.
  allowed.forEach((origin) => {
    try {
      window.parent.postMessage(message, origin);
    } catch (e) {
      /* An origin string the browser rejects is skipped. */
    }
  });
}

function showError(message) {
  root.textContent = "";
  const p = document.createElement("p");
  p.className = "jixiao-load-error";
  p.setAttribute("role", "alert");
  p.textContent = message;
  root.appendChild(p);
}

function render(msg) {
  if (handle) {
    handle.destroy();
    handle = null;
  }
  root.textContent = "";
  // Without a document the form starts empty; the portal can read that
  // empty document (jixiao:get-document) before anything is typed.
  current = msg.document || newDocument(msg.kind || undefined);
  profile = msg.profile || undefined;
  handle = mount(root, {
    kind: msg.kind || undefined,
    document: current,
    profile: profile,
    readOnly: !!msg.readOnly,
    onChange: (doc) => {
      current = doc;
      send("jixiao:change", { document: doc });
    },
    onSubmit: (doc) => {
      current = doc;
      send("jixiao:submit", { document: doc });
    },
  });
}

function handle_message(event) {
  const msg = event.data;
  try {
    switch (msg.type) {
      case "jixiao:init":
        render(msg);
        send("jixiao:ready", { requestId: msg.requestId });
        break;
      case "jixiao:get-document":
        send("jixiao:document", { requestId: msg.requestId, document: current });
        break;
      case "jixiao:check":
        if (!current) throw new Error("尚未载入表单。");
        send("jixiao:result", {
          requestId: msg.requestId,
          check: check(current, profile),
          score: score(current, profile),
        });
        break;
      default:
        throw new Error("未知的消息类型：" + msg.type);
    }
  } catch (err) {
    send("jixiao:error", { requestId: msg.requestId, message: (err && err.message) || String(err) });
  }
}

window.addEventListener("message", (event) => {
  if (event.source !== window.parent || window.parent === window) return;
  if (!allowed.has(event.origin)) {
    console.warn("jixiao: 已忽略来自未授权来源的消息：" + event.origin);
    return;
  }
  const msg = event.data;
  if (!msg || typeof msg !== "object" || typeof msg.type !== "string" || msg.type.indexOf("jixiao:") !== 0) {
    return;
  }
  if (portal && event.origin !== portal.origin) return;
  if (!portal) portal = { source: event.source, origin: event.origin };
  if (!started) {
    early.push(event);
    return;
  }
  handle_message(event);
});

async function main() {
  try {
    const response = await fetch("embed-config.json", { cache: "no-cache" });
    if (response.ok) {
      const config = await response.json();
      (config.allowed_origins || []).forEach((o) => {
        if (typeof o === "string") allowed.add(o);
      });
    }
  } catch (e) {
    /* Without a config only this page's own origin is allowed. */
  }
  try {
    await init();
  } catch (err) {
    const message = explainStartFailure(err);
    showError(message);
    broadcast({ type: "jixiao:error", message: message });
    return;
  }
  started = true;
  root.textContent = "";
  const p = document.createElement("p");
  p.className = "jixiao-loading";
  p.textContent = "jixiao 已就绪，等待门户载入表单…";
  root.appendChild(p);
  early.splice(0).forEach(handle_message);
  broadcast({ type: "jixiao:loaded", version: version() });
}

main();
