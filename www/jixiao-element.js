// <jixiao-form>: the jixiao form as a custom element, for portals that
// prefer markup to a JS call.
//
//   <script type="module" src="jixiao-element.js"></script>
//   <jixiao-form kind="project-goal" profile="sichuan"></jixiao-form>
//
// Attributes: kind (project-goal | project-self-eval | unit-goal |
// unit-self-eval), profile (a built-in profile id), readonly.
// Property: value (the v1 document as a plain object; setting it loads it).
// Events: change and submit, with the document in event.detail; error when
// the module cannot start (event.detail is the message).
import init, { mount, newDocument } from "./jixiao.js";

let loading = null;
function load() {
  if (!loading) loading = init();
  return loading;
}

class JixiaoForm extends HTMLElement {
  static get observedAttributes() {
    return ["kind", "profile", "readonly"];
  }

  constructor() {
    super();
    this._value = null;
    this._handle = null;
    this._generation = 0;
  }

  get value() {
    return this._value;
  }

  set value(doc) {
    this._value = doc;
    if (this.isConnected) this._render();
  }

  connectedCallback() {
    this._render();
  }

  disconnectedCallback() {
    this._destroy();
  }

  attributeChangedCallback(name, _old, now) {
    // A new kind starts a new, empty form of that kind.
    if (name === "kind" && this._value && this._value.kind !== now) this._value = null;
    if (this.isConnected && this._handle) this._render();
  }

  _destroy() {
    if (this._handle) {
      this._handle.destroy();
      this._handle = null;
    }
  }

  async _render() {
    const generation = ++this._generation;
    try {
      await load();
    } catch (err) {
      this._fail("无法启动 jixiao：" + (err && err.message ? err.message : err));
      return;
    }
    if (generation !== this._generation) return;
    this._destroy();
    this.textContent = "";
    try {
      // The value is the empty form until the person types, never null.
      if (!this._value) this._value = newDocument(this.getAttribute("kind") || undefined);
      this._handle = mount(this, {
        kind: this.getAttribute("kind") || undefined,
        profile: this.getAttribute("profile") || undefined,
        readOnly: this.hasAttribute("readonly"),
        document: this._value || undefined,
        onChange: (doc) => {
          this._value = doc;
          this.dispatchEvent(new CustomEvent("change", { detail: doc, bubbles: true }));
        },
        onSubmit: (doc) => {
          this._value = doc;
          this.dispatchEvent(new CustomEvent("submit", { detail: doc, bubbles: true }));
        },
      });
    } catch (err) {
      this._fail(err && err.message ? err.message : String(err));
    }
  }

  _fail(message) {
    const p = document.createElement("p");
    p.className = "jixiao-load-error";
    p.setAttribute("role", "alert");
    p.textContent = message;
    this.textContent = "";
    this.appendChild(p);
    this.dispatchEvent(new CustomEvent("error", { detail: message }));
  }
}

if (!customElements.get("jixiao-form")) {
  customElements.define("jixiao-form", JixiaoForm);
}
