// Loads jixiao's spreadsheet module (dist/sheet/: Excel in and out) the
// first time the page's 导入Excel or 导出Excel button is used, never before,
// so the first download does not carry it. The page's wasm imports this
// file (wasm-bindgen copies it into dist/snippets/); the service worker
// keeps the module for offline use once it has been fetched (www/sw.js).
//
// importSheet(bytes, onProgress) resolves to the JSON text of
// {document, unplaced, notes, forms}; exportSheet(json, onProgress) to the
// bytes of an .xlsx file. onProgress(text) is called with a Chinese line
// while the module downloads. Failures reject with an Error whose message
// is Chinese.

let ready = null;

function sheetUrl(name) {
  return new URL('sheet/' + name, document.baseURI).href;
}

// Words the download's progress for the page.
function progressText(loaded, total) {
  const kb = (n) => Math.round(n / 1024);
  return total > 0
    ? '正在下载表格组件（首次使用，约 ' + kb(total) + ' KB）… ' + Math.min(100, Math.round((loaded / total) * 100)) + '%'
    : '正在下载表格组件（首次使用）… 已下载 ' + kb(loaded) + ' KB';
}

async function fetchWithProgress(url, onProgress) {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error('表格组件下载失败（' + response.status + '）');
  }
  const total = Number(response.headers.get('Content-Length')) || 0;
  if (!response.body || !response.body.getReader) {
    const buffer = await response.arrayBuffer();
    onProgress(progressText(buffer.byteLength, buffer.byteLength));
    return buffer;
  }
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    onProgress(progressText(loaded, total));
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

function load(onProgress) {
  if (!ready) {
    ready = (async () => {
      let mod;
      try {
        mod = await import(sheetUrl('jixiao_sheet.js'));
        const wasm = await fetchWithProgress(sheetUrl('jixiao_sheet_bg.wasm'), onProgress);
        await mod.default({ module_or_path: wasm });
      } catch (e) {
        throw new Error(
          '表格组件加载失败：请检查网络连接后再试（首次使用需要联网下载，之后可离线使用）。' +
            (e && e.message ? '（' + e.message + '）' : '')
        );
      }
      return mod;
    })();
    // A failed load is tried again on the next click.
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

export async function importSheet(bytes, onProgress) {
  const mod = await load(onProgress);
  return JSON.stringify(mod.importSheet(bytes));
}

export async function exportSheet(json, onProgress) {
  const mod = await load(onProgress);
  return mod.exportSheet(json);
}
