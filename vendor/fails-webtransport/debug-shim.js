// Stand-in for the `debug` package inside the vendored @fails-components/webtransport
// build: geomesh logs through its own logger, and `debug` needs Node-only modules.
export default function debug() {
  const log = () => {};
  log.enabled = false;
  log.extend = () => log;
  return log;
}
