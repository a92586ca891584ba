// lib/transport/fails-admission.ts
var AddressRateLimiter = class {
  burst;
  perSecond;
  maxAddresses;
  #buckets = /* @__PURE__ */ new Map();
  constructor(options = {}) {
    this.burst = options.burst ?? 20;
    this.perSecond = options.perSecond ?? 10;
    this.maxAddresses = options.maxAddresses ?? 1e4;
    for (const [k, v] of Object.entries({ burst: this.burst, maxAddresses: this.maxAddresses })) {
      if (!Number.isInteger(v) || v < 1) throw new RangeError(`${k} must be an integer >= 1`);
    }
    if (!(this.perSecond > 0)) throw new RangeError("perSecond must be positive");
  }
  /** Takes a token for `address`; false when its bucket is empty. */
  take(address, now = Date.now()) {
    const known = this.#buckets.get(address);
    const bucket = known ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) / 1e3 * this.perSecond);
    bucket.at = now;
    if (known) this.#buckets.delete(address);
    this.#buckets.set(address, bucket);
    if (this.#buckets.size > this.maxAddresses) {
      this.#buckets.delete(this.#buckets.keys().next().value);
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
  /** Addresses currently tracked. */
  get size() {
    return this.#buckets.size;
  }
};
function splitHostPort(address) {
  const at = address.lastIndexOf(":");
  const host = at < 0 ? address : address.slice(0, at).replace(/^\[(.*)\]$/, "$1");
  return {
    host: host.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1"),
    port: Number(address.slice(at + 1))
  };
}
function joinHostPort(host, port) {
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

export {
  AddressRateLimiter,
  splitHostPort,
  joinHostPort
};
//# sourceMappingURL=chunk-DBJU2ICV.js.map
