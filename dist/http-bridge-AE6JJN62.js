import {
  attachHttpHandler,
  serveHttp2Stream,
  serveNodeRequest
} from "./chunk-56SHIO6L.js";
export {
  attachHttpHandler,
  serveHttp2Stream,
  serveNodeRequest
};
//# sourceMappingURL=http-bridge-AE6JJN62.js.map
