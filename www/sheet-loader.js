// The page's way to the code of the 导入Excel / 导出Excel buttons,
// www/sheet/loader.js, which is fetched on first use with the spreadsheet
// module itself, so the first download carries only these lines (the
// page's wasm imports them; wasm-bindgen copies them into dist/snippets/).
// What cannot wait for that code is here: the size check, and the message
// when the code cannot be fetched (offline before the first use).

// Writes a line into a status element the page rendered; an error becomes
// an alert. sheet/loader.js has its own copy.
export function say(id, text, error) {
  const el = document.getElementById(id);
  if (!el) return;
  el.textContent = text;
  el.className = error ? 'jx-error' : 'jx-note';
  el.setAttribute('role', error ? 'alert' : 'status');
}

// Fetches sheet/loader.js once (the browser keeps the module); on failure
// says why, after `what` (导入 or 导出 wording), and rejects.
function loader(status, what) {
  say(status, '正在加载表格组件…');
  return import(new URL('sheet/loader.js', document.baseURI).href).catch((e) => {
    say(status, what + '表格组件加载失败，请检查网络连接后再试（首次使用需要联网下载，之后可离线使用）。当前的表单和草稿没有改变。', true);
    throw e;
  });
}

// crate::drafts::MAX_SHEET_BYTES, and a size above it worded as the
// core's size_text does (20.0 MB).
const MAX_BYTES = 20 * 1048576;
const size = (n) => (Math.floor(n / 104857) / 10).toFixed(1) + ' MB';

export function importSheetFile(file, status) {
  const what = '无法导入“' + file.name + '”：';
  if (file.size > MAX_BYTES) {
    say(status, what + '文件太大（' + size(file.size) + '），表格文件不会超过 ' + size(MAX_BYTES) + '。请确认选择的是绩效表单的表格文件。当前的表单和草稿没有改变。', true);
    return Promise.reject(new Error('too large'));
  }
  return loader(status, what).then((m) => m.importSheetFile(file, status));
}

export function exportSheetFile(json, name, status) {
  loader(status, '导出失败：').then(
    (m) => m.exportSheetFile(json, name, status),
    () => {}
  );
}
