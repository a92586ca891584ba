import {
  checkCloseInfo,
  pemCertificatePin,
  samePin
} from "./chunk-SWZLZUJB.js";
import {
  ConnectError,
  PinMismatchError,
  SessionClosedError,
  guardDial
} from "./chunk-L7ONBLAV.js";

// lib/platform.ts
function detectRuntime() {
  if ("Deno" in globalThis) return "deno";
  if ("Bun" in globalThis) return "bun";
  const p = globalThis.process;
  return p?.versions?.node ? "node" : "browser";
}

// lib/transport/memory-scheduler.ts
function seededRandom(seed) {
  let s = seed >>> 0;
  return () => {
    s = s + 1831565813 >>> 0;
    let t = s;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
var Scheduler = class _Scheduler {
  #heap = [];
  #seq = 0;
  #timer;
  #timerAt = Infinity;
  /** Microtask deliveries since the event loop last had a turn. */
  #burst = 0;
  #turnTimer;
  /** Deliveries allowed as microtasks before yielding to the event loop. */
  static BURST = 512;
  /** Current time in ms (monotonic). */
  now() {
    return performance.now();
  }
  /** Events waiting in the heap. */
  get pending() {
    return this.#heap.length;
  }
  /**
   * Runs `run` at time `at` (ms, {@linkcode now} scale). A time not in the
   * future, with nothing delayed ahead of it, runs as a microtask.
   */
  at(at, run) {
    if (this.#heap.length === 0 && at <= this.now() && this.#microtaskAllowed()) {
      queueMicrotask(run);
      return;
    }
    this.#push({ at, seq: this.#seq++, run });
    this.#arm();
  }
  #microtaskAllowed() {
    this.#turnTimer ??= setTimeout(() => {
      this.#turnTimer = void 0;
      this.#burst = 0;
    }, 0);
    return ++this.#burst <= _Scheduler.BURST;
  }
  #arm() {
    const next = this.#heap[0];
    if (!next || next.at >= this.#timerAt) return;
    if (this.#timer !== void 0) clearTimeout(this.#timer);
    this.#timerAt = next.at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, next.at - this.now()));
  }
  #fire() {
    this.#timer = void 0;
    this.#timerAt = Infinity;
    const now = this.now();
    while (this.#heap.length && this.#heap[0].at <= now) {
      const e = this.#pop();
      try {
        e.run();
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
    this.#arm();
  }
  #less(a, b) {
    return a.at < b.at || a.at === b.at && a.seq < b.seq;
  }
  #push(e) {
    const h = this.#heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = i - 1 >> 1;
      if (!this.#less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  #pop() {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (; ; ) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < h.length && this.#less(h[l], h[m])) m = l;
        if (r < h.length && this.#less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
};

// lib/transport/memory-pipe.ts
var DEFAULT_WINDOW = 1 << 20;
var Pipe = class {
  readable;
  writable;
  #controller;
  #inFlight = 0;
  #waiters = [];
  /** Set once the reader stopped (cancel) or the session died: writes reject with it. */
  #stopped;
  /** Set once the reading side is finished (closed, errored or cancelled). */
  #readDone = false;
  #writeDone = false;
  /** Called once both halves are finished, so owners can forget the pipe. */
  onSettled;
  constructor(links, window = DEFAULT_WINDOW) {
    this.readable = new ReadableStream({
      start: (c) => {
        this.#controller = c;
      },
      pull: () => this.#wake(),
      cancel: (reason) => {
        this.#setReadDone();
        const err = new Error(`stream stopped by the peer`, { cause: reason });
        links.back(() => this.#stop(err));
      }
    }, { highWaterMark: window, size: (chunk) => chunk.byteLength });
    this.writable = new WritableStream({
      write: async (chunk) => {
        if (this.#stopped) throw this.#stopped;
        if (!(chunk instanceof Uint8Array)) throw new TypeError("chunks must be Uint8Array");
        const copy = chunk.slice();
        this.#inFlight += copy.byteLength;
        links.forward(() => {
          this.#inFlight -= copy.byteLength;
          if (!this.#readDone) this.#controller.enqueue(copy);
          this.#wake();
        });
        while (!this.#stopped && (this.#controller.desiredSize ?? 0) <= this.#inFlight) {
          await new Promise((r) => this.#waiters.push(r));
        }
        if (this.#stopped) throw this.#stopped;
      },
      close: () => {
        if (this.#stopped) throw this.#stopped;
        this.#setWriteDone();
        links.forward(() => {
          if (this.#readDone) return;
          this.#setReadDone();
          this.#controller.close();
        });
      },
      abort: (reason) => {
        this.#setWriteDone();
        links.forward(
          () => this.#errorReader(new Error("stream reset by the peer", { cause: reason }))
        );
      }
    });
  }
  #setReadDone() {
    this.#readDone = true;
    if (this.#writeDone) this.#settle();
  }
  #setWriteDone() {
    this.#writeDone = true;
    if (this.#readDone) this.#settle();
  }
  #settle() {
    const done = this.onSettled;
    this.onSettled = void 0;
    done?.();
  }
  #wake() {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
  #stop(err) {
    this.#stopped ??= err;
    this.#wake();
    this.#setWriteDone();
  }
  #errorReader(err) {
    if (this.#readDone) return;
    this.#setReadDone();
    this.#controller.error(err);
  }
  /** The writing end's session ended: further writes reject with `err`. */
  failWriter(err) {
    this.#stop(err);
  }
  /**
   * The reading end's session ended: reads reject with `err` (unread data is
   * lost, as in QUIC). The writer learns when its own session ends.
   */
  failReader(err) {
    this.#errorReader(err);
  }
};

// lib/transport/memory-session.ts
var LazyQueue = class {
  #items = [];
  #controller;
  #stream;
  #end;
  // null: closed cleanly
  /** A read is waiting and nothing was there to give it. */
  #wanted = false;
  #limit;
  constructor(limit = Infinity) {
    this.#limit = limit;
  }
  get stream() {
    this.#stream ??= new ReadableStream({
      start: (c) => {
        this.#controller = c;
        for (const item of this.#items) c.enqueue(item);
        this.#items = [];
        if (this.#end === null) c.close();
        else if (this.#end) c.error(this.#end);
      },
      pull: (c) => {
        if (this.#items.length) c.enqueue(this.#items.shift());
        else this.#wanted = true;
      }
    }, { highWaterMark: 0 });
    return this.#stream;
  }
  push(item) {
    if (this.#end !== void 0) return;
    if (this.#wanted) {
      this.#wanted = false;
      this.#controller.enqueue(item);
    } else {
      this.#items.push(item);
      if (this.#items.length > this.#limit) this.#items.shift();
    }
  }
  end(err) {
    if (this.#end !== void 0) return;
    this.#end = err;
    if (!this.#controller) return;
    if (err) this.#controller.error(err);
    else {
      for (const item of this.#items) this.#controller.enqueue(item);
      this.#items = [];
      this.#controller.close();
    }
  }
};
var MemorySession = class {
  protocol = "memory";
  remoteAddress;
  closed;
  /** The other end (set by the network right after construction). */
  peer;
  /** Dialing end: the listener's (simulated) certificate this session was served. */
  peerCertificateHash;
  /** Accepting end: the same certificate, seen from the listener. */
  localCertificateHash;
  #wire;
  #side;
  #resolveClosed;
  #info;
  /** Pipes this end writes to / reads from. */
  #writing = /* @__PURE__ */ new Set();
  #reading = /* @__PURE__ */ new Set();
  #bidi = new LazyQueue();
  #uni = new LazyQueue();
  #dgramIn = new LazyQueue(1024);
  #datagrams;
  /**
   * `certificateHash`: SHA-256 of the certificate the listener served on this
   * session; the dialing end (side 0) reports it as the peer's, the accepting
   * end (side 1) as its own.
   */
  constructor(wire, side, remoteAddress, certificateHash) {
    this.#wire = wire;
    this.#side = side;
    this.remoteAddress = remoteAddress;
    if (certificateHash) {
      if (side === 0) this.peerCertificateHash = certificateHash.slice();
      else this.localCertificateHash = certificateHash.slice();
    }
    this.closed = new Promise((r) => this.#resolveClosed = r);
  }
  get incomingBidirectionalStreams() {
    return this.#bidi.stream;
  }
  get incomingUnidirectionalStreams() {
    return this.#uni.stream;
  }
  get datagrams() {
    const wire = this.#wire;
    this.#datagrams ??= {
      readable: this.#dgramIn.stream,
      writable: new WritableStream({
        write: (chunk) => {
          if (this.#info) throw this.#gone();
          if (chunk.byteLength > wire.maxDatagramSize) return;
          const copy = chunk.slice();
          wire.datagram(this.#side, () => this.peer.#dgramIn.push(copy));
        }
      }),
      maxDatagramSize: wire.maxDatagramSize
    };
    return this.#datagrams;
  }
  #links() {
    const side = this.#side;
    const other = 1 - side;
    return {
      forward: (run) => this.#wire.ordered(side, run),
      back: (run) => this.#wire.ordered(other, run)
    };
  }
  #reverseLinks() {
    const l = this.#links();
    return { forward: l.back, back: l.forward };
  }
  #track(pipe, writer, reader) {
    writer.#writing.add(pipe);
    reader.#reading.add(pipe);
    pipe.onSettled = () => {
      writer.#writing.delete(pipe);
      reader.#reading.delete(pipe);
    };
    return pipe;
  }
  #gone() {
    return new SessionClosedError(
      `session with ${this.remoteAddress} is closed (${this.#info?.closeCode} ${this.#info?.reason})`,
      { cause: this.#info?.error }
    );
  }
  /** Opens a bidirectional stream. */
  createBidirectionalStream() {
    if (this.#info) return Promise.reject(this.#gone());
    const peer = this.peer;
    const out = this.#track(new Pipe(this.#links(), this.#wire.window), this, peer);
    const back = this.#track(new Pipe(this.#reverseLinks(), this.#wire.window), peer, this);
    this.#wire.ordered(this.#side, () => {
      peer.#bidi.push({ readable: out.readable, writable: back.writable });
    });
    return Promise.resolve({ readable: back.readable, writable: out.writable });
  }
  /** Opens a unidirectional stream. */
  createUnidirectionalStream() {
    if (this.#info) return Promise.reject(this.#gone());
    const peer = this.peer;
    const out = this.#track(new Pipe(this.#links(), this.#wire.window), this, peer);
    this.#wire.ordered(this.#side, () => peer.#uni.push(out.readable));
    return Promise.resolve(out.writable);
  }
  /** Closes both ends: this one now, the peer once the close arrives. */
  close(info) {
    const checked = checkCloseInfo(info);
    if (this.#info) return;
    this.end(checked);
    const peer = this.peer;
    this.#wire.ordered(this.#side, () => peer.end(checked));
  }
  /** Ends this end with `info` (used by close, vanish and listener shutdown). */
  end(info) {
    if (this.#info) return;
    this.#info = info;
    const err = this.#gone();
    for (const pipe of this.#writing) pipe.failWriter(err);
    for (const pipe of this.#reading) pipe.failReader(err);
    this.#writing.clear();
    this.#reading.clear();
    const streamsEnd = info.error ? err : null;
    this.#bidi.end(streamsEnd);
    this.#uni.end(streamsEnd);
    this.#dgramIn.end(null);
    this.#resolveClosed(info);
    this.#wire.ended(this);
  }
  /** Whether this end is over. */
  get isClosed() {
    return this.#info !== void 0;
  }
};

// lib/transport/memory.ts
function checkLink(o) {
  const latencyMs = o.latencyMs ?? 0, jitterMs = o.jitterMs ?? 0, loss = o.loss ?? 0;
  if (!(latencyMs >= 0) || !(jitterMs >= 0)) {
    throw new RangeError("latency and jitter must be >= 0");
  }
  if (!(loss >= 0 && loss <= 1)) throw new RangeError("loss must be in [0, 1]");
  return { latencyMs, jitterMs, loss };
}
var encoder = new TextEncoder();
var MemoryNetwork = class {
  #scheduler = new Scheduler();
  #random;
  #defaults;
  #links = /* @__PURE__ */ new Map();
  #blocked = /* @__PURE__ */ new Set();
  #endpoints = /* @__PURE__ */ new Map();
  #held = /* @__PURE__ */ new Map();
  #maxDatagramSize;
  #window;
  #vanishDetectMs;
  #anonymous = 0;
  /** Simulated certificates issued so far (each stand-in hash is unique). */
  #certificates = 0;
  /** Counters for simulations. */
  stats = { sessions: 0, datagramsSent: 0, datagramsLost: 0, held: 0 };
  /** Creates a network; `options` set the default link and the seed of its randomness. */
  constructor(options = {}) {
    this.#random = seededRandom(options.seed ?? 1);
    this.#defaults = checkLink(options);
    this.#maxDatagramSize = options.maxDatagramSize ?? 1200;
    this.#window = options.streamWindow ?? DEFAULT_WINDOW;
    this.#vanishDetectMs = options.vanishDetectMs ?? 0;
  }
  #endpoint(name) {
    let e = this.#endpoints.get(name);
    if (!e) this.#endpoints.set(name, e = { name, dead: false, sessions: /* @__PURE__ */ new Set() });
    return e;
  }
  #key = (a, b) => `${a}\0${b}`;
  #link(from, to) {
    return this.#links.get(this.#key(from, to)) ?? this.#defaults;
  }
  #delay(link) {
    return link.latencyMs + (link.jitterMs ? this.#random() * link.jitterMs : 0);
  }
  /** Sets latency/jitter/loss between `a` and `b`, both directions. */
  link(a, b, options) {
    const checked = checkLink({ ...this.#defaults, ...options });
    this.#links.set(this.#key(a, b), checked);
    this.#links.set(this.#key(b, a), checked);
  }
  /** Cuts every pair across the two groups (both directions). */
  block(a, b) {
    for (const x of [a].flat()) {
      for (const y of [b].flat()) {
        this.#blocked.add(this.#key(x, y));
        this.#blocked.add(this.#key(y, x));
      }
    }
  }
  /** Restores pairs cut by {@linkcode block}; without arguments, all of them. */
  heal(a, b) {
    if (a === void 0 || b === void 0) this.#blocked.clear();
    else {
      for (const x of [a].flat()) {
        for (const y of [b].flat()) {
          this.#blocked.delete(this.#key(x, y));
          this.#blocked.delete(this.#key(y, x));
        }
      }
    }
    for (const [key, events] of this.#held) {
      const [from, to] = key.split("\0");
      if (this.isBlocked(from, to)) continue;
      this.#held.delete(key);
      for (const run of events) this.#send(from, to, run);
    }
  }
  /** Whether traffic from `a` to `b` is cut. */
  isBlocked(a, b) {
    return this.#blocked.has(this.#key(a, b));
  }
  /** Unreliable packet (handshake): dropped when cut or the target is dead. */
  #packet(from, to, run) {
    if (this.isBlocked(from, to) || this.#endpoint(to).dead) return;
    this.#scheduler.at(this.#scheduler.now() + this.#delay(this.#link(from, to)), run);
  }
  /** Reliable delivery: held while cut. Order is kept by the wire (lastAt). */
  #send(from, to, run, lastAt) {
    if (this.isBlocked(from, to)) {
      const key = this.#key(from, to);
      const held = this.#held.get(key) ?? [];
      held.push(run);
      this.#held.set(key, held);
      this.stats.held++;
      return;
    }
    let at = this.#scheduler.now() + this.#delay(this.#link(from, to));
    if (lastAt) at = lastAt.at = Math.max(at, lastAt.at);
    this.#scheduler.at(at, run);
  }
  #wire(a, b) {
    const names = [a.name, b.name];
    const last = [{ at: 0 }, { at: 0 }];
    return {
      maxDatagramSize: this.#maxDatagramSize,
      window: this.#window,
      ordered: (from, run) => this.#send(names[from], names[1 - from], run, last[from]),
      datagram: (from, run) => {
        this.stats.datagramsSent++;
        const to = names[1 - from];
        const link = this.#link(names[from], to);
        if (this.isBlocked(names[from], to) || link.loss > 0 && this.#random() < link.loss) {
          this.stats.datagramsLost++;
          return;
        }
        this.#scheduler.at(this.#scheduler.now() + this.#delay(link), run);
      },
      ended(end) {
        a.sessions.delete(end);
        b.sessions.delete(end);
        b.listener?.open.delete(end);
      }
    };
  }
  /** Kills `name` silently: its sessions die, its peers notice after `vanishDetectMs`. */
  vanish(name) {
    const e = this.#endpoint(name);
    e.dead = true;
    e.listener = void 0;
    for (const session of [...e.sessions]) {
      const info = {
        closeCode: 0,
        reason: "vanished",
        error: new SessionClosedError(`endpoint ${name} vanished`)
      };
      session.end(info);
      const peer = session.peer;
      this.#scheduler.at(
        this.#scheduler.now() + this.#vanishDetectMs,
        () => peer.end({
          closeCode: 0,
          reason: "peer vanished",
          error: new SessionClosedError(`peer ${name} vanished`)
        })
      );
    }
  }
  /** A transport acting as endpoint `name` (a fresh anonymous name by default). */
  transport(name = `node-${++this.#anonymous}`) {
    if (!name || /[\s/:@]/.test(name)) throw new TypeError(`bad memory endpoint name: ${name}`);
    return {
      name: "memory",
      dials: ["memory"],
      secure: false,
      // An endpoint listens under its own name: `hostname` is an IP notion it ignores.
      listen: (options) => this.#listen(name, options),
      dial: (url, options) => this.#dial(name, url, options)
    };
  }
  async #listen(name, options) {
    const e = this.#endpoint(name);
    if (e.listener) throw new RangeError(`memory endpoint ${name} is already listening`);
    const maxSessions = options.maxSessions ?? 1024;
    if (!Number.isInteger(maxSessions) || maxSessions < 1) {
      throw new RangeError("maxSessions must be an integer >= 1");
    }
    const path = options.path ?? "/geomesh";
    const pin = await this.#certificateHash(name, options.certificate?.certPem ?? "");
    let controller;
    const sessions = new ReadableStream({ start: (c) => void (controller = c) });
    const state = {
      path,
      pin,
      maxSessions,
      retryToken: options.retryToken ?? false,
      open: /* @__PURE__ */ new Set(),
      enqueue: (s) => controller.enqueue(s)
    };
    e.dead = false;
    e.listener = state;
    let closing;
    const listener = {
      hostname: name,
      port: options.port ?? 0,
      protocols: ["memory"],
      sessions,
      setCertificate: (certificate) => {
        const previous = state.rotating?.catch(() => {
        }) ?? Promise.resolve();
        const rotating = state.rotating = previous.then(() => this.#certificateHash(name, certificate?.certPem ?? "")).then((next) => void (state.pin = next)).finally(() => {
          if (state.rotating === rotating) state.rotating = void 0;
        });
        rotating.catch(() => {
        });
      },
      close: () => {
        closing ??= Promise.resolve().then(() => {
          options.signal?.removeEventListener("abort", onAbort);
          if (e.listener === state) e.listener = void 0;
          for (const s of [...state.open]) s.close({ closeCode: 0, reason: "listener closed" });
          try {
            controller.close();
          } catch {
          }
        });
        return closing;
      }
    };
    const onAbort = () => void listener.close();
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    return listener;
  }
  /** The pin of `certPem`, or a stand-in certificate hash unique to this listener. */
  #certificateHash(name, certPem) {
    if (certPem) return pemCertificatePin(certPem);
    const stand = `geomesh memory certificate\0${name}\0${++this.#certificates}`;
    return crypto.subtle.digest("SHA-256", encoder.encode(stand)).then((d) => new Uint8Array(d));
  }
  #dial(from, address, options = {}) {
    let url;
    try {
      url = new URL(address);
    } catch {
      return Promise.reject(new TypeError(`not a URL: ${address}`));
    }
    if (url.protocol !== "memory:" || !url.hostname) {
      return Promise.reject(
        new TypeError(`memory transport needs memory://name/path, got ${address}`)
      );
    }
    const to = url.hostname;
    const path = url.pathname || "/";
    let cancelled = false;
    const attempt = new Promise((resolve, reject) => {
      const reply = (run) => this.#packet(to, from, () => !cancelled && run());
      const arrive = () => {
        const target = this.#endpoint(to);
        const l = target.listener;
        if (!l) return reply(() => reject(new ConnectError(`nothing listens at ${address}`)));
        if (l.path !== path) {
          return reply(() => reject(new ConnectError(`${address}: unknown path (404)`)));
        }
        const pins = options.certificateHashes;
        if (pins?.length && !pins.some((p) => samePin(p, l.pin))) {
          return reply(
            () => reject(new PinMismatchError(`certificate of ${address} matches no pin`))
          );
        }
        if (l.open.size >= l.maxSessions) {
          if (l.retryToken) return;
          return reply(() => reject(new ConnectError(`${address} refused: at capacity`)));
        }
        const source = this.#endpoint(from);
        const wire = this.#wire(source, target);
        const client = new MemorySession(wire, 0, to, l.pin);
        const server = new MemorySession(wire, 1, from, l.pin);
        client.peer = server;
        server.peer = client;
        source.sessions.add(client);
        target.sessions.add(server);
        l.open.add(server);
        this.stats.sessions++;
        l.enqueue(server);
        this.#packet(to, from, () => {
          if (cancelled) client.close({ closeCode: 0, reason: "dial cancelled" });
          else resolve(client);
        });
      };
      this.#packet(from, to, () => {
        const rotating = this.#endpoint(to).listener?.rotating;
        if (rotating) rotating.then(arrive, arrive);
        else arrive();
      });
    });
    return guardDial(attempt, {
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      target: address,
      cancel: () => void (cancelled = true)
    });
  }
};
function createMemoryNetwork(options = {}) {
  return new MemoryNetwork(options);
}

export {
  detectRuntime,
  MemoryNetwork,
  createMemoryNetwork
};
//# sourceMappingURL=chunk-RYDJ5ECD.js.map
