// Turns a failure to start the WebAssembly module into a message a clerk
// (or the portal's administrator) can act on.
export function explainStartFailure(err) {
  const text = String((err && err.message) || err || "");
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    return "当前浏览器不支持 WebAssembly，无法运行本表单。请改用最新版的 Chrome、Edge、Firefox 或 Safari（360、QQ 等浏览器请切换到“极速模式”）后重新打开本页。";
  }
  if (/Content Security Policy|\bCSP\b|wasm-unsafe-eval|unsafe-eval|Refused to compile/i.test(text)) {
    return "浏览器或网站的安全策略（Content-Security-Policy）阻止了 WebAssembly 的运行，表单无法启动。请系统管理员在 script-src 中允许 'wasm-unsafe-eval'，或改用 iframe 方式嵌入。";
  }
  if (/CompileError|LinkError|invalid|magic/i.test(text)) {
    return "浏览器无法加载 jixiao 程序文件（" + text + "）。请升级浏览器，或使用 Chrome 90 以上版本内核的浏览器。";
  }
  return "jixiao 启动失败：" + text + "。请刷新页面重试；如果问题仍然存在，请联系管理员。";
}
