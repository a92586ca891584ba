/**
 * The dashboard page: one self-contained HTML document (inline CSS and
 * script, no external assets) that polls `/api/state` every second and draws
 * the node id, rates, peers, the mesh topology (SVG) and recent log lines.
 * Everything from the node is put into the page with `textContent` /
 * attributes, never as HTML.
 *
 * The page itself holds no data. Opened as `/?token=<token>` (the link the
 * node prints), it keeps the token in this tab's `sessionStorage`, takes it
 * out of the address bar (so it does not linger in history or screenshots)
 * and sends it as `Authorization: Bearer` with every poll; refused (401/403),
 * it says what to open instead.
 *
 * @module
 */
/**
 * The dashboard HTML.
 *
 * @example
 * ```ts
 * import { dashboardPage } from "./page.js";
 * console.assert(dashboardPage().startsWith("<!doctype html>"));
 * ```
 */
export declare function dashboardPage(): string;
