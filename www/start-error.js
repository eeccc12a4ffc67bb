// Turns a failure to start the WebAssembly module into a message a clerk
// (or the portal's administrator) can act on.
export function explainStartFailure(err) {
  const text = String((err && err.message) || err || "");
  if (typeof WebAssembly !== "object") {
    return "此浏览器不支持 WebAssembly，无法运行 jixiao。请使用新版 Chrome、Edge，或 360/QQ 浏览器的极速模式。";
  }
  if (/Content Security Policy|wasm-unsafe-eval|unsafe-eval|CSP/i.test(text)) {
    return "门户网站的安全策略（Content-Security-Policy）禁止运行 WebAssembly，jixiao 无法在此页面中启动。请门户管理员在 script-src 中加入 'wasm-unsafe-eval'，或改用 iframe 方式嵌入。";
  }
  if (/CompileError|LinkError|invalid|magic/i.test(text)) {
    return "浏览器无法加载 jixiao 程序文件（" + text + "）。请升级浏览器，或使用 Chrome 90 以上版本内核的浏览器。";
  }
  return "jixiao 启动失败：" + text + "。请刷新页面重试；如果问题仍然存在，请联系管理员。";
}
