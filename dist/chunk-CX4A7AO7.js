// lib/log.ts
var ORDER = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
function isLevel(value) {
  return typeof value === "string" && Object.hasOwn(ORDER, value);
}
function fieldValue(value) {
  if (value instanceof Error) {
    const code = value.code;
    return code === void 0 ? `${value.name}: ${value.message}` : `${value.name}(${code}): ${value.message}`;
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}
function createLogger(options = {}) {
  const level = options.level ?? "info";
  if (!isLevel(level)) throw new TypeError(`Unknown log level: ${String(level)}`);
  const levels = options.levels ?? {};
  if (levels === null || typeof levels !== "object") {
    throw new TypeError("levels must be an object of name: level");
  }
  for (const [name, lvl] of Object.entries(levels)) {
    if (!isLevel(lvl)) throw new TypeError(`Unknown log level for ${name}: ${String(lvl)}`);
  }
  const min = ORDER[level];
  const sink = options.sink ?? ((line) => console.error(line));
  const make = (lvl) => (msg, fields = {}) => {
    if (ORDER[lvl] < min) return;
    const entries = Object.entries(fields).filter(([, v]) => v !== void 0).map(([k, v]) => [k, fieldValue(v)]);
    if (options.json) {
      sink(JSON.stringify({
        time: (/* @__PURE__ */ new Date()).toISOString(),
        level: lvl,
        ...options.name ? { name: options.name } : {},
        msg,
        ...Object.fromEntries(entries)
      }));
    } else {
      const extra = entries.map(
        ([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`
      );
      sink(
        [lvl.toUpperCase().padEnd(5), options.name ? `[${options.name}]` : "", msg, ...extra].filter(Boolean).join(" ")
      );
    }
  };
  return {
    debug: make("debug"),
    info: make("info"),
    warn: make("warn"),
    error: make("error"),
    child: (name) => createLogger({
      ...options,
      level: levels[name] ?? level,
      name: options.name ? `${options.name}:${name}` : name
    })
  };
}
function childLogger(logger, name) {
  return logger.child?.(name) ?? logger;
}
function parseLogSpec(spec, names) {
  if (typeof spec !== "string") throw new TypeError("a log spec must be a string");
  const out = { levels: {} };
  const expected = `a level (${Object.keys(ORDER).join(", ")}) or name=level`;
  for (const raw of spec.split(",")) {
    const part = raw.trim();
    if (!part) continue;
    const eq = part.indexOf("=");
    if (eq < 0) {
      if (!isLevel(part)) {
        throw new TypeError(`log spec part ${JSON.stringify(part)} is not ${expected}`);
      }
      if (out.level !== void 0) {
        throw new TypeError(`log spec part ${JSON.stringify(part)}: a second bare level`);
      }
      out.level = part;
      continue;
    }
    const name = part.slice(0, eq).trim();
    const level = part.slice(eq + 1).trim();
    if (!name || !isLevel(level)) {
      throw new TypeError(`log spec part ${JSON.stringify(part)} is not ${expected}`);
    }
    if (names && !names.includes(name)) {
      throw new TypeError(
        `log spec part ${JSON.stringify(part)}: unknown subsystem ${JSON.stringify(name)} (known: ${names.join(", ")})`
      );
    }
    out.levels[name] = level;
  }
  return out;
}
var silentLogger = createLogger({ level: "silent" });

export {
  createLogger,
  childLogger,
  parseLogSpec,
  silentLogger
};
//# sourceMappingURL=chunk-CX4A7AO7.js.map
