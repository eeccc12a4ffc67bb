// The demo portal's own script: embeds jixiao three ways and logs what the
// portal receives, so a portal developer can see the integration work.
import init, { mount, check } from "../jixiao.js";

function log(id, text) {
  const box = document.getElementById(id);
  const line = document.createElement("div");
  line.textContent = new Date().toLocaleTimeString("zh-CN") + "  " + text;
  box.appendChild(line);
  box.scrollTop = box.scrollHeight;
}

function summary(doc) {
  const name = (doc.project && doc.project.name) || (doc.unit && doc.unit.name) || "未命名";
  return doc.kind + " “" + name + "”，" + (doc.indicators || []).length + " 个指标";
}

// 1. The JS API.
async function embedWithApi() {
  await init();
  let changes = 0;
  mount(document.getElementById("api-form"), {
    kind: "project-goal",
    profile: "national",
    onChange: (doc) => {
      changes += 1;
      const result = check(doc);
      const errors = result.findings.filter((f) => f.severity === "error").length;
      document.getElementById("api-log").dataset.changes = String(changes);
      log("api-log", "onChange #" + changes + "：" + summary(doc) + "，错误 " + errors + " 个");
    },
    onSubmit: (doc) => log("api-log", "onSubmit：" + summary(doc)),
  });
  log("api-log", "已通过 mount() 嵌入");
}

// 2. The custom element (registered by jixiao-element.js).
function listenToElement() {
  const el = document.getElementById("element-form");
  el.addEventListener("change", (e) => {
    if (e.detail && e.detail.format) log("element-log", "change：" + summary(e.detail));
  });
  el.addEventListener("submit", (e) => log("element-log", "submit：" + summary(e.detail)));
  el.addEventListener("error", (e) => log("element-log", "error：" + e.detail));
}

// 3. The iframe, through postMessage with an exact target origin.
function embedWithIframe() {
  const frame = document.getElementById("jixiao-frame");
  const frameOrigin = new URL(frame.src, window.location.href).origin;
  let requests = 0;
  window.addEventListener("message", (event) => {
    if (event.origin !== frameOrigin || event.source !== frame.contentWindow) return;
    const msg = event.data || {};
    if (msg.type === "jixiao:loaded") {
      frame.contentWindow.postMessage({ type: "jixiao:init", kind: "project-self-eval", profile: "national" }, frameOrigin);
    } else if (msg.type === "jixiao:change") {
      log("iframe-log", "jixiao:change：" + summary(msg.document));
    } else if (msg.type === "jixiao:result") {
      log("iframe-log", "jixiao:result：发现 " + msg.check.findings.length + " 个问题，得分 " + msg.score.score.total);
    } else {
      log("iframe-log", msg.type + (msg.message ? "：" + msg.message : ""));
    }
  });
  document.getElementById("frame-check").addEventListener("click", () => {
    requests += 1;
    frame.contentWindow.postMessage({ type: "jixiao:check", requestId: requests }, frameOrigin);
  });
}

listenToElement();
embedWithIframe();
embedWithApi().catch((err) => log("api-log", "无法启动：" + err.message));
