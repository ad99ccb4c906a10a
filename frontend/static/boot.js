// Loads the wasm app. An external file, so the CSP needs no inline script.
import init from "/pkg/frontend.js";

init({ module_or_path: "/pkg/frontend_bg.wasm" });
