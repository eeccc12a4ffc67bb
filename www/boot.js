// Starts the jixiao web app: loads the wasm module and shows a clear message
// in the page, instead of a blank screen, when that is not possible. Loaded
// as a module from index.html; no inline script, so a strict CSP works.

import { explainStartFailure } from './start-error.js';
import { registerServiceWorker } from './sw-register.js';

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
    showError(explainStartFailure(new Error('WebAssembly unavailable')));
    return;
  }
  let init;
  let startApp;
  try {
    // A dynamic import, so that a missing or blocked file lands in the catch
    // below instead of failing the whole module silently.
    ({ default: init, startApp } = await import('./jixiao.js'));
  } catch (error) {
    showError('表单程序文件（jixiao.js）加载失败。请检查网络连接后刷新页面；如仍失败，请联系系统管理员。', error);
    return;
  }
  try {
    await init();
    startApp();
  } catch (error) {
    showError(explainStartFailure(error), error);
    return;
  }
  // Offline support starts only once the app runs, so a broken build is
  // never cached as the offline copy.
  registerServiceWorker();
  // The app has mounted into #app: the loading message has served its purpose.
  if (status) {
    status.remove();
  }
}

boot();
