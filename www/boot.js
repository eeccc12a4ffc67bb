// Starts the jixiao web app: loads the wasm module and shows a clear message
// in the page, instead of a blank screen, when that is not possible. Loaded
// as a module from index.html; no inline script, so a strict CSP works.

const status = document.getElementById('boot-status');

// Replaces the loading message with an error message the user can act on.
function showError(message, error) {
  if (status) {
    status.textContent = message;
    status.classList.add('boot-error');
    status.setAttribute('role', 'alert');
  }
  if (error) {
    console.warn('jixiao: 启动失败', error);
  }
}

async function boot() {
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    showError('当前浏览器不支持 WebAssembly，无法运行本表单。请改用最新版的 Chrome、Edge、Firefox 或 Safari（360、QQ 等浏览器请切换到“极速模式”）后重新打开本页。');
    return;
  }
  let init;
  try {
    // A dynamic import, so that a missing or blocked file lands in the catch
    // below instead of failing the whole module silently.
    ({ default: init } = await import('./jixiao.js'));
  } catch (error) {
    showError('表单程序文件（jixiao.js）加载失败。请检查网络连接后刷新页面；如仍失败，请联系系统管理员。', error);
    return;
  }
  try {
    await init();
  } catch (error) {
    const text = String(error && (error.message || error));
    if (/Content Security Policy|\bCSP\b|wasm-unsafe-eval|unsafe-eval|Refused to compile/i.test(text)) {
      showError('浏览器或网站的安全策略阻止了 WebAssembly 的运行，表单无法启动。请联系系统管理员在内容安全策略（CSP）中允许 \'wasm-unsafe-eval\'，或改用其他浏览器。', error);
    } else {
      showError('表单程序启动失败。请刷新页面重试；如仍失败，请改用最新版浏览器或联系系统管理员。', error);
    }
    return;
  }
  // The app has mounted into #app: the loading message has served its purpose.
  if (status) {
    status.remove();
  }
}

boot();
