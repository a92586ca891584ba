// lib/errors.ts
var GeomeshError = class extends Error {
  /** Stable machine-readable error code. */
  code;
  /** Creates an error with the stable `code` and a `message` for humans. */
  constructor(code, message, options) {
    super(message, options?.cause === void 0 ? void 0 : { cause: options.cause });
    this.code = code;
    this.name = new.target.name;
  }
};
var MessageTooLargeError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "MESSAGE_TOO_LARGE";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("MESSAGE_TOO_LARGE", message, options);
  }
};
var DecodeError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "DECODE_ERROR";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("DECODE_ERROR", message, options);
  }
};
var ProtocolError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "PROTOCOL_ERROR";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("PROTOCOL_ERROR", message, options);
  }
};
var SignatureError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "BAD_SIGNATURE";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("BAD_SIGNATURE", message, options);
  }
};
var CertificateError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "CERTIFICATE_ERROR";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("CERTIFICATE_ERROR", message, options);
  }
};
var PinMismatchError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "PIN_MISMATCH";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("PIN_MISMATCH", message, options);
  }
};
var IdentityError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "IDENTITY_ERROR";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("IDENTITY_ERROR", message, options);
  }
};
var TimeoutError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "TIMEOUT";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("TIMEOUT", message, options);
  }
};
var AbortedError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "ABORTED";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("ABORTED", message, options);
  }
};
var ConnectError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "CONNECT_FAILED";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("CONNECT_FAILED", message, options);
  }
};
var SessionClosedError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "SESSION_CLOSED";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("SESSION_CLOSED", message, options);
  }
};
var AuthenticationError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "AUTH_FAILED";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("AUTH_FAILED", message, options);
  }
};
var UnknownPeerError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "UNKNOWN_PEER";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("UNKNOWN_PEER", message, options);
  }
};
var UnknownActorError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "UNKNOWN_ACTOR";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("UNKNOWN_ACTOR", message, options);
  }
};
var AddressError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "BAD_ADDRESS";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("BAD_ADDRESS", message, options);
  }
};
var AdmissionError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "ADMISSION_REFUSED";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("ADMISSION_REFUSED", message, options);
  }
};
var RemoteError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "REMOTE_ERROR";
  /** The code the remote side reported, when it gave one. */
  remoteCode;
  /** Creates the error; `options.remoteCode` is the code the remote side sent. */
  constructor(message, options) {
    super("REMOTE_ERROR", message, options);
    if (options?.remoteCode !== void 0) this.remoteCode = options.remoteCode;
  }
};
var OverloadedError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "OVERLOADED";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("OVERLOADED", message, options);
  }
};
var StaleError = class extends GeomeshError {
  /** The stable code of this error class. */
  static code = "STALE";
  /** Creates the error with a `message` for humans and an optional `cause`. */
  constructor(message, options) {
    super("STALE", message, options);
  }
};

// lib/transport/dial-guard.ts
var DEFAULT_DIAL_TIMEOUT_MS = 5e3;
function checkTimeout(timeoutMs) {
  const ms = timeoutMs ?? DEFAULT_DIAL_TIMEOUT_MS;
  if (typeof ms !== "number" || !(ms > 0)) {
    throw new RangeError(`timeoutMs must be a positive number, got ${timeoutMs}`);
  }
  return ms;
}
function guardDial(attempt, options, dispose = () => {
}) {
  let timeoutMs;
  try {
    timeoutMs = checkTimeout(options.timeoutMs);
  } catch (err) {
    options.cancel();
    attempt.then(dispose, () => {
    });
    return Promise.reject(err);
  }
  const { signal, target } = options;
  if (signal?.aborted) {
    options.cancel();
    attempt.then(dispose, () => {
    });
    return Promise.reject(new AbortedError(`dial ${target} aborted`, { cause: signal.reason }));
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err, value) => {
      if (settled) return;
      settled = true;
      if (timer !== void 0) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (err) {
        options.cancel();
        reject(err);
      } else resolve(value);
    };
    const onAbort = () => finish(new AbortedError(`dial ${target} aborted`, { cause: signal?.reason }));
    const timer = Number.isFinite(timeoutMs) ? setTimeout(
      () => finish(new TimeoutError(`dial ${target} timed out after ${timeoutMs} ms`)),
      timeoutMs
    ) : void 0;
    signal?.addEventListener("abort", onAbort, { once: true });
    attempt.then(
      (value) => settled ? dispose(value) : finish(void 0, value),
      (err) => finish(err instanceof Error ? err : new Error(String(err)))
    );
  });
}

export {
  GeomeshError,
  MessageTooLargeError,
  DecodeError,
  ProtocolError,
  SignatureError,
  CertificateError,
  PinMismatchError,
  IdentityError,
  TimeoutError,
  AbortedError,
  ConnectError,
  SessionClosedError,
  AuthenticationError,
  UnknownPeerError,
  UnknownActorError,
  AddressError,
  AdmissionError,
  RemoteError,
  OverloadedError,
  StaleError,
  checkTimeout,
  guardDial
};
//# sourceMappingURL=chunk-L7ONBLAV.js.map
