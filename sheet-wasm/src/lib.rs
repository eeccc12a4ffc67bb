//! jixiao's spreadsheet module: the page's 导入Excel / 导出Excel, as a
//! WebAssembly module of its own that the page fetches on first use
//! (`scripts/build` writes it to `dist/sheet/`).
//!
//! Two functions, over the core's `sheet` module:
//!
//! - `importSheet(bytes)` → `{document, unplaced, notes, forms}`: the first
//!   form of the workbook as a v1 document, the cells that could not be
//!   placed (`{sheet, cell, text, reason}`), what the reader converted or
//!   could not be sure of, and every form when the workbook holds several;
//! - `exportSheet(document)` → the bytes of an .xlsx file in the official
//!   layout (`document` a JS object or JSON text).
//!
//! Failures are thrown as `Error`s with the core's Chinese message.

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::*;

    fn error(message: &str) -> JsValue {
        js_sys::Error::new(message).into()
    }

    /// Reads a spreadsheet file's bytes into the forms on it.
    #[wasm_bindgen(js_name = importSheet)]
    pub fn import_sheet(bytes: &[u8]) -> Result<JsValue, JsValue> {
        let imported = jixiao::sheet::import(bytes).map_err(|e| error(&e.message()))?;
        js_sys::JSON::parse(&imported.to_json())
    }

    /// Writes a document as an .xlsx file in the official layout.
    #[wasm_bindgen(js_name = exportSheet)]
    pub fn export_sheet(document: JsValue) -> Result<Vec<u8>, JsValue> {
        let text = match document.as_string() {
            Some(s) => s,
            None => js_sys::JSON::stringify(&document)?
                .as_string()
                .ok_or_else(|| error("文档不是对象或 JSON 文本。"))?,
        };
        let doc = jixiao::model::Document::from_json(&text).map_err(|e| error(&e.message()))?;
        jixiao::sheet::export(&doc).map_err(|e| error(&e.message()))
    }
}
