// Loads jixiao's spreadsheet module (dist/sheet/: Excel in and out) the
// first time the page's 导入Excel or 导出Excel is used, never before, so
// the first download does not carry it, and does the browser side of both
// buttons: reading the chosen file, the module's download progress, the
// messages and the .xlsx download. It is itself loaded on first use, by
// the few lines of www/sheet-loader.js that the page's wasm imports; the
// page renders the status elements it writes into, and the service worker
// keeps it and the module for offline use once fetched (www/sw.js).

const KEPT = '当前的表单和草稿没有改变。';
let ready = null;

function sheetUrl(name) {
  return new URL(name, import.meta.url).href;
}

// Writes a line into a status element; an error becomes an alert.
function say(id, text, error) {
  const el = document.getElementById(id);
  if (!el) return;
  el.textContent = text;
  el.className = error ? 'jx-error' : 'jx-note';
  el.setAttribute('role', error ? 'alert' : 'status');
}

function kb(n) {
  return Math.round(n / 1024);
}

async function fetchWithProgress(url, progress) {
  const response = await fetch(url);
  if (!response.ok) throw new Error('HTTP ' + response.status);
  const total = Number(response.headers.get('Content-Length')) || 0;
  if (!response.body || !response.body.getReader) return response.arrayBuffer();
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    progress(
      total > 0
        ? '正在下载表格组件（首次使用，约 ' + kb(total) + ' KB）… ' + Math.min(100, Math.round((loaded / total) * 100)) + '%'
        : '正在下载表格组件（首次使用）… 已下载 ' + kb(loaded) + ' KB'
    );
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

// The module, loaded once; a failed load is tried again on the next click.
function load(progress) {
  if (!ready) {
    ready = (async () => {
      try {
        const mod = await import(sheetUrl('jixiao_sheet.js'));
        await mod.default({ module_or_path: await fetchWithProgress(sheetUrl('jixiao_sheet_bg.wasm'), progress) });
        return mod;
      } catch (e) {
        throw new Error(
          '表格组件加载失败' + (e && e.message ? '（' + e.message + '）' : '') + '，请检查网络连接后再试（首次使用需要联网下载，之后可离线使用）。'
        );
      }
    })();
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

function describe(u, prefix) {
  const chars = Array.from(u.text);
  const text = chars.length > 40 ? chars.slice(0, 40).join('') + '…' : u.text;
  return prefix + '工作表“' + u.sheet + '” ' + u.cell + '：“' + text + '”（' + u.reason + '）';
}

// Reads a spreadsheet file: resolves to [documents (JSON texts), unplaced
// cells (lines), notes (lines), file name], or says why not and rejects.
// (www/sheet-loader.js has checked its size.)
export async function importSheetFile(file, status) {
  const fail = (message) => {
    say(status, '无法导入“' + file.name + '”：' + message + KEPT, true);
    return Promise.reject(new Error(message));
  };
  say(status, '正在读取文件…');
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    return fail('无法读取这个文件（' + (e && e.message ? e.message : String(e)) + '）。');
  }
  let answer;
  try {
    const mod = await load((line) => say(status, line));
    say(status, '正在读取表格…');
    answer = mod.importSheet(bytes);
  } catch (e) {
    return fail(e && e.message ? e.message : String(e));
  }
  const forms = answer.forms || [];
  if (!forms.length) return fail('表格中没有找到表单。');
  const several = forms.length > 1;
  const unplaced = [];
  const notes = [];
  if (several) {
    notes.push('工作簿中有 ' + forms.length + ' 张表单：打开的是第一张，其余已分别保存为草稿，可在草稿列表中打开。');
  }
  forms.forEach((f, i) => {
    const prefix = several ? '第' + (i + 1) + '张表单：' : '';
    for (const u of f.unplaced) unplaced.push(describe(u, prefix));
    for (const n of f.notes) notes.push(prefix + n);
  });
  say(status, '');
  return [forms.map((f) => JSON.stringify(f.document)), unplaced, notes, file.name];
}

// Writes the document (JSON text) as an .xlsx and downloads it as `name`.
export async function exportSheetFile(json, name, status) {
  say(status, '正在生成表格…');
  try {
    const mod = await load((line) => say(status, line));
    const bytes = mod.exportSheet(json);
    const url = URL.createObjectURL(
      new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    );
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.className = 'jx-hidden';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    say(status, '已导出：' + name);
  } catch (e) {
    say(status, '导出失败：' + (e && e.message ? e.message : String(e)), true);
  }
}
