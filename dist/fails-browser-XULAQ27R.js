// vendor/fails-webtransport/browser.js
var WebTransportBase = class {
  /**
   * @param {string} url
   * @param {any} [args]
   */
  constructor(url, args) {
    if (!url) throw new Error("no URL supplied");
    const ourl = new URL(url);
    if (ourl.protocol !== "https:") {
      throw new Error("URL is not supported for webtransport");
    }
    const host = ourl.hostname;
    let port = ourl.port;
    if (port === "") port = "443";
    const { sessionint, client } = this.createClient({ host, port, ...args });
    this.ready = sessionint.ready;
    this.closed = sessionint.closed;
    this.draining = sessionint.draining;
    this.datagrams = sessionint.datagrams;
    this.incomingBidirectionalStreams = sessionint.incomingBidirectionalStreams;
    this.incomingUnidirectionalStreams = sessionint.incomingUnidirectionalStreams;
    this.sessionint = sessionint;
    this.startUpConnection({ client, sessionint, ourl });
  }
  /**
   * @param{any} args
   * @return {{sessionint: HttpWTSession, client: HttpClient}}
   * @abstract
   */
  // eslint-disable-next-line no-unused-vars
  createClient(args) {
    throw new Error("Implement createClient");
  }
  /**
   * @param{{client: HttpClient, sessionint: HttpWTSession, ourl: URL}} args
   * @abstract
   */
  // eslint-disable-next-line no-unused-vars
  startUpConnection({ client, sessionint, ourl }) {
    throw new Error("Implement startUpConnection");
  }
  get reliability() {
    const session = this.sessionint;
    if (!session) {
      throw new Error("Http3WTSession was undefined");
    }
    return session.reliability;
  }
  get congestionControl() {
    const session = this.sessionint;
    if (!session) {
      throw new Error("Http3WTSession was undefined");
    }
    return session.congestionControl;
  }
  get supportsReliableOnly() {
    throw new Error("Implement supportsReliableOnly");
    return false;
  }
  getStats() {
    const session = this.sessionint;
    if (!session) {
      throw new Error("Http3WTSession was undefined");
    }
    return session.getStats();
  }
  /**
   * @param {WebTransportCloseInfo} [closeinfo]
   */
  close(closeinfo) {
    const session = this.sessionint;
    if (!session) {
      throw new Error("Http3WTSession was undefined");
    }
    return session.close(closeinfo);
  }
  /**
   * @param {WebTransportSendStreamOptions} [opts]
   * @returns {Promise<WebTransportBidirectionalStream>}
   */
  createBidirectionalStream(opts) {
    const session = this.sessionint;
    if (!session) {
      throw new Error("Http3WTSession was undefined");
    }
    return session.createBidirectionalStream(opts);
  }
  /**
   * @param {WebTransportSendStreamOptions} [opts]
   * @returns {Promise<WebTransportSendStream>}
   */
  createUnidirectionalStream(opts) {
    const session = this.sessionint;
    if (!session) {
      throw new Error("Http3WTSession was undefined");
    }
    return session.createUnidirectionalStream(opts);
  }
  get protocol() {
    const session = this.sessionint;
    if (!session) return void 0;
    return session.protocol;
  }
};
var ReadableStream2 = globalThis.ReadableStream;
var WritableStream2 = globalThis.WritableStream;
function debug() {
  const log12 = () => {
  };
  log12.enabled = false;
  log12.extend = () => log12;
  return log12;
}
function logger(name) {
  const dtrace = !!(typeof process === "undefined" || process.env.DEBUG_TRACE);
  return Object.assign(debug(name), {
    error: debug(`${name}:error`),
    trace: dtrace ? debug(`${name}:trace`) : () => {
    }
  });
}
var WebTransportError = class extends Error {
  /**
   * @param {string} message
   */
  constructor(message) {
    super(message);
    this.name = this[Symbol.toStringTag] = "WebTransportError";
  }
};
var canByteStream_ = true;
try {
  const teststream = new ReadableStream({
    // @ts-ignore
    start: (controller) => {
    },
    type: "bytes"
  });
} catch (error) {
  canByteStream_ = false;
}
var canByteStream = canByteStream_;
var pid = typeof process !== "undefined" ? process.pid : 0;
var log = logger(`webtransport:http3wtstream(${pid})`);
var HttpWTStream = class {
  /**
   * @param {object} args
   * @param {NativeHttpWTStream} args.object
   * @param {HttpWTSession} args.parentobj
   * @param {object} args.transport
   * @param {boolean} args.bidirectional
   * @param {boolean} args.incoming
   * @param {WebTransportSendGroup|undefined} args.sendGroup
   * @param {number} args.sendOrder
   */
  constructor(args) {
    this.objint = args.object;
    this.objint.jsobj = this;
    this.parentobj = args.parentobj;
    this.transport = args.transport;
    this.bidirectional = args.bidirectional;
    this.incoming = args.incoming;
    this.closed = false;
    this._sendGroup = args.sendGroup;
    this._sendOrder = args.sendOrder;
    if (this.objint.sendInitialParameters) {
      this.objint.sendInitialParameters();
    }
    this.pendingoperation = null;
    this.pendingres = null;
    this.readable;
    this.writable;
    this.pendingoperationRead = null;
    this.pendingresRead = null;
    if (this.bidirectional || this.incoming) {
      const readableopts = {
        start: (controller) => {
          this.readableController = controller;
          this.objint.startReading();
        },
        pull: async (controller) => {
          if (this.readableclosed) {
            return Promise.resolve();
          }
          this.pendingoperationRead = new Promise((resolve, reject) => {
            this.pendingresRead = resolve;
          });
          this.objint.startReading();
          await this.pendingoperationRead;
        },
        cancel: (reason) => {
          const promise = new Promise((resolve, reject) => {
            this.cancelres = resolve;
          });
          let code = 0;
          if (reason && reason.code) {
            if (reason.code < 0) code = 0;
            else if (reason.code > 255) code = 255;
            else code = reason.code;
          }
          this.readableclosed = true;
          this.parentobj.removeReceiveStream(this);
          this.objint.stopSending(code);
          return promise;
        },
        type: "bytes"
      };
      if (!canByteStream) {
        delete readableopts.type;
      }
      this.readable = new ReadableStream2(
        // @ts-ignore
        readableopts
      );
      this.readable.getStats = () => {
        return Promise.resolve({
          timestamp: 0,
          bytesReceived: 0n,
          bytesRead: 0n
        });
      };
      this.parentobj.addReceiveStream(this);
    }
    if (this.bidirectional || !this.incoming) {
      this.writable = new WritableStream2(
        {
          start: (controller) => {
            this.writableController = controller;
          },
          // eslint-disable-next-line no-unused-vars
          write: (chunk, controller) => {
            if (this.writableclosed) {
              return Promise.resolve();
            }
            let wchunk = chunk;
            if (wchunk instanceof ArrayBuffer) {
              wchunk = new Uint8Array(wchunk);
            }
            if (wchunk instanceof Uint8Array) {
              if (wchunk.byteLength === 0) {
                return;
              }
              this.pendingoperation = new Promise((resolve, reject) => {
                this.pendingres = resolve;
              });
              this.objint.writeChunk(wchunk);
              return this.pendingoperation;
            } else {
              log.trace("chunk info:", chunk);
              throw new Error(
                "chunk is not of instanceof Uint8Array or Arraybuffer"
              );
            }
          },
          close: () => {
            if (this.writableclosed) {
              return Promise.resolve();
            }
            this.writableclosed = true;
            this.objint.streamFinal();
            this.parentobj.removeSendStream(this);
            this.pendingoperation = new Promise((resolve, reject) => {
              this.pendingres = resolve;
            });
            return this.pendingoperation;
          },
          abort: (reason) => {
            if (this.writableclosed) {
              return new Promise((resolve, reject) => {
                resolve();
              });
            }
            this.writableclosed = true;
            let code = 0;
            if (reason && reason.code) {
              if (reason.code < 0) code = 0;
              else if (reason.code > 255) code = 255;
              else code = reason.code;
            }
            this.parentobj.removeSendStream(this);
            const promise = new Promise((resolve, reject) => {
              this.abortres = resolve;
            });
            this.objint.resetStream(code);
            return promise;
          }
        },
        { highWaterMark: 4 }
      );
      this.writable.getStats = () => {
        return Promise.resolve({
          timestamp: 0,
          bytesWritten: 0,
          bytesSent: 0,
          bytesAcknowledged: 0
        });
      };
      Object.defineProperties(this.writable, {
        sendOrder: {
          get: () => {
            return this._sendOrder;
          },
          /**
           * @param {number} value
           */
          set: (value) => {
            if (value !== this._sendOrder) {
              this._sendOrder = value;
              this.updateSendOrderAndGroup();
            }
          }
        },
        sendGroup: {
          get: () => {
            return this._sendGroup;
          },
          /**
           * @param {WebTransportSendGroup} value
           */
          set: (value) => {
            if (value !== this._sendGroup) {
              this._sendGroup = value;
              this.updateSendOrderAndGroup();
            }
          }
        }
      });
      this.parentobj.addSendStream(this);
    }
    this.cancelres = null;
    this.pendingres = null;
    this.abortres = null;
    this.finaldrain_ = false;
  }
  /**
   * @param {{byteSize: number}} args
   * @returns {ReadBuffer}
   */
  getReadBuffer({ byteSize }) {
    const byob = this.readableController.byobRequest;
    if (byob) {
      const buffer = byob?.view;
      if (!(buffer instanceof Uint8Array)) {
        throw new Error("byob view is not a Uint8Array");
      }
      return { buffer, byob, readBytes: 0, fin: false };
    } else {
      const buffer = new Uint8Array(byteSize);
      return { buffer, byob: void 0, readBytes: 0, fin: false };
    }
  }
  /**
   * @param {ReadBuffer} args
   */
  commitReadBuffer({ buffer, byob, drained, readBytes, fin }) {
    if (!this.readableclosed) {
      if (byob && readBytes !== void 0) {
        byob.respond(readBytes);
      } else if (buffer) {
        this.readableController.enqueue(buffer);
      }
    }
    const retObj = {};
    if (readBytes !== void 0 && readBytes > 0 && !this.readableclosed) {
      log.trace("commitReadbuffer", readBytes);
      if (this.pendingoperationRead && drained) {
        if (this.readableController.desiredSize != null && !this.finaldrain_) {
          if (this.readableController.desiredSize < 0) retObj.stopReading = true;
        }
        const res = this.pendingresRead;
        this.pendingoperationRead = null;
        this.pendingresRead = null;
        if (res) res();
      }
    }
    if (fin) {
      if (this.cancelres) {
        const res = this.cancelres;
        this.cancelres = null;
        res();
      }
      const parentstate = this.parentobj.state;
      if (parentstate === "closed" || parentstate === "failed") {
        log("no parent cleanup for fin as parent was closed or failed");
      } else {
        this.parentobj.removeReceiveStream(this);
      }
      if (!this.readableclosed) {
        this.readableController.close();
        this.readableclosed = true;
      }
    }
    return retObj;
  }
  updateSendOrderAndGroup() {
    this.objint.updateSendOrderAndGroup({
      sendOrder: this._sendOrder,
      // 0n is reserved for no sendgroup
      // @ts-ignore _sendGroupId is internal, FIXME convert to symbol
      sendGroupId: this._sendGroup?._sendGroupId || 0n
    });
  }
  /**
   * @param {any} args
   * @returns {void}
   */
  onStreamRecvSignal(args) {
    log("callback", args?.nettask);
    log.trace("onStreamRecvSignal", args);
    let parentcleanup = true;
    const parentstate = this.parentobj.state;
    if (parentstate === "closed" || parentstate === "failed") {
      log("no parent cleanup as parent was closed or failed");
      parentcleanup = false;
    }
    switch (args.nettask) {
      case "resetStream":
        if (this.readable) {
          this.finalDrain();
          if (parentcleanup) this.parentobj.removeReceiveStream(this);
          if (!this.readableclosed) {
            this.readableclosed = true;
            this.readableController.error(
              new WebTransportError("Resetstream with code:" + (args.code || 0))
            );
          }
        } else {
          log.error("resetStream without readable");
        }
        break;
      case "stopSending":
        if (this.writable) {
          if (parentcleanup) this.parentobj.removeSendStream(this);
          if (!this.writableclosed) {
            this.writableclosed = true;
            this.writableController.error(
              new WebTransportError("StopSending with code:" + (args.code || 0))
            );
          }
        } else {
          log.error("stopSending without writable");
        }
        break;
      default:
        log.error("unhandled onStreamRecvSignal");
    }
    if (this.pendingoperation) {
      const res = this.pendingres;
      this.pendingoperation = null;
      this.pendingres = null;
      if (res != null) {
        res();
      }
    }
    if (this.pendingoperationRead) {
      const res = this.pendingresRead;
      this.pendingoperationRead = null;
      this.pendingresRead = null;
      if (res != null) {
        res();
      }
    }
  }
  finalDrain() {
    this.finaldrain_ = true;
    this.objint.drainReads();
  }
  /**
   * @param {StreamWriteEvent} args
   */
  // eslint-disable-next-line no-unused-vars
  onStreamWrite(args) {
    if (this.pendingoperation) {
      const res = this.pendingres;
      this.pendingoperation = null;
      this.pendingres = null;
      if (res != null) {
        res();
      }
    }
  }
  /**
   * @param {StreamNetworkFinishEvent} args
   */
  onStreamNetworkFinish(args) {
    log("callback", args?.nettask);
    log.trace("networkfinish args", args);
    switch (args.nettask) {
      case "stopSending":
        if (this.cancelres) {
          const res = this.cancelres;
          this.cancelres = null;
          res();
        }
        this.stopSendingRecv = true;
        break;
      case "resetStream":
        if (this.abortres) {
          const res = this.abortres;
          this.abortres = null;
          res();
          if (this.readable) this.parentobj.removeReceiveStream(this);
          if (this.writable) this.parentobj.removeSendStream(this);
          this.readableclosed = true;
          this.parentobj.removeStreamObj(this);
        }
        break;
      case "streamFinal":
        if (this.pendingoperation) {
          const res = this.pendingres;
          this.pendingoperation = null;
          this.pendingres = null;
          if (res != null) {
            res();
          }
        }
        break;
      default:
        log.error("onStreamNetworkFinish unknown task", args.nettask);
    }
  }
};
var pid2 = typeof process !== "undefined" ? process.pid : 0;
var log2 = logger(`webtransport:httpwtsession(${pid2})`);
var HttpWTSession = class {
  /**
   * @param {object} args
   * @param {any} [args.object]
   * @param {HttpServer | HttpClient} args.parentobj
   * @param {Object | undefined} [args.header= undefined]
   * @param {Object | undefined} [args.userData= undefined]
   * @param {string | undefined} [args.peerAddress= undefined]
   * @param {DatagramsReadableMode} [args.datagramsReadableMode]
   */
  constructor(args) {
    if (args.object) {
      this.objint = args.object;
      this.objint.jsobj = this;
      if (this.objint.sendInitialParameters) {
        this.objint.sendInitialParameters();
      }
    }
    this.parentobj = args.parentobj;
    this.state = "connecting";
    this.readyResolve = null;
    this.closeHook = null;
    this.header = args.header;
    this.userData = args.userData;
    this.peerAddress_ = args.peerAddress;
    this.datagramsReadableMode_ = args.datagramsReadableMode;
    this.ready = new Promise((resolve, reject) => {
      this.readyResolve = resolve;
      this.readyReject = reject;
    });
    this.reliability = "pending";
    this.congestionControl = "default";
    this.closed = new Promise((resolve, reject) => {
      this.closedResolve = resolve;
      this.closedReject = reject;
    });
    this.draining = new Promise((resolve, reject) => {
      this.drainingResolve = resolve;
      this.drainingReject = reject;
    });
    this.incomingBidirectionalStreams = new ReadableStream2({
      /** @param {ReadableStreamDefaultController<WebTransportBidirectionalStream>} controller */
      start: (controller) => {
        this.incomBiDiController = controller;
      }
    });
    this.incomingUnidirectionalStreams = new ReadableStream2({
      /** @param {ReadableStreamDefaultController<WebTransportReceiveStream>} controller */
      start: (controller) => {
        this.incomUniDiController = controller;
      }
    });
    this.incomDatagramControllerBytes_ = void 0;
    this.incomDatagramController_ = void 0;
    const readableopts = {
      start: (controller) => {
        if (this.datagramsReadableMode_ === "bytes") {
          this.incomDatagramControllerBytes_ = /** @type {import("stream/web").ReadableByteStreamController} */
          controller;
        } else {
          this.incomDatagramController_ = /** @type {import("stream/web").ReadableStreamController<Uint8Array>} */
          controller;
        }
      },
      /** @type {undefined | 'bytes'} */
      type: void 0
    };
    if (this.datagramsReadableMode_ === "bytes") {
      readableopts.type = "bytes";
    }
    if (!canByteStream) {
      delete readableopts.type;
    }
    this._lastGetMaxDatagramSize = 0;
    this.datagrams = {
      /** @type {ReadableStream<Uint8Array>} */
      // @ts-ignore
      readable: new ReadableStream2(readableopts),
      /**
       *  @param {WebTransportSendOptions|undefined} options
       *  @return {any}
       */
      createWritable: (options) => {
        let sendOrder = options?.sendOrder ?? 0;
        let sendGroup = options?.sendGroup;
        const retWritable = new WritableStream2({
          start: (controller) => {
            this.outgoDatagramController = controller;
          },
          // eslint-disable-next-line no-unused-vars
          write: (chunk, controller) => {
            if (this.state === "closed") throw new Error("Session is closed");
            if (chunk instanceof Uint8Array) {
              if (this.objint == null) {
                throw new Error("this.objint is not set");
              }
              const { code, message } = this.objint.writeDatagram(chunk);
              if (code !== "success" && code !== "blocked" && code !== "tooBig") {
                throw new WebTransportError(code + ":" + message);
              }
            } else throw new Error("chunk is not of type Uint8Array");
          },
          close: () => {
          }
        });
        Object.defineProperties(retWritable, {
          sendOrder: {
            get: () => {
              return sendOrder;
            },
            /**
             * @param {number} value
             */
            set: (value) => {
              sendOrder = value;
            }
          },
          sendGroup: {
            get: () => {
              return sendGroup;
            },
            /**
             * @param {WebTransportSendGroup} value
             */
            set: (value) => {
              if (value !== sendGroup) {
                sendGroup = value;
              }
            }
          }
        });
        return retWritable;
      },
      // @ts-ignore
      get writable() {
        if (!this.datagramwritablepolyfilled_) {
          console.warn("datagrams.writable is deprecated");
        }
        return this.datagramwritablepolyfilled_ ||= this.createWritable();
      },
      get maxDatagramSize() {
        return this._getMaxDatagramSize();
      },
      // @ts-ignore
      _getMaxDatagramSize: () => {
        if (this.objint) {
          this._lastGetMaxDatagramSize = this.objint.getMaxDatagramSize();
        }
        return this._lastGetMaxDatagramSize;
      }
    };
    this.resolveBiDi = [];
    this.resolveUniDi = [];
    this.rejectBiDi = [];
    this.rejectUniDi = [];
    this.resolveSessionStats = [];
    this.rejectSessionStats = [];
    this.resolveDatagramStats = [];
    this.rejectDatagramStats = [];
    this.sendStreams = /* @__PURE__ */ new Set();
    this.receiveStreams = /* @__PURE__ */ new Set();
    this.streamObjs = /* @__PURE__ */ new Set();
    this.sendStreamsController = /* @__PURE__ */ new Set();
    this.receiveStreamsController = /* @__PURE__ */ new Set();
    this._sendGroupNum = 1n;
    this._sendGroupIndex = /* @__PURE__ */ new Map();
    this._selectedProtocol = "";
  }
  /**
   * @param {NativeHttpWTSession} object
   * @param {boolean} reliable
   */
  setSessionObj(object, reliable) {
    if (object) {
      this.objint = object;
      this.objint.jsobj = this;
      this.reliable = !!reliable;
      if (this.objint.sendInitialParameters) {
        this.objint.sendInitialParameters();
      }
    }
  }
  get protocol() {
    return this._selectedProtocol;
  }
  getStats() {
    if (this.objint == null) {
      throw new Error("this.objint not set");
    }
    const prom = new Promise((resolve, reject) => {
      this.resolveSessionStats.push(resolve);
      this.rejectSessionStats.push(reject);
    });
    this.objint.orderSessionStats();
    return prom;
  }
  /**
   * @param {SessionStatsEvent} evt
   */
  onSessionStats({
    timestamp,
    expiredOutgoing = 0,
    lostOutgoing = 0,
    // non Datagram
    minRtt = 0,
    smoothedRtt = 0,
    rttVariation = 0,
    estimatedSendRateBps
  }) {
    const res = this.resolveSessionStats.pop();
    this.rejectSessionStats.pop();
    if (res)
      res({
        timestamp,
        bytesSent: 0,
        packetsSent: 0,
        packetsLost: 0,
        numOutgoingStreamsCreated: 0,
        numIncomingStreamsCreated: 0,
        bytesReceived: 0,
        packetsReceived: 0,
        smoothedRtt,
        rttVariation,
        minRtt,
        estimatedSendRate: estimatedSendRateBps,
        datagrams: {
          timestamp,
          expiredOutgoing,
          droppedIncoming: 0,
          lostOutgoing
        }
      });
  }
  /**
   * @param {DatagramStatsEvent} evt
   */
  onDatagramStats({ timestamp, expiredOutgoing = 0, lostOutgoing = 0 }) {
    const res = this.resolveDatagramStats.pop();
    this.rejectDatagramStats.pop();
    if (res)
      res({
        timestamp,
        expiredOutgoing,
        droppedIncoming: 0,
        lostOutgoing
      });
  }
  notifySessionDraining() {
    if (this.objint == null) {
      throw new Error("this.objint not set");
    }
    this.objint.notifySessionDraining();
  }
  /**
   * @param {HttpWTStream} stream
   */
  addStreamObj(stream) {
    this.streamObjs.add(stream);
  }
  /**
   * @param {HttpWTStream} stream
   */
  removeStreamObj(stream) {
    this.streamObjs.delete(stream);
  }
  /**
   * @param {HttpWTStream} streamobj
   */
  addSendStream(streamobj) {
    this.sendStreams.add(streamobj.writable);
    this.sendStreamsController.add(streamobj.writableController);
  }
  /**
   * @param {HttpWTStream} streamobj
   */
  removeSendStream(streamobj) {
    this.sendStreams.delete(streamobj.writable);
    this.sendStreamsController.delete(streamobj.writableController);
    if (!streamobj.readable || !this.receiveStreams.has(streamobj.readable)) {
      this.streamObjs.delete(streamobj);
    }
  }
  /**
   * @param {HttpWTStream} streamobj
   */
  addReceiveStream(streamobj) {
    this.receiveStreams.add(streamobj.readable);
    this.receiveStreamsController.add(streamobj.readableController);
  }
  /**
   * @param {HttpWTStream} streamobj
   */
  removeReceiveStream(streamobj) {
    this.receiveStreams.delete(streamobj.readable);
    this.receiveStreamsController.delete(streamobj.readableController);
    if (!streamobj.writable || !this.sendStreams.has(streamobj.writable)) {
      this.streamObjs.delete(streamobj);
    }
  }
  /**
   * @param {WebTransportSendStreamOptions} [opts]
   * @returns {Promise<WebTransportBidirectionalStream>}
   */
  createBidirectionalStream(opts) {
    if (this.state === "closed" || this.state === "failed")
      throw new DOMException(
        "Session is failed or closed and can not open streams",
        "InvalidStateError"
      );
    if (this.objint == null) {
      throw new Error("this.objint not set");
    }
    const prom = new Promise((resolve, reject) => {
      this.resolveBiDi.push(resolve);
      this.rejectBiDi.push(reject);
    });
    const notblocked = this.objint.orderBidiStream({
      sendGroup: opts?.sendGroup || null,
      // maybe replace, when implemented
      sendOrder: opts?.sendOrder || 0,
      waitUntilAvailable: opts?.waitUntilAvailable || false
    });
    if (!notblocked) {
      const rej = this.rejectBiDi.pop();
      this.resolveBiDi.pop();
      if (rej)
        rej(new DOMException("No streams available", "QuotaExceededError"));
    }
    return prom;
  }
  /**
   * @param {WebTransportSendStreamOptions} [opts]
   * @returns {Promise<WebTransportSendStream>}
   */
  createUnidirectionalStream(opts) {
    if (this.state === "closed" || this.state === "failed")
      throw new DOMException(
        "Session is failed or closed and can not open streams",
        "InvalidStateError"
      );
    if (this.objint == null) {
      throw new Error("this.objint not set");
    }
    const prom = new Promise((resolve, reject) => {
      this.resolveUniDi.push(resolve);
      this.rejectUniDi.push(reject);
    });
    const notblocked = this.objint.orderUnidiStream({
      sendGroup: opts?.sendGroup || null,
      // maybe replace, when implemented
      sendOrder: opts?.sendOrder || 0,
      waitUntilAvailable: opts?.waitUntilAvailable || false
    });
    if (!notblocked) {
      const rej = this.rejectUniDi.pop();
      this.resolveUniDi.pop();
      if (rej)
        rej(new DOMException("No streams available", "QuotaExceededError"));
    }
    return prom;
  }
  /**
   * @param {object} [closeInfo]
   * @param {number} closeInfo.closeCode
   * @param {string} closeInfo.reason
   * @returns {void}
   */
  close(closeInfo) {
    log2("closeinfo", closeInfo);
    if (this.state === "closed" || this.state === "failed") return;
    if (this.objint) {
      this.objint.close({
        code: closeInfo?.closeCode ?? 0,
        reason: (closeInfo?.reason ?? "").substring(0, 1023)
      });
    }
  }
  /**
   * @returns {WebTransportSendGroup}
   */
  createSendGroup() {
    if (this.state === "closed" || this.state === "failed")
      throw new Error("InvalidState");
    const _sendGroupId = this._sendGroupNum++;
    const sendGroup = {
      _sendGroupId,
      getStats: async () => {
        return {
          bytesWritten: 0,
          bytesSent: 0,
          bytesAcknowledged: 0
        };
      }
    };
    this._sendGroupIndex.set(_sendGroupId, sendGroup);
    return sendGroup;
  }
  /**
   * @param {{protocol?: string}} arg
   **/
  onReady({ protocol }) {
    if (protocol) this._selectedProtocol = protocol;
    this.state = "connected";
    if (!this.reliable) this.reliability = "supports-unreliable";
    else this.reliability = "reliable-only";
    if (this.readyResolve) this.readyResolve();
    delete this.readyResolve;
  }
  /**
   * @param {SessionCloseEvent} args
   */
  onClose(args) {
    delete this.objint;
    if (this.state !== "connected") {
      log2.error(
        'session was closed before state was "connected" - it was "%s"',
        this.state
      );
      this.state = "failed";
      if (this.closeHook) {
        this.closeHook();
        delete this.closeHook;
      }
      const error2 = new WebTransportError("Opening handshake failed.");
      this.readyReject(error2);
      this.closedReject(error2);
      return;
    }
    log2("onClose");
    this.streamObjs.forEach((ele) => ele.finalDrain());
    const error = new WebTransportError("Session closed");
    for (const rej of this.rejectBiDi) rej(error);
    for (const rej of this.rejectUniDi) rej(error);
    for (const rej of this.rejectSessionStats) rej(error);
    for (const rej of this.rejectDatagramStats) rej(error);
    this.resolveBiDi = [];
    this.resolveUniDi = [];
    this.rejectBiDi = [];
    this.rejectUniDi = [];
    this.resolveSessionStats = [];
    this.rejectSessionStats = [];
    this.resolveDatagramStats = [];
    this.rejectDatagramStats = [];
    for (const controller of [
      this.incomBiDiController,
      this.incomUniDiController,
      this.incomDatagramController_ || this.incomDatagramControllerBytes_
    ]) {
      try {
        controller.close();
      } catch (error2) {
        log2("incoming stream already closed or cancelled", error2);
      }
    }
    this.state = "closed";
    const wtError = new WebTransportError(
      `Session closed (on process ${pid2}) with code ` + args.errorcode + " and reason " + args.error
    );
    this.sendStreamsController.forEach((ele) => ele.error(wtError));
    this.receiveStreamsController.forEach((ele) => ele.error(wtError));
    this.streamObjs.forEach((ele) => ele.readableclosed = true);
    this.sendStreams.clear();
    this.receiveStreams.clear();
    this.sendStreamsController.clear();
    this.receiveStreamsController.clear();
    this.streamObjs.clear();
    if (this.closedResolve)
      this.closedResolve({
        closeCode: args.errorcode,
        reason: args.error ? args.error : ""
      });
    if (this.closeHook) {
      this.closeHook();
      delete this.closeHook;
    }
  }
  /**
   * @param {NewStreamEvent} args
   */
  onStream(args) {
    if (this.state === "closed" || this.state === "failed") {
      log2("received stream after session closing");
      args.stream.stopSending(0);
      args.stream.resetStream(0);
      return;
    }
    const strobj = new HttpWTStream({
      object: args.stream,
      parentobj: this,
      transport: this.parentobj,
      bidirectional: args.bidirectional,
      incoming: args.incoming,
      sendGroup: this._sendGroupIndex.get(args.sendGroupId || 0n),
      sendOrder: args.sendOrder
    });
    this.addStreamObj(strobj);
    if (args.incoming) {
      if (args.bidirectional) {
        this.incomBiDiController.enqueue(strobj);
      } else {
        this.incomUniDiController.enqueue(strobj.readable);
      }
    } else {
      if (args.bidirectional) {
        if (this.resolveBiDi.length === 0)
          throw new Error("Got bidirectional stream without asking for it");
        this.rejectBiDi.shift();
        const curres = this.resolveBiDi.shift();
        if (curres != null && strobj.readable != null && strobj.writable != null) {
          curres({
            readable: strobj.readable,
            writable: strobj.writable
          });
        }
      } else {
        if (this.resolveUniDi.length === 0)
          throw new Error("Got unidirectional stream without asking for it");
        this.rejectUniDi.shift();
        const curres = this.resolveUniDi.shift();
        if (curres != null && strobj.writable != null) {
          curres(strobj.writable);
        }
      }
    }
  }
  /**
   * @param {DatagramReceivedEvent} args
   */
  onDatagramReceived(args) {
    log2("datagram received", args.datagram);
    if (this.state === "closed" || this.state === "failed") {
      log2("datagram dropped, session in wrong state");
      return;
    }
    if (args.datagram.byteLength === 0 && this.datagramsReadableMode_ === "bytes") {
      log2("zerolength datagram dropped for a byte stream");
      return;
    }
    if (this.incomDatagramControllerBytes_?.byobRequest) {
      const byob = this.incomDatagramControllerBytes_.byobRequest;
      const view = byob?.view;
      if (!(view instanceof Uint8Array))
        throw new Error("byob view is not a Uint8Array");
      if (view.byteLength < args.datagram.byteLength) {
        throw new Error("supplied view is not large enough.");
      }
      const destview = new Uint8Array(
        view.buffer,
        0 + view.byteOffset,
        args.datagram.byteLength
      );
      destview.set(args.datagram);
      byob.respond(args.datagram.byteLength);
    } else {
      ;
      (this.incomDatagramController_ || this.incomDatagramControllerBytes_).enqueue(new Uint8Array(args.datagram));
    }
  }
  /**
   * @param {GoawayReceivedEvent} args
   */
  // eslint-disable-next-line no-unused-vars
  onGoAwayReceived(args) {
    if (this.drainingResolve) this.drainingResolve(void 0);
    this.state = "draining";
  }
  get peerAddress() {
    return this.peerAddress_;
  }
};
var pid3 = typeof process !== "undefined" ? process.pid : 0;
var log3 = logger(`webtransport:httpclient(${pid3})`);
var HttpClient = class {
  /**
   * @param {HttpClientInit} args
   */
  constructor(args) {
    this.args = args;
    this.sessionProm = null;
    this.sessionobj = new Promise((resolve, reject) => {
      this.sessionProm = { resolve, reject };
    }).catch(() => {
    });
    this.sessionobjint = null;
    this.closeHookSession = this.closeHookSession.bind(this);
    this.webtransportProm = null;
    this.quicconnectedProm = null;
    this._quicConnectTimeout = args.quicConnectTimeout ?? 8e3;
    this._webTransportConnectTimeout = args.webTransportConnectTimeout ?? 2e3;
  }
  /**
   * @param {Object} args
   * @param {boolean} args.createTransport
   * @param {string} args.path
   */
  async handleConnection({ createTransport, path }) {
    if (createTransport) this.createTransportInt({ path });
    this.quicconnected = new Promise((resolve, reject) => {
      this.quicconnectedProm = { resolve, reject };
    });
    this.webtransport = new Promise((resolve, reject) => {
      this.webtransportProm = { resolve, reject };
    });
    const timeout = setTimeout(() => {
      if (this.quicconnectedProm) {
        log3.error("quic connection timeout");
        this.quicconnectedProm.reject(
          new WebTransportError("Opening handshake failed.")
        );
        delete this.quicconnectedProm;
      }
    }, this._quicConnectTimeout);
    try {
      await this.quicconnected;
    } finally {
      clearTimeout(timeout);
    }
  }
  /**
   * @param {HttpWTSession} sessionobj
   * @param {string} path
   * @returns
   */
  async createWTSession(sessionobj, path) {
    const timeout = setTimeout(() => {
      if (this.webtransportProm) {
        log3.error("webtransport connection timeout");
        this.webtransportProm.reject(
          new WebTransportError("Opening handshake failed.")
        );
        delete this.webtransportProm;
      }
    }, this._webTransportConnectTimeout);
    await this.webtransport;
    clearTimeout(timeout);
    this.sessionobjint = sessionobj;
    this.transportInt.openWTSession(path);
    const sessobj = await this.sessionobj;
    delete this.sessionobj;
    return sessobj;
  }
  closeHookSession() {
    if (this.transportInt != null) {
      this.transportInt.closeClient();
    }
    this.stopped = true;
  }
  /**
   * @param {any} args
   */
  onClientError(args) {
    if (this.sessionobjint != null) {
      this.sessionobjint.onClose(args);
    }
  }
  /**
   * @param {ClientConnectedEvent} args
   */
  onClientConnected(args) {
    this.transportIntSwitchToReliable = void 0;
    if (this.quicconnectedProm) {
      if (args.success) this.quicconnectedProm.resolve();
      else
        this.quicconnectedProm.reject(
          new WebTransportError("Opening handshake failed.")
        );
      delete this.quicconnectedProm;
    } else if (args.success)
      throw new WebTransportError("Client connected with no pending promise");
  }
  /**
   * @param {ClientWebtransportSupportEvent} args
   */
  // eslint-disable-next-line no-unused-vars
  onClientWebTransportSupport(args) {
    if (this.webtransportProm) {
      this.webtransportProm.resolve();
      delete this.webtransportProm;
    }
  }
  /**
   * @param {HttpWTSessionVisitorEvent} args
   */
  onHttpWTSessionVisitor(args) {
    if (args.session && this.sessionProm && this.sessionobjint) {
      this.sessionobjint.setSessionObj(args.session, !!args.reliable);
      args.session.jsobj.closeHook = this.closeHookSession;
      delete this.sessionobjint;
      this.sessionProm.resolve(args.session);
      delete this.sessionProm;
    } else {
      throw new WebTransportError(
        "Http3WTSessionVisitor no object session or nor sessionprom"
      );
    }
  }
  /**
   * @param{{path: string}} [args]
   **/
  createTransportInt(args) {
    const path = args?.path;
    if (this.transportInt != null) {
      return;
    }
    try {
      if (this.args?.forceReliable || !this.args.createUnreliableClient) {
        this.transportInt = this.args.createReliableClient(this);
      } else {
        this.transportInt = this.args.createUnreliableClient(this);
        if (!this.args?.requireUnreliable) {
          const args2 = this.args;
          this.transportIntSwitchToReliable = () => {
            if (this.transportInt != null) {
              this.transportInt.closeClient();
            }
            this.transportInt = args2.createReliableClient(this);
            this.transportInt.jsobj = this;
            if (this.transportInt.createTransport) {
              this.transportInt.createTransport({ path });
            }
            this.transportIntSwitchToReliable = void 0;
          };
        }
      }
    } catch (err) {
      const error = new WebTransportError("Opening handshake failed.");
      error.stack = err.stack;
      throw error;
    }
    delete this.args;
    this.transportInt.jsobj = this;
    if (this.transportInt.createTransport) {
      this.transportInt.createTransport({ path });
    }
  }
};
var pid4 = typeof process !== "undefined" ? process.pid : 0;
var log4 = logger(`webtransport:flowcontroller(${pid4})`);
var FlowController = class _FlowController {
  static kSessionFlowControlMultiplier = 1.5;
  /**
   * @param {{tocontrol: FlowControlable
   * sendWindowOffset: number,
   * receiveWindowOffset: number,
   * shouldAutoTuneReceiveWindow: boolean
   * receiveWindowSizeLimit: number,
   * sessionFlowController?: FlowController}} arg
   */
  constructor({
    tocontrol,
    sendWindowOffset,
    receiveWindowOffset,
    receiveWindowSizeLimit,
    shouldAutoTuneReceiveWindow,
    sessionFlowController
  }) {
    this.tocontrol = tocontrol;
    this.bytesSent = 0n;
    this.sendWindowOffset = BigInt(sendWindowOffset);
    this.bytesConsumed = 0n;
    this.highestReceivedByteOffset = 0n;
    this.receiveWindowOffset = BigInt(receiveWindowOffset);
    this.receiveWindowSize = BigInt(receiveWindowOffset);
    this.receiveWindowSizeLimit = BigInt(receiveWindowSizeLimit);
    this.autoTuneReceiveWindow = shouldAutoTuneReceiveWindow;
    this.sessionFlowController = sessionFlowController;
    this.lastBlockedSendWindowOffset = 0n;
    this.prevWindowUpdateTime = void 0;
    log4(
      "Created flow controller , setting initial receive window offset to: " + this.receiveWindowOffset + ", max receive window to: " + this.receiveWindowSize + ", max receive window limit to: " + this.receiveWindowSizeLimit + ", setting send window offset to: " + this.sendWindowOffset
    );
  }
  /**
   * @param {Number} bytesConsumed
   */
  addBytesConsumed(bytesConsumed) {
    this.bytesConsumed += BigInt(bytesConsumed);
    log4(" consumed " + bytesConsumed + " bytes.");
    this.maybeSendWindowUpdate();
  }
  /**
   * @param {Number} increaseOffset
   */
  updateHighestReceivedOffset(increaseOffset) {
    log4(
      " highest byte offset increased from " + this.highestReceivedByteOffset,
      " to ",
      this.highestReceivedByteOffset + BigInt(increaseOffset)
    );
    this.highestReceivedByteOffset += BigInt(increaseOffset);
    return true;
  }
  /**
   * @param {Number} nbytesSent
   */
  addBytesSent(nbytesSent) {
    const bytesSent = BigInt(nbytesSent);
    if (this.bytesSent + bytesSent > this.sendWindowOffset) {
      log4(
        " Trying to send an extra " + bytesSent + " bytes, when bytes_sent = " + this.bytesSent + ", and send_window_offset_ = " + this.sendWindowOffset
      );
      this.bytesSent = this.sendWindowOffset;
      this.tocontrol.closeConnection({
        code: 63,
        // QUIC_FLOW_CONTROL_SENT_TOO_MUCH_DATA,
        reason: this.sendWindowOffset - (this.bytesSent + bytesSent) + "bytes over send window offset"
      });
      return;
    }
    this.bytesSent += bytesSent;
    log4(" sent " + bytesSent + " bytes.");
  }
  flowControlViolation() {
    if (this.highestReceivedByteOffset > this.receiveWindowOffset) {
      log4(
        "Flow control violation on , receive window offset: " + this.receiveWindowOffset + ", highest received byte offset: " + this.highestReceivedByteOffset
      );
      return true;
    }
    return false;
  }
  maybeIncreaseMaxWindowSize() {
    const now = Date.now();
    const prev = this.prevWindowUpdateTime;
    this.prevWindowUpdateTime = now;
    if (!prev) {
      log4("first window update for ");
      return;
    }
    if (!this.autoTuneReceiveWindow) {
      return;
    }
    const rtt = this.tocontrol.smoothedRtt();
    if (rtt === 0) {
      log4("rtt zero for ");
      return;
    }
    const sinceLast = now - prev;
    const twoRtt = 2 * rtt;
    if (sinceLast >= twoRtt) {
      return;
    }
    const oldWindow = this.receiveWindowSize;
    this.increaseWindowSize();
    if (this.receiveWindowSize > oldWindow) {
      log4(
        "New max window increase for " + +" after " + sinceLast + " us, and RTT is " + rtt + "us. max wndw: " + this.receiveWindowSize
      );
      if (this.sessionFlowController !== void 0) {
        this.sessionFlowController.ensureWindowAtLeast(
          BigInt(
            _FlowController.kSessionFlowControlMultiplier * Number(this.receiveWindowSize)
          )
        );
      }
    } else {
      log4(
        "Max window at limit for  after " + sinceLast + " us, and RTT is " + rtt + "us. Limit size: " + this.receiveWindowSize
      );
    }
  }
  increaseWindowSize() {
    this.receiveWindowSize *= 2n;
    this.receiveWindowSize = this.receiveWindowSize > this.receiveWindowSizeLimit ? this.receiveWindowSizeLimit : this.receiveWindowSize;
  }
  windowUpdateThreshold() {
    return this.receiveWindowSize / 2n;
  }
  maybeSendWindowUpdate() {
    if (!this.tocontrol.connected()) {
      return;
    }
    const availableWindow = this.receiveWindowOffset - this.bytesConsumed;
    const threshold = this.windowUpdateThreshold();
    if (!this.prevWindowUpdateTime) {
      this.prevWindowUpdateTime = Date.now();
    }
    if (availableWindow >= threshold) {
      log4(
        "Not sending WindowUpdate for , available window: " + availableWindow + " >= threshold: " + threshold
      );
      return;
    }
    this.maybeIncreaseMaxWindowSize();
    this.updateReceiveWindowOffsetAndSendWindowUpdate(availableWindow);
  }
  /**
   * @param {bigint} availableWindow
   */
  updateReceiveWindowOffsetAndSendWindowUpdate(availableWindow) {
    this.receiveWindowOffset += this.receiveWindowSize - availableWindow;
    log4(
      "Sending WindowUpdate frame for , consumed bytes: " + this.bytesConsumed + ", available window: " + availableWindow + ", and threshold: " + this.windowUpdateThreshold() + ", and receive window size: " + this.receiveWindowSize + ". New receive window offset is: " + this.receiveWindowOffset
    );
    this.sendWindowUpdate();
  }
  maybeSendBlocked() {
    if (this.sendWindowSize() !== 0n || this.lastBlockedSendWindowOffset >= this.sendWindowOffset) {
      return;
    }
    log4(
      " is flow control blocked. Send window: " + this.sendWindowSize() + ", bytes sent: " + this.bytesSent + ", send limit: " + this.sendWindowOffset
    );
    this.lastBlockedSendWindowOffset = this.sendWindowOffset;
    this.tocontrol.sendBlocked(this.lastBlockedSendWindowOffset);
  }
  /**
   * @param {bigint} newSendWindowOffset
   */
  updateSendWindowOffset(newSendWindowOffset) {
    if (newSendWindowOffset <= this.sendWindowOffset) {
      return false;
    }
    log4(
      "UpdateSendWindowOffset for  with new offset " + newSendWindowOffset + " current offset: " + this.sendWindowOffset + " bytes_sent: " + this.bytesSent
    );
    const wasPreviouslyBlocked = this.isBlocked();
    this.sendWindowOffset = newSendWindowOffset;
    return wasPreviouslyBlocked;
  }
  /**
   * @param {bigint} windowSize
   */
  ensureWindowAtLeast(windowSize) {
    if (this.receiveWindowSizeLimit >= windowSize) {
      return;
    }
    const availableWindow = this.receiveWindowOffset - this.bytesConsumed;
    this.increaseWindowSize();
    this.updateReceiveWindowOffsetAndSendWindowUpdate(availableWindow);
  }
  isBlocked() {
    return this.sendWindowSize() === 0n;
  }
  sendWindowSize() {
    if (this.bytesSent > this.sendWindowOffset) {
      return 0n;
    }
    return this.sendWindowOffset - this.bytesSent;
  }
  /**
   * @param {bigint} size
   */
  updateReceiveWindowSize(size) {
    log4("UpdateReceiveWindowSize for : " + size);
    if (this.receiveWindowSize !== this.receiveWindowOffset) {
      log4(
        "receive_window_size_:" + this.receiveWindowSize + " != receive_window_offset:" + this.receiveWindowOffset
      );
      return;
    }
    this.receiveWindowSize = size;
    this.receiveWindowOffset = size;
  }
  sendWindowUpdate() {
    this.tocontrol.sendWindowUpdate(this.receiveWindowOffset);
  }
};
var pid5 = typeof process !== "undefined" ? process.pid : 0;
var log5 = logger(`webtransport:http2webtransportstream(${pid5})`);
var processnextTick = (func) => setTimeout(func, 0);
if (typeof process !== "undefined") processnextTick = process.nextTick;
var Http2WebTransportStream = class {
  /**
   * @param {{streamid: bigint,
   * unidirectional: boolean,
   * incoming: boolean,
   * capsuleParser: ParserBase
   * sendWindowOffset: Number,
   * receiveWindowOffset: Number,
   * shouldAutoTuneReceiveWindow: boolean
   * receiveWindowSizeLimit: Number,
   * sessionFlowController: FlowController,
   * streamIdManager: StreamIdManager}} args
   * */
  constructor({
    streamid,
    unidirectional,
    incoming,
    capsuleParser,
    sendWindowOffset,
    receiveWindowOffset,
    shouldAutoTuneReceiveWindow,
    receiveWindowSizeLimit,
    sessionFlowController,
    streamIdManager
  }) {
    this.jsobj = void 0;
    this.streamid = streamid;
    this.incomdata = [];
    this.capsuleParser = capsuleParser;
    this.outgochunks = [];
    this.flowController = new FlowController({
      tocontrol: this,
      sendWindowOffset,
      receiveWindowOffset,
      shouldAutoTuneReceiveWindow,
      receiveWindowSizeLimit,
      sessionFlowController
    });
    this.sessionFlowController = sessionFlowController;
    this.streamIdManager = streamIdManager;
    this.final = false;
    this.finalmessagesend = false;
    this.stopReading_ = true;
    this.drainReads_ = false;
    this.recvBytes = 0;
    this.outgoingClosed_ = false;
    this.incomingClosed_ = false;
    if (unidirectional) {
      if (incoming) {
        this.outgoingClosed_ = true;
      } else {
        this.incomingClosed_ = true;
      }
    }
  }
  sendInitialParameters() {
    this.flowController.sendWindowUpdate();
  }
  /**
   * @param {Object} obj
   * @param {Uint8Array|undefined} obj.data
   * @param {Boolean} obj.fin
   */
  recvData({ data, fin }) {
    this.incomdata.push({ data, fin });
    if (data && data?.byteLength > 0) {
      const checkstream = this.flowController.updateHighestReceivedOffset(
        data?.byteLength
      );
      const checksession = this.sessionFlowController.updateHighestReceivedOffset(data?.byteLength);
      if (checksession && checkstream) {
        if (this.flowController.flowControlViolation() || this.sessionFlowController.flowControlViolation()) {
          this.closeConnection({
            code: 63,
            reason: "Flow control violation after increasing offset"
          });
          return;
        }
      }
    }
    this.processRead();
    if (this.incomdata.length > 0) {
      if (!this.stopReading_) this.processRead();
    }
  }
  processRead() {
    if (!this.jsobj) return;
    let buffer;
    let bufferoffset = 0;
    while (this.incomdata.length > 0 && (!this.stopReading_ || this.drainReads_)) {
      if (!buffer) {
        const bytes = this.incomdata.reduce(
          (prevVal, val) => prevVal + (val && val.data?.byteLength || 0),
          0
        );
        if (bytes > 0) {
          buffer = this.jsobj.getReadBuffer({
            byteSize: this.incomdata.reduce(
              (prevVal, val) => prevVal + (val && val.data?.byteLength || 0),
              0
            )
          });
          buffer.readBytes = 0;
          bufferoffset = 0;
        }
      }
      const cur = this.incomdata.shift();
      if (cur?.data && cur.data.byteLength > 0 && buffer && buffer.buffer) {
        const len = Math.min(
          buffer.buffer.byteLength - bufferoffset,
          cur.data.byteLength
        );
        const srcview = new Uint8Array(
          cur.data.buffer,
          cur.data.byteOffset,
          len
        );
        const destview = new Uint8Array(buffer.buffer.buffer, bufferoffset, len);
        destview.set(srcview);
        bufferoffset += len;
        buffer.readBytes += len;
        buffer.drained = true;
        if (cur.data.byteLength !== len) {
          buffer.drained = false;
          this.incomdata.unshift({
            data: new Uint8Array(
              cur.data.buffer,
              cur.data.byteOffset + len,
              cur.data.byteLength - len
            ),
            fin: cur.fin
          });
          buffer.fin = false;
        } else {
          buffer.fin ||= cur.fin;
        }
        if (this.incomdata.length > 0) buffer.drained = false;
        if (bufferoffset === buffer.buffer.byteLength || this.incomdata.length === 0) {
          this.flowController.addBytesConsumed(buffer.readBytes || 0);
          this.sessionFlowController.addBytesConsumed(buffer.readBytes || 0);
          const { stopReading } = this.jsobj.commitReadBuffer(buffer);
          if (stopReading) this.stopReading_ = true;
          buffer = void 0;
          bufferoffset = 0;
        }
        this.recvBytes += len;
      } else if (cur?.fin) {
        this.jsobj.commitReadBuffer({ fin: true });
      }
    }
  }
  startReading() {
    this.stopReading_ = false;
    this.processRead();
  }
  drainReads() {
    this.drainReads_ = true;
    this.stopReading_ = false;
    this.processRead();
  }
  stopReading() {
    this.stopReading_ = true;
  }
  /**
   * @param {'resetStream'|'stopSending'} type
   */
  onStreamSignal(type) {
    switch (type) {
      case "resetStream":
        this.closeIncoming();
        break;
      case "stopSending":
        this.closeOutgoing();
        break;
    }
  }
  closeIncoming() {
    this.incomingClosed_ = true;
    if (this.outgoingClosed_) this.onClose();
  }
  closeOutgoing() {
    this.outgoingClosed_ = true;
    if (this.incomingClosed_) this.onClose();
  }
  onClose() {
    if (this.closedBothWays_) return;
    this.closedBothWays_ = true;
    this.streamIdManager.onStreamClosed(this.streamid);
  }
  /**
   * @param {Number} code
   */
  stopSending(code) {
    this.closeIncoming();
    this.capsuleParser.writeCapsule({
      type: ParserBase.WT_STOP_SENDING,
      headerVints: [this.streamid, code],
      payload: void 0
    });
    processnextTick(
      () => this.jsobj.onStreamNetworkFinish({
        nettask: "stopSending"
      })
    );
  }
  onFin() {
    this.closeIncoming();
  }
  /**
   * @param {Number} code
   */
  resetStream(code) {
    this.closeOutgoing();
    this.capsuleParser.writeCapsule({
      type: ParserBase.WT_RESET_STREAM,
      headerVints: [this.streamid, code],
      payload: void 0
    });
    processnextTick(
      () => this.jsobj.onStreamNetworkFinish({
        nettask: "resetStream"
      })
    );
  }
  /**
   * @param {Uint8Array} buf
   */
  writeChunk(buf) {
    this.outgochunks.push({ buf, fin: false });
    this.capsuleParser.scheduler.Schedule(this.streamid);
    this.capsuleParser.scheduleDrainWrites();
  }
  hasPendingData() {
    return this.outgochunks.length > 0;
  }
  drainWrites() {
    let finsend = false;
    while (this.outgochunks.length > 0 && (!this.capsuleParser.blocked || this.final || !this.capsuleParser.shouldYieldStream(this.streamid)) && this.flowController.sendWindowSize() > 0n && this.sessionFlowController.sendWindowSize() > 0n) {
      const cur = this.outgochunks.shift();
      let outgoChunkSend = true;
      if (cur) {
        let payload = cur.buf;
        if (payload) {
          if (payload.byteLength === 0 && !cur.fin) {
            throw new WebTransportError(
              "Trying to send zero length capsule without a fin"
            );
          }
          const sessWindow = this.sessionFlowController.sendWindowSize();
          const streamWindow = this.flowController.sendWindowSize();
          if (payload?.byteLength > streamWindow || payload?.byteLength > sessWindow) {
            const len = sessWindow > streamWindow ? Number(streamWindow) : Number(sessWindow);
            {
              const src = new Uint8Array(
                payload.buffer,
                payload.byteOffset + len,
                payload.byteLength - len
              );
              const dest = new Uint8Array(payload.byteLength - len);
              dest.set(src);
              this.outgochunks.unshift({ fin: cur.fin, buf: dest });
              outgoChunkSend = false;
            }
            cur.fin = false;
            payload = cur.buf = new Uint8Array(
              payload.buffer,
              payload.byteOffset,
              len
            );
          }
        }
        this.capsuleParser.writeCapsule({
          type: cur?.fin ? ParserBase.WT_STREAM_WFIN : ParserBase.WT_STREAM_WOFIN,
          headerVints: [this.streamid],
          payload
        });
        finsend ||= !!cur?.fin;
        if (payload) {
          this.flowController.addBytesSent(payload?.byteLength);
          this.sessionFlowController.addBytesSent(payload?.byteLength);
        }
      }
      if (outgoChunkSend) {
        this.jsobj.onStreamWrite({
          success: true
        });
      }
    }
    if (finsend) {
      this.capsuleParser.removeStream(this.streamid);
      this.closeOutgoing();
      return;
    }
    if (!(!this.capsuleParser.blocked || this.final || !this.capsuleParser.shouldYieldStream(this.streamid)) && this.outgochunks.length > 0) {
      this.capsuleParser.scheduleDrainWriteStream(this.streamid);
    }
    if (this.final && this.outgochunks.length === 0 && !this.finalmessagesend) {
      processnextTick(() => {
        this.jsobj.onStreamNetworkFinish({
          nettask: "streamFinal"
        });
      });
      this.finalmessagesend = true;
    }
  }
  streamFinal() {
    this.final = true;
    this.outgochunks.push({ fin: true });
    this.capsuleParser.scheduleDrainWriteStream(this.streamid);
    this.capsuleParser.scheduleDrainWrites();
  }
  /**
   *
   * @param {{sendOrder: number, sendGroupId: bigint}} args
   */
  updateSendOrderAndGroup({ sendOrder, sendGroupId }) {
    this.capsuleParser.streamUpdateSendOrderAndGroup(this.streamid, {
      sendOrder,
      sendGroupId
    });
  }
  /**
   * @param {bigint} windowOffset
   */
  sendWindowUpdate(windowOffset) {
    log5("sendwindow offset stream:", windowOffset);
    this.capsuleParser.writeCapsule({
      type: ParserBase.WT_MAX_STREAM_DATA,
      headerVints: [this.streamid, windowOffset],
      payload: void 0
    });
  }
  /**
   * @param {bigint} windowOffset
   */
  sendBlocked(windowOffset) {
    this.capsuleParser.writeCapsule({
      type: ParserBase.WT_STREAM_DATA_BLOCKED,
      headerVints: [this.streamid, windowOffset],
      payload: void 0
    });
  }
  /**
   * @param {bigint} pos
   */
  reportBlocked(pos) {
    log5("Stream id: ", this.streamid, " was blocked at:", pos);
  }
  connected() {
    return this.jsobj.parentobj.state === "connected";
  }
  /**
   * @param {{ code: number, reason: string }} arg
   */
  closeConnection({ code, reason }) {
    if (this.jsobj.parentobj?.objint)
      this.jsobj.parentobj.objint.closeConnection({ code, reason });
  }
  smoothedRtt() {
    if (this.jsobj.parentobj?.objint)
      return this.jsobj.parentobj.objint.smoothedRtt();
  }
};
function sendGroupIdToKey(sendGroupId) {
  return sendGroupId.toString();
}
function streamIdToKey(streamId) {
  return streamId.toString();
}
var StreamEntry = class {
  /**
   * @param {SendOrder} priority
   */
  constructor(priority) {
    this.priority = priority;
    this.currentSequenceNumber = void 0;
  }
  scheduled() {
    return typeof this.currentSequenceNumber !== "undefined";
  }
};
function compareStreamEntries(a, b) {
  if (a.priority > b.priority) {
    return -1;
  } else if (a.priority === b.priority) {
    if (a.sequenceNumber > b.sequenceNumber) {
      return -1;
    } else if (a.sequenceNumber === b.sequenceNumber) {
      return 0;
    } else {
      return 1;
    }
  } else {
    return 1;
  }
}
function compareFullStreamEntries(a, b) {
  return compareStreamEntries(a.scheduleKey, b.scheduleKey);
}
var BTreeScheduler = class _BTreeScheduler {
  constructor() {
    this.streams_ = {};
    this.schedule_ = [];
    this.currentWriteSequenceNumber_ = 0;
  }
  // Returns true if there are any streams registered.
  HasRegistered() {
    return Object.keys(this.streams_).length !== 0;
  }
  // Returns true if there are any streams scheduled.
  HasScheduled() {
    return Object.keys(this.schedule_).length !== 0;
  }
  // Returns the number of currently scheduled streams.
  NumScheduled() {
    return Object.keys(this.schedule_).length;
  }
  // Returns the total number of currently registered streams.
  NumRegistered() {
    return Object.keys(this.streams_).length;
  }
  // Counts the number of scheduled entries in the range [min, max].  If either
  // min or max is omitted, negative or positive infinity is assumed.
  /**
   * @param {number} min
   * @param {number} max
   */
  NumScheduledInPriorityRange(min, max) {
    const begin = typeof max !== "undefined" ? this.schedule_.findIndex((el) => el.scheduleKey.priority <= max) : 0;
    const end = typeof min !== "undefined" ? this.schedule_.findIndex((el) => el.scheduleKey.priority >= min) : this.schedule_.length;
    return end - begin;
  }
  // Returns true if there is a stream that would go before `id` in the
  // schedule.
  /**
   * @param {StreamId} streamId
   */
  ShouldYield(streamId) {
    const stream = this.streams_[streamIdToKey(streamId)];
    if (!stream) {
      throw new Error("ID not registered");
    }
    if (this.schedule_.length === 0) {
      return false;
    }
    const next = this.schedule_[0];
    if (_BTreeScheduler.StreamId(next) == streamId) {
      return false;
    }
    return next.scheduleKey.priority >= stream.priority;
  }
  // Returns the priority for `id`, or nullopt if stream is not registered.
  /**
   * @param {StreamId} id
   */
  GetPriorityFor(id) {
    const it = this.streams_[streamIdToKey(id)];
    if (!it) {
      return void 0;
    }
    return it.priority;
  }
  // Pops the highest priority stream.  Will fail if the schedule is empty.
  PopFront() {
    if (this.schedule_.length === 0) {
      return void 0;
    }
    const scheduleIt = this.schedule_[0];
    scheduleIt.fullStreamEntry.streamEntry.currentSequenceNumber = void 0;
    const result = _BTreeScheduler.StreamId(scheduleIt);
    this.schedule_.shift();
    return result;
  }
  // Registers the specified stream with the supplied priority.  The stream must
  // not be already registered.
  /**
   * @param {StreamId} streamId
   * @param {Priority} priority
   */
  Register(streamId, priority) {
    if (this.streams_[streamIdToKey(streamId)]) {
      throw new Error("ID already registered");
    }
    this.streams_[streamIdToKey(streamId)] = new StreamEntry(priority.sendOrder);
  }
  // Unregisters a previously registered stream.
  /**
   * @param {StreamId} streamId
   */
  Unregister(streamId) {
    const it = (
      /** @type {StreamEntry|undefined} */
      this.streams_[streamIdToKey(streamId)]
    );
    if (!it) {
      throw new Error("Stream not registered");
    }
    if (it.scheduled()) {
      this.DescheduleStream(it);
    }
    delete this.streams_[streamIdToKey(streamId)];
  }
  // Alters the priority of an already registered stream.
  /**
   * @param {StreamId} streamId
   * @param {SendOrder} newPriority
   */
  UpdatePriority(streamId, newPriority) {
    const stream = this.streams_[streamIdToKey(streamId)];
    if (!stream) {
      return new Error("ID not registered");
    }
    let sequenceNumber;
    if (stream.scheduled()) {
      const oldEntry = this.DescheduleStream(stream);
      sequenceNumber = oldEntry.scheduleKey.sequenceNumber;
    }
    stream.priority = newPriority;
    if (sequenceNumber) {
      this.schedule_.push({
        scheduleKey: { priority: stream.priority, sequenceNumber },
        fullStreamEntry: {
          iD: streamId,
          streamEntry: stream
        }
      });
      this.schedule_.sort(compareFullStreamEntries);
    }
  }
  // Adds the `stream` into the schedule if it's not already there.
  /**
   * @param {StreamId} streamId
   */
  Schedule(streamId) {
    const streamIt = this.streams_[streamIdToKey(streamId)];
    if (!streamIt) {
      return new Error("ID not registered");
    }
    if (streamIt.scheduled()) {
      return;
    }
    const newElement = {
      scheduleKey: {
        priority: streamIt.priority,
        sequenceNumber: --this.currentWriteSequenceNumber_
      },
      fullStreamEntry: {
        iD: streamId,
        streamEntry: streamIt
      }
    };
    this.schedule_.push(newElement);
    this.schedule_.sort(compareFullStreamEntries);
    streamIt.currentSequenceNumber = newElement.scheduleKey.sequenceNumber;
  }
  // Deschedules a stream that is known to be currently scheduled.
  /**
   * @param {StreamId} streamId
   */
  Deschedule(streamId) {
    const stream = this.streams_[streamIdToKey(streamId)];
    if (!stream) {
      throw new Error("Stream not registered");
    }
    if (!stream.scheduled()) {
      throw new Error("Stream not scheduled");
    }
    this.DescheduleStream(stream);
    stream.currentSequenceNumber = void 0;
  }
  // Returns true if `stream` is in the schedule.
  /**
   * @param {StreamId} streamId
   */
  IsScheduled(streamId) {
    const streamIt = this.streams_[streamIdToKey(streamId)];
    if (!streamIt) {
      return false;
    }
    return streamIt.scheduled();
  }
  /*
  using FullScheduleEntry = std::pair<const ScheduleKey, FullStreamEntry*>;
  using ScheduleIterator =
      typename absl::btree_map<ScheduleKey, FullStreamEntry*>::const_iterator;*/
  // Convenience method to get the stream ID for a schedule entry.
  /**
   * @param {{scheduleKey: ScheduleKey, fullStreamEntry: FullStreamEntry}} entry
   */
  static StreamId(entry) {
    return entry.fullStreamEntry.iD;
  }
  // Removes a stream from the schedule, and returns the old entry if it were
  // present.
  /**
   * @param {StreamEntry} entry
   */
  DescheduleStream(entry) {
    const it = this.schedule_.findIndex(
      (el) => entry.priority === el.scheduleKey.priority && entry.currentSequenceNumber === el.fullStreamEntry.streamEntry.currentSequenceNumber
    );
    if (it === -1) {
      throw new Error(
        "Calling DescheduleStream() on an entry that is not in the schedule at the expected key."
      );
    }
    const result = this.schedule_[it];
    this.schedule_.splice(it, 1);
    return result;
  }
};
var PriorityScheduler = class {
  constructor() {
    this.activeGroups_ = new BTreeScheduler();
    this.perGroupSchedulers_ = {};
    this.streamToGroupMap_ = {};
  }
  // Returns true if there are any streams registered.
  HasRegistered() {
    return this.activeGroups_.HasRegistered();
  }
  // Returns true if there are any streams scheduled.
  HasScheduled() {
    return this.activeGroups_.HasScheduled();
  }
  // Returns the number of currently scheduled streams.
  NumScheduled() {
    let total = 0;
    for (const [, groupScheduler] of Object.entries(this.perGroupSchedulers_)) {
      total += groupScheduler.NumScheduled();
    }
    return total;
  }
  // Registers the specified stream with the supplied priority.  The stream must
  // not be already registered.
  /**
   * @param {StreamId} streamId
   * @param {Priority} priority
   */
  Register(streamId, priority) {
    if (this.streamToGroupMap_[streamIdToKey(streamId)]) {
      throw new Error("Provided stream ID already registered");
    }
    if (!this.perGroupSchedulers_[sendGroupIdToKey(priority.sendGroupId)]) {
      this.perGroupSchedulers_[sendGroupIdToKey(priority.sendGroupId)] = new BTreeScheduler();
      this.activeGroups_.Register(priority.sendGroupId, priority);
    }
    const scheduler = this.perGroupSchedulers_[sendGroupIdToKey(priority.sendGroupId)];
    this.streamToGroupMap_[streamIdToKey(streamId)] = {
      sendGroupId: priority.sendGroupId,
      perGroupScheduler: scheduler
    };
    scheduler.Register(streamId, priority);
  }
  // Unregisters a previously registered stream.
  /**
   * @param {StreamId} streamId
   */
  Unregister(streamId) {
    const stream = this.streamToGroupMap_[streamIdToKey(streamId)];
    if (!stream) {
      throw new Error("Stream ID not registered");
    }
    const groupId = stream.sendGroupId;
    const groupScheduler = stream.perGroupScheduler;
    delete this.streamToGroupMap_[streamIdToKey(streamId)];
    groupScheduler.Unregister(streamId);
    if (!groupScheduler.HasRegistered()) {
      delete this.perGroupSchedulers_[sendGroupIdToKey(groupId)];
      this.activeGroups_.Unregister(groupId);
    }
  }
  // Alters the priority of an already registered stream.
  /**
   * @param {StreamId} streamId
   * @param {number} newSendOrder
   */
  UpdateSendOrder(streamId, newSendOrder) {
    const scheduler = this.SchedulerForStream(streamId);
    if (!scheduler) {
      throw new Error("Stream ID not registered");
    }
    return scheduler.UpdatePriority(streamId, newSendOrder);
  }
  /**
   * @param {StreamId} streamId
   * @param {SendGroupId} newSendGroup
   */
  UpdateSendGroup(streamId, newSendGroup) {
    const scheduler = this.SchedulerForStream(streamId);
    if (!scheduler) {
      throw new Error("Stream ID not registered");
    }
    const isScheduled = scheduler.IsScheduled(streamId);
    const sendOrder = scheduler.GetPriorityFor(streamId);
    if (sendOrder == null) {
      throw new Error(
        "Stream registered at the top level scheduler, but not at the per-group one"
      );
    }
    this.Unregister(streamId);
    this.Register(streamId, { sendGroupId: newSendGroup, sendOrder });
    if (isScheduled) {
      this.Schedule(streamId);
    }
  }
  // Returns true if there is a stream that would go before `id` in the
  // schedule.
  /**
   * @param {StreamId} streamId
   */
  ShouldYield(streamId) {
    const stream = this.streamToGroupMap_[streamIdToKey(streamId)];
    if (!stream) {
      throw new Error("Stream ID not registered");
    }
    const { sendGroupId, perGroupScheduler } = stream;
    const perGroupResult = this.activeGroups_.ShouldYield(sendGroupId);
    if (perGroupResult) {
      return true;
    }
    return perGroupScheduler.ShouldYield(streamId);
  }
  // Returns the priority for `id`, or nullopt if stream is not registered.
  /**
   * @param {StreamId} streamId
   */
  GetPriorityFor(streamId) {
    const stream = this.streamToGroupMap_[streamIdToKey(streamId)];
    if (!stream) {
      return null;
    }
    const { sendGroupId, perGroupScheduler } = stream;
    const sendOrder = perGroupScheduler.GetPriorityFor(streamId);
    if (!sendOrder) {
      return null;
    }
    return { sendGroupId, sendOrder };
  }
  // Pops the highest priority stream.  Will fail if the schedule is empty.
  PopFront() {
    const groupId = this.activeGroups_.PopFront();
    if (typeof groupId === "undefined") {
      return void 0;
    }
    const scheduler = this.perGroupSchedulers_[sendGroupIdToKey(groupId)];
    if (!scheduler) {
      throw new Error("Scheduled a group with no per-group scheduler attached");
    }
    const result = scheduler.PopFront();
    if (typeof result === "undefined") {
      return void 0;
    }
    if (scheduler.HasScheduled()) {
      this.activeGroups_.Schedule(groupId);
    }
    return result;
  }
  // Adds `stream` to the schedule if it's not already there.
  /**
   * @param {StreamId} streamId
   */
  Schedule(streamId) {
    const it = this.streamToGroupMap_[streamIdToKey(streamId)];
    if (!it) {
      return new Error("Stream ID not registered");
    }
    const { sendGroupId, perGroupScheduler } = it;
    this.activeGroups_.Schedule(sendGroupId);
    return perGroupScheduler.Schedule(streamId);
  }
  // Returns true if `stream` is in the schedule.
  /**
   * @param {StreamId} streamId
   */
  IsScheduled(streamId) {
    const scheduler = this.SchedulerForStream(streamId);
    if (!scheduler) {
      return false;
    }
    return scheduler.IsScheduled(streamId);
  }
  /*
  // All groups currently have the equal priority; this type represents the said
  // single priority.
  class SinglePriority {
      public:
          bool operator== (const SinglePriority&) const { return true; }
         bool operator != (const SinglePriority&) const { return false; }
     
         bool operator < (const SinglePriority&) const { return false; }
         bool operator > (const SinglePriority&) const { return false; }
         bool operator <= (const SinglePriority&) const { return true; }
         bool operator >= (const SinglePriority&) const { return true; }
       };
  
       */
  /**
   * @param {StreamId} streamId
   */
  SchedulerForStream(streamId) {
    const it = this.streamToGroupMap_[streamIdToKey(streamId)];
    if (!it) {
      return void 0;
    }
    return it.perGroupScheduler;
  }
};
var pid6 = typeof process !== "undefined" ? process.pid : 0;
var log6 = logger(`webtransport:parserbase(${pid6})`);
function lengthVarInt(int) {
  if (BigInt(int) < 64n) return 1;
  if (BigInt(int) < 16384n) return 2;
  if (BigInt(int) < 1073741824n) return 4;
  return 8;
}
var ParserBase = class _ParserBase {
  static PADDING = 420171064;
  static WT_RESET_STREAM = 420171065;
  static WT_STOP_SENDING = 420171066;
  static WT_STREAM_WOFIN = 420171067;
  static WT_STREAM_WFIN = 420171068;
  static WT_MAX_DATA = 420171069;
  static WT_MAX_STREAM_DATA = 420171070;
  static WT_MAX_STREAMS_BIDI = 420171071;
  static WT_MAX_STREAMS_UNIDI = 420171072;
  static WT_DATA_BLOCKED = 420171073;
  static WT_STREAM_DATA_BLOCKED = 420171074;
  static WT_STREAMS_BLOCKED_UNIDI = 420171075;
  static WT_STREAMS_BLOCKED_BIDI = 420171076;
  static WT_CLOSE_SESSION = 10307;
  static WT_DRAIN_SESSION = 30894;
  static DATAGRAM = 0;
  /**
   * @param {any} arg
   */
  constructor({
    nativesession,
    isclient,
    initialStreamSendWindowOffsetBidi,
    initialStreamSendWindowOffsetUnidi,
    initialStreamReceiveWindowOffset,
    streamShouldAutoTuneReceiveWindow,
    streamReceiveWindowSizeLimit
  }) {
    this.session = nativesession;
    this.isclient = isclient;
    this.blocked = false;
    this.initialStreamSendWindowOffsetUnidi = initialStreamSendWindowOffsetUnidi;
    this.initialStreamSendWindowOffsetBidi = initialStreamSendWindowOffsetBidi;
    this.initialStreamReceiveWindowOffset = initialStreamReceiveWindowOffset;
    this.streamShouldAutoTuneReceiveWindow = streamShouldAutoTuneReceiveWindow;
    this.streamReceiveWindowSizeLimit = streamReceiveWindowSizeLimit;
    this.wtstreams = /* @__PURE__ */ new Map();
    this.scheduler = new PriorityScheduler();
  }
  /**
   * @abstract
   * @param {Buffer|Uint8Array} data
   */
  // eslint-disable-next-line no-unused-vars
  parseData(data) {
    throw new Error("Implement parseData in derived Class");
  }
  /**
   * @abstract
   * @param{{type: Number, headerVints: Array<Number|bigint>, payload: Uint8Array|undefined, end?: () => void}} bs
   */
  // eslint-disable-next-line no-unused-vars
  writeCapsule({ type, headerVints, payload, end }) {
    throw new Error("Implement writeCapsule in derived Class");
  }
  /**
   * @abstract
   * @return{boolean}
   */
  initialParametersMandatory() {
    throw new Error("Implement initialParametersMandatory in derived Class");
  }
  /**
   * @param{{code: Number, reason: string}}arg
   */
  sendClose({ code, reason }) {
    const encoder = new TextEncoder();
    const payload = encoder.encode("AAAA" + reason);
    payload[0] = code >> 24 & 255;
    payload[1] = code >> 16 & 255;
    payload[2] = code >> 8 & 255;
    payload[3] = code & 255;
    this.writeCapsule({
      type: _ParserBase.WT_CLOSE_SESSION,
      headerVints: [],
      payload,
      end: () => {
        this.closeHttp2Stream(code);
      }
    });
  }
  /**
   * @param {bigint} streamid
   * @param {{sendOrder: number,sendGroupId: bigint}} priority
   */
  newStream(streamid, priority) {
    const incoming = this.isclient ? !(streamid & 0x1n) : !!(streamid & 0x1n);
    const streamIdManager = streamid & 0x2n ? this.session.streamIdMngrUni : this.session.streamIdMngrBi;
    if (incoming) {
      const res = streamIdManager.maybeIncreaseLargestPeerStreamId(streamid);
      if (res.error) {
        this.session.closeConnection({
          code: 20,
          // QUIC_STREAM_STREAM_CREATION_ERROR , // probably the right one...
          reason: res.error
        });
        return void 0;
      }
    }
    const unidirectional = !!(streamid & 0x2n);
    const stream = new Http2WebTransportStream({
      streamid,
      unidirectional,
      incoming,
      capsuleParser: this,
      sendWindowOffset: unidirectional ? this.initialStreamSendWindowOffsetUnidi : this.initialStreamSendWindowOffsetBidi,
      receiveWindowOffset: this.initialStreamReceiveWindowOffset,
      shouldAutoTuneReceiveWindow: this.streamShouldAutoTuneReceiveWindow,
      receiveWindowSizeLimit: this.streamReceiveWindowSizeLimit,
      sessionFlowController: this.session.flowController,
      streamIdManager
    });
    this.wtstreams.set(streamid, stream);
    this.scheduler.Register(streamid, priority);
    this.session.jsobj.onStream({
      bidirectional: !(streamid & 0x2n),
      incoming,
      stream,
      sendGroupId: priority.sendGroupId,
      sendOrder: priority.sendOrder
    });
    return stream;
  }
  scheduleDrainWrites() {
    if (this._scheduledDrainWriteCall) return;
    const prom = Promise.resolve();
    this._scheduledDrainWriteCall = prom;
    prom.then(() => {
      delete this._scheduledDrainWriteCall;
      this.drainWrites();
    }).catch((error) => log6("Error in drainWrites", error));
  }
  drainWrites() {
    if (!this.blocked) this.session.drainWrites();
    while (!this.blocked) {
      const frontId = this.scheduler.PopFront();
      if (typeof frontId === "undefined") break;
      const stream = this.wtstreams.get(frontId);
      if (!stream) break;
      stream.drainWrites();
    }
  }
  /**
   * @param {bigint|undefined} val
   */
  onMaxData(val) {
    if (val && this.session.flowController.updateSendWindowOffset(val)) {
      let pending = false;
      this.wtstreams.forEach((stream, streamid) => {
        if (stream.hasPendingData()) {
          pending = true;
          this.scheduleDrainWriteStream(streamid);
        }
      });
      if (pending) this.drainWrites();
    }
  }
  /**
   * @param {bigint} streamid
   * @param {bigint} offset
   */
  onMaxStreamData(streamid, offset) {
    const object = this.wtstreams.get(streamid);
    if (object && offset) {
      if (object.flowController.updateSendWindowOffset(offset)) {
        this.scheduleDrainWriteStream(streamid);
        this.drainWrites();
      }
    }
  }
  /**
   * @param {bigint|undefined} maxOpenStreams
   */
  onMaxStreamUniDi(maxOpenStreams) {
    if (typeof maxOpenStreams === "undefined") return;
    this.session.streamIdMngrUni.maybeAllowNewOutgoingStreams(maxOpenStreams);
    this.session.trySendingUnidirectionalStreams();
  }
  /**
   * @param {bigint|undefined} maxOpenStreams
   */
  onMaxStreamBiDi(maxOpenStreams) {
    if (typeof maxOpenStreams === "undefined") return;
    this.session.streamIdMngrBi.maybeAllowNewOutgoingStreams(maxOpenStreams);
    this.session.trySendingBidirectionalStreams();
  }
  /**
   * @param {bigint|undefined} val
   */
  onDataBlocked(val) {
    log6("Session received blocked frame " + val);
  }
  /**
   * @param {bigint} streamid
   * @param {bigint} offset
   */
  onStreamDataBlocked(streamid, offset) {
    log6("Stream " + streamid + " received blocked frame " + offset);
  }
  /**
   * @param {bigint|undefined} maxstreams
   */
  onStreamsBlockedBidi(maxstreams) {
    if (typeof maxstreams === "undefined") return;
    const ret = this.session.streamIdMngrBi.onStreamsBlockedFrame(maxstreams);
    if (ret.error) {
      this.session.closeConnection({
        code: 105,
        // QUIC_STREAMS_BLOCKED_DATA , // probably the right one...
        reason: ret.error
      });
    }
  }
  /**
   * @param {bigint|undefined} maxstreams
   */
  onStreamsBlockedUnidi(maxstreams) {
    if (typeof maxstreams === "undefined") return;
    const ret = this.session.streamIdMngrUni.onStreamsBlockedFrame(maxstreams);
    if (ret.error) {
      this.session.closeConnection({
        code: 105,
        // QUIC_STREAMS_BLOCKED_DATA , // probably the right one...
        reason: ret.error
      });
    }
  }
  /**
   * @param {{code:  number, reason: string}} opts
   */
  onCloseWebTransportSession({ code, reason }) {
    this.session.jsobj.onClose({
      errorcode: code,
      error: reason
    });
    this.closeHttp2Stream(code);
  }
  onDrain() {
    this.session.jsobj.onGoAwayReceived();
  }
  /**
   *
   * @param {bigint} streamid
   */
  shouldYieldStream(streamid) {
    return this.scheduler.ShouldYield(streamid);
  }
  /**
   *
   * @param {bigint} streamid
   */
  scheduleDrainWriteStream(streamid) {
    this.scheduler.Schedule(streamid);
  }
  /**
   *
   * @param {bigint} streamid
   */
  removeStream(streamid) {
    this.scheduler.Unregister(streamid);
  }
  /**
   *
   * @param {bigint} streamid
   * @param {{sendOrder: number, sendGroupId: bigint}} arg2
   */
  streamUpdateSendOrderAndGroup(streamid, { sendOrder, sendGroupId }) {
    this.scheduler.UpdateSendGroup(streamid, sendGroupId);
    this.scheduler.UpdateSendOrder(streamid, sendOrder);
  }
  /**
   * @param {number} code
   */
  // eslint-disable-next-line no-unused-vars
  closeHttp2Stream(code) {
    throw new Error("Implement closeHttp2Stream in derived Class");
  }
};
function GetMaxStreamCount() {
  return (0xffffffffn >> 2n) + 1n;
}
var pid7 = typeof process !== "undefined" ? process.pid : 0;
var log7 = logger(`webtransport:streamidmanager(${pid7})`);
var StreamIdManager = class {
  /**
   * @param {{delegate: StreamIdClient
   * unidirectional: boolean,
   * isclient: boolean,
   * maxAllowedOutgoingStreams: number,
   * maxAllowedIncomingStreams: number}} arg
   */
  constructor({
    delegate,
    unidirectional,
    isclient,
    maxAllowedOutgoingStreams,
    maxAllowedIncomingStreams
  }) {
    this.delegate = delegate;
    this.unidirectional = unidirectional;
    this.isclient = isclient;
    this.outgoingMaxStreams = BigInt(maxAllowedOutgoingStreams);
    this.nextOutgoingStreamId = this.getFirstOutgoingStreamId();
    this.outgoingStreamCount = 0n;
    this.incomingActualMaxStreams = BigInt(maxAllowedIncomingStreams);
    this.incomingAdvertisedMaxStreams = BigInt(maxAllowedIncomingStreams);
    this.incomingInitialMaxOpenStreams = BigInt(maxAllowedIncomingStreams);
    this.incomingStreamCount = 0n;
    this.availableStreams = /* @__PURE__ */ new Set();
    this.largestPeerCreatedStreamId = BigInt(Number.MAX_SAFE_INTEGER);
    this.stopIncreasingIncomingMaxStreams = false;
  }
  /**
   * @param {bigint} streamCount
   */
  onStreamsBlockedFrame(streamCount) {
    if (streamCount > this.incomingAdvertisedMaxStreams) {
      return {
        error: "StreamsBlockedFrame's stream count " + streamCount + " exceeds incoming max stream " + this.incomingAdvertisedMaxStreams
      };
    }
    if (this.incomingAdvertisedMaxStreams === this.incomingActualMaxStreams) {
      return { success: true };
    }
    if (streamCount < this.incomingActualMaxStreams && this.delegate.canSendMaxStreams()) {
      this.sendMaxStreamsFrame();
    }
    return { success: true };
  }
  /**
   * @param {bigint} maxOpenStreams
   */
  maybeAllowNewOutgoingStreams(maxOpenStreams) {
    if (maxOpenStreams <= this.outgoingMaxStreams) {
      return false;
    }
    const maxStreamCount = GetMaxStreamCount();
    if (maxOpenStreams < maxStreamCount)
      this.outgoingMaxStreams = maxOpenStreams;
    else this.outgoingMaxStreams = maxStreamCount;
    return true;
  }
  /**
   * @param {bigint} maxOpenStreams
   */
  setMaxOpenIncomingStreams(maxOpenStreams) {
    if (this.incomingStreamCount > 0)
      throw new Error(
        "non-zero incoming stream count " + this.incomingStreamCount + +" when setting max incoming stream to " + maxOpenStreams
      );
    if (this.incomingInitialMaxOpenStreams !== maxOpenStreams)
      log7(
        this.unidirectional ? "unidirectional " : "bidirectional: ",
        "incoming stream limit changed from ",
        this.incomingInitialMaxOpenStreams,
        " to ",
        maxOpenStreams
      );
    this.incomingActualMaxStreams = maxOpenStreams;
    this.incomingAdvertisedMaxStreams = maxOpenStreams;
    this.incomingInitialMaxOpenStreams = maxOpenStreams;
  }
  maybeSendMaxStreamsFrame() {
    const divisor = 2n;
    if (divisor > 0n) {
      if (this.incomingAdvertisedMaxStreams - this.incomingStreamCount > this.incomingInitialMaxOpenStreams / divisor) {
        return;
      }
    }
    if (this.delegate.canSendMaxStreams() && this.incomingAdvertisedMaxStreams < this.incomingActualMaxStreams) {
      this.sendMaxStreamsFrame();
    }
  }
  sendMaxStreamsFrame() {
    if (this.incomingAdvertisedMaxStreams >= this.incomingActualMaxStreams)
      throw new Error(
        "this.incomingAdvertisedMaxStreams >= this.incomingActualMaxStreams" + this.incomingAdvertisedMaxStreams + "vs." + this.incomingActualMaxStreams
      );
    this.incomingAdvertisedMaxStreams = this.incomingActualMaxStreams;
    this.delegate.sendMaxStreams(
      this.incomingAdvertisedMaxStreams,
      this.unidirectional
    );
  }
  sendMaxStreamsFrameInitial() {
    this.delegate.sendMaxStreams(
      this.incomingAdvertisedMaxStreams,
      this.unidirectional
    );
  }
  /**
   * @param {bigint} streamId
   */
  onStreamClosed(streamId) {
    if (this.isclient && streamId & 0x1n || !this.isclient && !(streamId & 0x1n))
      return;
    if (this.incomingActualMaxStreams === GetMaxStreamCount()) {
      return;
    }
    if (!this.stopIncreasingIncomingMaxStreams) {
      this.incomingActualMaxStreams++;
      this.maybeSendMaxStreamsFrame();
    }
  }
  getNextOutgoingStreamId() {
    if (this.outgoingStreamCount >= this.outgoingMaxStreams)
      throw new Error(
        "Attempt to allocate a new outgoing stream that would exceed the limit (" + +Number(this.outgoingMaxStreams) + ")"
      );
    const id = this.nextOutgoingStreamId;
    this.nextOutgoingStreamId += 1n << 2n;
    this.outgoingStreamCount++;
    return id;
  }
  canOpenNextOutgoingStream() {
    return this.outgoingStreamCount < this.outgoingMaxStreams;
  }
  isMaxStreamSet() {
    return this.outgoingMaxStreams > 0n;
  }
  /**
   * @param {bigint} streamId
   */
  maybeIncreaseLargestPeerStreamId(streamId) {
    if (this.availableStreams.has(streamId)) {
      this.availableStreams.delete(streamId);
      return true;
    }
    const delta = 1n << 2n;
    const leastNewStreamId = this.largestPeerCreatedStreamId === BigInt(Number.MAX_SAFE_INTEGER) ? this.getFirstIncomingStreamId() : this.largestPeerCreatedStreamId + delta;
    const streamCountIncrement = (streamId - leastNewStreamId) / delta + 1n;
    if (this.incomingStreamCount + streamCountIncrement > this.incomingAdvertisedMaxStreams) {
      log7(
        "Failed to create a new incoming stream with id:" + streamId + ", reaching MAX_STREAMS limit: " + this.incomingAdvertisedMaxStreams + "."
      );
      return {
        error: "Stream id " + streamId + " would exceed stream count limit " + this.incomingAdvertisedMaxStreams
      };
    }
    for (let id = leastNewStreamId; id < streamId; id += delta) {
      this.availableStreams.add(id);
    }
    this.incomingStreamCount += streamCountIncrement;
    this.largestPeerCreatedStreamId = streamId;
    return true;
  }
  /**
   * @param {number} id
   */
  isAvailableStream(id) {
    if (this.isclient && id & 1 || !this.isclient && !(id & 1)) {
      return id >= this.nextOutgoingStreamId;
    }
    return this.largestPeerCreatedStreamId === BigInt(Number.MAX_SAFE_INTEGER) || id > this.largestPeerCreatedStreamId || this.availableStreams.has(id);
  }
  getFirstOutgoingStreamId() {
    let streamid = 0n;
    if (this.isclient) streamid |= 0x1n;
    if (this.unidirectional) streamid |= 0x2n;
    return streamid;
  }
  getFirstIncomingStreamId() {
    let streamid = 0n;
    if (!this.isclient) streamid |= 0x1n;
    if (this.unidirectional) streamid |= 0x2n;
    return streamid;
  }
  get availableIncomingStreams() {
    return this.incomingAdvertisedMaxStreams - this.incomingStreamCount;
  }
};
var pid8 = typeof process !== "undefined" ? process.pid : 0;
var log8 = logger(`webtransport:http2webtransportsession(${pid8})`);
var processnextTick2 = (func) => setTimeout(func, 0);
if (typeof process !== "undefined") processnextTick2 = process.nextTick;
var Http2WebTransportSession = class {
  /**
   * @param {{stream?: Http2Stream, ws?: WebSocket, isclient:boolean,
   * createParser:any
   * sendWindowOffset: Number,
   * receiveWindowOffset: Number,
   * shouldAutoTuneReceiveWindow: boolean
   * receiveWindowSizeLimit: Number,
   * initialBidirectionalSendStreams: Number,
   * initialBidirectionalReceiveStreams: Number,
   * initialUnidirectionalSendStreams: Number,
   * initialUnidirectionalReceiveStreams: Number}} args
   * */
  constructor({
    stream,
    ws,
    isclient,
    createParser,
    sendWindowOffset,
    receiveWindowOffset,
    shouldAutoTuneReceiveWindow,
    receiveWindowSizeLimit,
    initialBidirectionalSendStreams,
    initialBidirectionalReceiveStreams,
    initialUnidirectionalSendStreams,
    initialUnidirectionalReceiveStreams
  }) {
    this.jsobj = void 0;
    if (stream) {
      this.stream = stream;
    } else if (ws) {
      this.ws = ws;
    } else throw new Error("Neither stream or websocket supplied");
    this.capsParser = createParser(this);
    this.isclient = isclient;
    this.flowController = new FlowController({
      tocontrol: this,
      sendWindowOffset,
      receiveWindowOffset,
      shouldAutoTuneReceiveWindow,
      receiveWindowSizeLimit
    });
    this.streamIdMngrUni = new StreamIdManager({
      delegate: this,
      unidirectional: true,
      isclient,
      maxAllowedIncomingStreams: initialUnidirectionalReceiveStreams,
      maxAllowedOutgoingStreams: initialUnidirectionalSendStreams
    });
    this.streamIdMngrBi = new StreamIdManager({
      delegate: this,
      unidirectional: false,
      isclient,
      maxAllowedIncomingStreams: initialBidirectionalReceiveStreams,
      maxAllowedOutgoingStreams: initialBidirectionalSendStreams
    });
    this.datagramsWaiting_ = [];
    this.orderUniStreams = [];
    this.orderBiStreams = [];
    if (stream) {
      if (isclient) {
        stream.on("response", (headers) => {
          processnextTick2(() => {
            if (headers[":status"] === 200) {
              const beReady = {};
              if (stream && headers["wt-protocol"]) {
                beReady.protocol = headers["wt-protocol"];
              }
              this.jsobj.onReady(beReady);
            } else {
              this.jsobj.onClose({
                errorcode: headers[":status"],
                error: "Session stream errored"
              });
            }
          });
        });
      } else {
        processnextTick2(() => {
          this.jsobj.onReady({});
        });
      }
    }
  }
  sendInitialParameters() {
    this.flowController.sendWindowUpdate();
    this.streamIdMngrBi.sendMaxStreamsFrameInitial();
    this.streamIdMngrUni.sendMaxStreamsFrameInitial();
  }
  drainWrites() {
    while (!this.capsParser.blocked && this.datagramsWaiting_.length > 0) {
      const outChunk = this.datagramsWaiting_.shift();
      this.capsParser.writeCapsule({
        type: ParserBase.DATAGRAM,
        headerVints: [],
        payload: outChunk
      });
    }
    if (this.datagramsWaiting_.length > 0) {
      this.capsParser.scheduleDrainWrites();
    }
  }
  /**
   * @param {Uint8Array} chunk
   * @return {{ code: "success" | "blocked" | "internalError" | "tooBig", message?: string | undefined; }}
   */
  writeDatagram(chunk) {
    if (chunk.byteLength > this.getMaxDatagramSize()) return { code: "tooBig" };
    if (this.capsParser.blocked) {
      this.datagramsWaiting_.push(chunk);
      this.capsParser.scheduleDrainWrites();
      return { code: "blocked" };
    }
    this.capsParser.writeCapsule({
      type: ParserBase.DATAGRAM,
      headerVints: [],
      payload: chunk
    });
    return { code: "success" };
  }
  trySendingUnidirectionalStreams() {
    while (this.orderUniStreams.length > 0 && this.streamIdMngrUni.canOpenNextOutgoingStream()) {
      const streamid = this.streamIdMngrUni.getNextOutgoingStreamId();
      const priority = this.orderUniStreams.pop();
      this.capsParser.writeCapsule({
        type: ParserBase.WT_STREAM_WOFIN,
        headerVints: [streamid],
        payload: void 0
      });
      this.capsParser.newStream(
        streamid,
        priority || { sendGroupId: 0n, sendOrder: 0 }
      );
    }
  }
  /**
   * @param {WebTransportSendStreamOptions} opts
   */
  orderUnidiStream({ sendGroup, sendOrder, waitUntilAvailable }) {
    const canopen = this.streamIdMngrUni.canOpenNextOutgoingStream();
    const maxset = this.streamIdMngrUni.isMaxStreamSet();
    if (canopen || waitUntilAvailable || !maxset) {
      this.orderUniStreams.push({
        // @ts-ignore
        sendGroupId: sendGroup?._sendGroupId || 0n,
        sendOrder: sendOrder ?? 0
      });
      this.trySendingUnidirectionalStreams();
      return true;
    }
    return false;
  }
  trySendingBidirectionalStreams() {
    while (this.orderBiStreams.length > 0 && this.streamIdMngrBi.canOpenNextOutgoingStream()) {
      const streamid = this.streamIdMngrBi.getNextOutgoingStreamId();
      const priority = this.orderBiStreams.pop();
      this.capsParser.writeCapsule({
        type: ParserBase.WT_STREAM_WOFIN,
        headerVints: [streamid],
        payload: void 0
      });
      this.capsParser.newStream(
        streamid,
        priority || { sendGroupId: 0n, sendOrder: 0 }
      );
    }
  }
  /**
   * @param {WebTransportSendStreamOptions} opts
   */
  orderBidiStream({ sendGroup, sendOrder, waitUntilAvailable }) {
    const canopen = this.streamIdMngrBi.canOpenNextOutgoingStream();
    const maxset = this.streamIdMngrBi.isMaxStreamSet();
    if (canopen || waitUntilAvailable || !maxset) {
      this.orderBiStreams.push({
        // @ts-ignore
        sendGroupId: sendGroup?._sendGroupId || 0n,
        sendOrder: sendOrder ?? 0
      });
      this.trySendingBidirectionalStreams();
      return true;
    }
    return false;
  }
  orderSessionStats() {
    this.jsobj.onSessionStats({
      timestamp: 0,
      expiredOutgoing: 0n,
      lostOutgoing: 0n,
      // non Datagram
      minRtt: 0,
      smoothedRtt: 0,
      rttVariation: 0,
      estimatedSendRateBps: 0n
    });
  }
  orderDatagramStats() {
    this.jsobj.onDatagramStats({
      timestamp: 0,
      expiredOutgoing: 0n,
      lostOutgoing: 0n
    });
  }
  getMaxDatagramSize() {
    return 16384;
  }
  /*
   * @returns {void}
   */
  notifySessionDraining() {
  }
  /**
   * @param {{ code: number, reason: string }} arg
   */
  close({ code, reason }) {
    this.capsParser.sendClose({ code, reason });
  }
  /**
   * @param {bigint} windowOffset
   */
  sendWindowUpdate(windowOffset) {
    this.capsParser.writeCapsule({
      type: ParserBase.WT_MAX_DATA,
      headerVints: [windowOffset],
      payload: void 0
    });
  }
  /**
   * @param {bigint} pos
   */
  reportBlocked(pos) {
    log8("Session was blocked at:", pos);
  }
  /**
   * @param {bigint} windowOffset
   */
  sendBlocked(windowOffset) {
    this.capsParser.writeCapsule({
      type: ParserBase.WT_DATA_BLOCKED,
      headerVints: [windowOffset],
      payload: void 0
    });
  }
  connected() {
    return this.jsobj.state === "connected";
  }
  /**
   * @param {{ code: number, reason: string }} arg
   */
  closeConnection({ code, reason }) {
    this.jsobj.onClose({
      errorcode: code,
      error: reason
    });
    this.close({ code, reason });
  }
  smoothedRtt() {
    let toret;
    if (this.stream) {
      toret = this.stream.session?.WTrtt || 25;
    } else if (this.ws) {
      toret = navigator?.connection?.rtt || 25;
    }
    toret = Math.ceil(toret / 25) * 25;
    return toret;
  }
  /**
   * @returns {boolean}
   */
  canSendMaxStreams() {
    return true;
  }
  /**
   * @param {bigint} maxStreams
   * @param {boolean} unidirectional
   */
  sendMaxStreams(maxStreams, unidirectional) {
    this.capsParser.writeCapsule({
      type: unidirectional ? ParserBase.WT_MAX_STREAMS_UNIDI : ParserBase.WT_MAX_STREAMS_BIDI,
      headerVints: [maxStreams],
      payload: void 0
    });
  }
};
var log9 = logger(`webtransport:http2:browserparser`);
function readVarInt(bs) {
  if (bs.offset + 1 > bs.size) return void 0;
  let val = BigInt(bs.buffer[bs.offset]);
  bs.offset++;
  const prefix = Number(val) >>> 6;
  const intlength = 1 << prefix;
  if (bs.offset + intlength - 1 > bs.size) {
    return void 0;
  }
  val = val & 0x3fn;
  for (let i = 0; i < intlength - 1; i++) {
    val = val << 8n | BigInt(bs.buffer[bs.offset]);
    bs.offset++;
  }
  return val;
}
function readUint32(bs) {
  if (bs.offset + 4 > bs.size) return void 0;
  let val = bs.buffer[bs.offset];
  bs.offset++;
  val = val << 8 | bs.buffer[bs.offset];
  bs.offset++;
  val = val << 8 | bs.buffer[bs.offset];
  bs.offset++;
  val = val << 8 | bs.buffer[bs.offset];
  bs.offset++;
  return val;
}
function writeVarInt(bs, int) {
  let numbytes = 8n;
  let msb = 0xc0n;
  const bint = BigInt(int);
  if (bint < 64n) {
    numbytes = 1n;
    msb = 0x0n;
  } else if (bint < 16384n) {
    numbytes = 2n;
    msb = 0x40n;
  } else if (bint < 1073741824n) {
    numbytes = 4n;
    msb = 0x80n;
  }
  bs.buffer[bs.offset] = Number(
    msb | bint >> (numbytes - 1n) * 8n & 0xffn
  );
  bs.offset++;
  for (let i = numbytes - 2n; i >= 0n; i--) {
    bs.buffer[bs.offset] = Number(bint >> i * 8n & 0xffn);
    bs.offset++;
  }
}
var BrowserParser = class extends ParserBase {
  static WS_CONTINUE = 0;
  static WS_TEXT = 1;
  static WS_BINARY = 2;
  static WS_CLOSE = 8;
  static WS_PING = 9;
  static WS_PONG = 10;
  /**
   * @param {any} stream
   */
  constructor({
    ws,
    nativesession,
    isclient,
    initialStreamSendWindowOffsetUnidi,
    initialStreamSendWindowOffsetBidi,
    initialStreamReceiveWindowOffset,
    streamShouldAutoTuneReceiveWindow,
    streamReceiveWindowSizeLimit
  }) {
    super({
      nativesession,
      isclient,
      initialStreamSendWindowOffsetUnidi,
      initialStreamSendWindowOffsetBidi,
      initialStreamReceiveWindowOffset,
      streamShouldAutoTuneReceiveWindow,
      streamReceiveWindowSizeLimit
    });
    this.ws = ws;
    this.saveddata = void 0;
    this.rtype = void 0;
    this.closesend = false;
    this.ws.addEventListener("message", (event) => {
      if (event.data instanceof ArrayBuffer) {
        this.parseData(new Uint8Array(event.data, 0, event.data.byteLength));
      } else {
        log9("Illegal text frame", event.data);
      }
    });
  }
  /**
   * @param {Uint8Array} data
   */
  parseData(data) {
    const bufferstate = { offset: 0, size: data.byteLength, buffer: data };
    const offsetend = bufferstate.size;
    const rtype = readVarInt(bufferstate);
    if (typeof rtype === "undefined") return;
    const type = Number(rtype);
    switch (type) {
      case ParserBase.PADDING:
        break;
      case ParserBase.WT_RESET_STREAM:
      case ParserBase.WT_STOP_SENDING:
        {
          const streamid = readVarInt(bufferstate);
          if (typeof streamid !== "undefined") {
            const stream = this.wtstreams.get(streamid);
            const code = readVarInt(bufferstate);
            if (stream && typeof code !== "undefined") {
              stream.onStreamSignal(
                type === ParserBase.WT_RESET_STREAM ? "resetStream" : "stopSending"
              );
              stream.jsobj.onStreamRecvSignal({
                code: Number(code),
                nettask: type === ParserBase.WT_RESET_STREAM ? "resetStream" : "stopSending"
              });
            }
          }
        }
        break;
      case ParserBase.WT_STREAM_WOFIN:
      case ParserBase.WT_STREAM_WFIN:
        {
          const streamid = readVarInt(bufferstate);
          if (typeof streamid !== "undefined") {
            let object = this.wtstreams.get(streamid);
            if (!object) {
              object = this.newStream(streamid, {
                sendOrder: 0,
                sendGroupId: 0n
              });
              if (!object) return;
            }
            if (offsetend - bufferstate.offset >= 0) {
              const fin = type === ParserBase.WT_STREAM_WFIN;
              if (fin) object.onFin();
              object.recvData({
                data: new Uint8Array(
                  bufferstate.buffer.buffer,
                  bufferstate.buffer.byteOffset + bufferstate.offset,
                  offsetend - bufferstate.offset
                ),
                fin
              });
            }
          }
        }
        break;
      case ParserBase.WT_MAX_DATA:
        this.onMaxData(readVarInt(bufferstate));
        break;
      case ParserBase.WT_MAX_STREAM_DATA:
        {
          const streamid = readVarInt(bufferstate);
          const offset = readVarInt(bufferstate);
          if (typeof streamid !== "undefined" && typeof offset !== "undefined")
            this.onMaxStreamData(streamid, offset);
        }
        break;
      case ParserBase.WT_MAX_STREAMS_BIDI:
        this.onMaxStreamBiDi(readVarInt(bufferstate));
        break;
      case ParserBase.WT_MAX_STREAMS_UNIDI:
        this.onMaxStreamUniDi(readVarInt(bufferstate));
        break;
      case ParserBase.WT_DATA_BLOCKED:
        this.onDataBlocked(readVarInt(bufferstate));
        break;
      case ParserBase.WT_STREAM_DATA_BLOCKED:
        {
          const streamid = readVarInt(bufferstate);
          const offset = readVarInt(bufferstate);
          if (typeof streamid !== "undefined" && typeof offset !== "undefined")
            this.onStreamDataBlocked(streamid, offset);
        }
        break;
      case ParserBase.WT_STREAMS_BLOCKED_UNIDI:
        this.onStreamsBlockedUnidi(readVarInt(bufferstate));
        break;
      case ParserBase.WT_STREAMS_BLOCKED_BIDI:
        this.onStreamsBlockedBidi(readVarInt(bufferstate));
        break;
      case ParserBase.WT_CLOSE_SESSION:
        {
          const code = readUint32(bufferstate) || 0;
          const decoder = new TextDecoder();
          const reason = decoder.decode(
            new Uint8Array(
              bufferstate.buffer.buffer,
              bufferstate.buffer.byteOffset + bufferstate.offset,
              offsetend - bufferstate.offset
            )
          );
          this.onCloseWebTransportSession({ code, reason });
        }
        break;
      case ParserBase.WT_DRAIN_SESSION:
        this.onDrain();
        break;
      case ParserBase.DATAGRAM:
        this.session.jsobj.onDatagramReceived({
          datagram: new Uint8Array(
            bufferstate.buffer.buffer,
            bufferstate.buffer.byteOffset + bufferstate.offset,
            offsetend - bufferstate.offset
          )
        });
        break;
      default:
    }
    bufferstate.offset = offsetend;
  }
  /**
   * @param{{type: Number, headerVints: Array<Number|bigint>, payload: Uint8Array|undefined, end?: () => void}} bs
   */
  writeCapsule({ type, headerVints, payload, end }) {
    let plength = 0;
    for (const ind in headerVints) plength += lengthVarInt(headerVints[ind]);
    plength += lengthVarInt(type);
    const hlength = plength;
    if (payload) plength += payload.byteLength;
    const cdata = new Uint8Array(plength);
    const bufferstate = { offset: 0, size: cdata.length, buffer: cdata };
    writeVarInt(bufferstate, type);
    for (const ind in headerVints) writeVarInt(bufferstate, headerVints[ind]);
    const dest = new Uint8Array(cdata.buffer, cdata.byteOffset + hlength);
    if (payload) dest.set(payload);
    this.ws.send(cdata);
    if (end) end();
    return false;
  }
  /**
   * @param {number} code
   */
  // eslint-disable-next-line no-unused-vars
  closeHttp2Stream(code) {
    this.ws.close(1e3);
  }
  initialParametersMandatory() {
    return true;
  }
};
var supportedVersions = ["kDraft1", "kDraft2"];
var log10 = logger(`webtransport:http2:browser`);
var Http2WebTransportBrowser = class {
  /**
   * @param {any} args
   */
  constructor(args) {
    this.port = args?.port || 443;
    this.hostname = args?.host || "localhost";
    this.protocols = args?.protocols || [];
    this.initialStreamFlowControlWindow = args?.initialStreamFlowControlWindow || 16 * 1024;
    this.initialSessionFlowControlWindow = args?.initialSessionFlowControlWindow || 16 * 1024;
    this.initialBidirectionalStreams = args?.initialBidirectionalSendStreams || 100;
    this.initialUnidirectionalStreams = args?.initialUnidirectionalSendStreams || 100;
    this.streamShouldAutoTuneReceiveWindow = args.streamShouldAutoTuneReceiveWindow || true;
    this.streamFlowControlWindowSizeLimit = args?.streamFlowControlWindowSizeLimit || 6 * 1024 * 1024;
    this.sessionShouldAutoTuneReceiveWindow = args.sessionShouldAutoTuneReceiveWindow || true;
    this.sessionFlowControlWindowSizeLimit = args?.sessionFlowControlWindowSizeLimit || 15 * 1024 * 1024;
    this.jsobj = void 0;
    this.clientInt = void 0;
    this._webtransportProtocol = void 0;
  }
  /**
   * @param {{path: string}} arg
   */
  createTransport({ path }) {
    try {
      let url = "wss://" + this.hostname + ":" + this.port;
      if (path) url = url + "/" + path;
      let protocols = supportedVersions.map(
        (el) => "webtransport_" + el
      );
      if (this.protocols.length > 0) {
        const oldprotocols = protocols;
        protocols = protocols.filter((el) => el !== "kDraft1").map((el) => this.protocols.map((el2) => el + "_" + el2)).flat(1);
        protocols.push(...oldprotocols);
      }
      this.clientInt = new WebSocket(url, protocols);
    } catch (error) {
      log10("Failed on WebTransport/Websocket:", error);
      this.jsobj.onClientConnected({
        success: false
      });
      return;
    }
    this.clientInt.binaryType = "arraybuffer";
    this.clientInt.addEventListener("open", (event) => {
      const protocol = this.clientInt?.protocol;
      if (!protocol) {
        if (this.clientInt) this.clientInt.close();
        this.jsobj.onClientConnected({
          success: false
        });
      }
      const aprotocol = protocol.split("_");
      if (!(aprotocol.length === 2 || aprotocol.length >= 3) || aprotocol[0] !== "webtransport" || !supportedVersions.includes(aprotocol[1])) {
        if (this.clientInt) this.clientInt.close();
        this.jsobj.onClientConnected({
          success: false
        });
      } else {
        this._webtransportProtocol = aprotocol.length >= 3 ? aprotocol.slice(2).join("_") : void 0;
        this.jsobj.onClientWebTransportSupport(
          aprotocol.length >= 3 ? { selectedProtocol: aprotocol.slice(2).join("_") } : {}
        );
        this.jsobj.onClientConnected({
          success: true
        });
      }
    });
    this.clientInt.addEventListener("error", (error) => {
      log10("Failed on WebTransport/Websocket:", error);
      if (!this.jsobj?.sessionobjint || this.jsobj?.sessionobjint?.state === "connecting")
        this.jsobj.onClientConnected({
          success: false
        });
      else {
        if (this?.jsobj?.sessionobjint?.objint)
          this.jsobj.sessionobjint.close({
            closeCode: 0,
            reason: error.toString()
          });
      }
    });
  }
  /**
   * @param {string} path
   */
  // eslint-disable-next-line no-unused-vars
  openWTSession(path) {
    if (!this.clientInt) throw new Error("clientInt not present");
    let sessobj;
    const retObj = {
      session: new Http2WebTransportSession({
        ws: this.clientInt,
        isclient: true,
        createParser: (nativesession) => {
          sessobj = nativesession;
          const session = new BrowserParser({
            ws: this.clientInt,
            nativesession,
            isclient: true,
            initialStreamSendWindowOffsetBidi: 0,
            initialStreamSendWindowOffsetUnidi: 0,
            initialStreamReceiveWindowOffset: this.initialStreamFlowControlWindow,
            streamShouldAutoTuneReceiveWindow: this.streamShouldAutoTuneReceiveWindow,
            streamReceiveWindowSizeLimit: this.streamFlowControlWindowSizeLimit
          });
          if (this.clientInt)
            this.clientInt.addEventListener("close", (event) => {
              let code = event.code;
              let error = "Session WebSocket closed";
              if (event.reason) {
                let tokens = event.reason.split(":");
                if (tokens.length > 1) {
                  code = parseInt(tokens[0]);
                  tokens = tokens.slice(1);
                }
                error = tokens.join(":");
              } else {
                switch (code) {
                  case 1001:
                    error = "Going Away";
                    break;
                  case 1002:
                    error = "Protocol error";
                    break;
                  case 1003:
                    error = "Unsupported data";
                    break;
                  case 1004:
                    error = "Reserved";
                    break;
                  case 1005:
                    error = "No Status Rcvd";
                    break;
                  case 1006:
                    error = "Abnormal Closure";
                    break;
                  case 1007:
                    error = "Invalid frame payload data";
                    break;
                  case 1008:
                    error = "Policy Violation";
                    break;
                  case 1009:
                    error = "Message Too Big";
                    break;
                  case 1010:
                    error = "Mandatory Ext.";
                    break;
                  case 1011:
                    error = "Internal error";
                    break;
                  case 1012:
                    error = "Service Restart";
                    break;
                  case 1013:
                    error = "Try Again Later";
                    break;
                  case 1014:
                    error = "Bad Gateway";
                    break;
                  case 1015:
                    error = "TLS handshake";
                    break;
                  case 1e3:
                  default:
                    error = "";
                    break;
                }
              }
              nativesession.jsobj.onClose({
                errorcode: code,
                error
              });
            });
          return session;
        },
        sendWindowOffset: 0,
        receiveWindowOffset: this.initialSessionFlowControlWindow,
        shouldAutoTuneReceiveWindow: this.sessionShouldAutoTuneReceiveWindow,
        receiveWindowSizeLimit: this.sessionFlowControlWindowSizeLimit,
        initialBidirectionalSendStreams: this.initialBidirectionalStreams,
        // TODO, once supported by node, use initial settings
        initialBidirectionalReceiveStreams: this.initialBidirectionalStreams,
        initialUnidirectionalSendStreams: this.initialUnidirectionalStreams,
        // TODO, once supported by node, use initial settings
        initialUnidirectionalReceiveStreams: this.initialUnidirectionalStreams
      }),
      reliable: true
    };
    this.jsobj.onHttpWTSessionVisitor(retObj);
    sessobj.jsobj.onReady(
      this._webtransportProtocol ? { protocol: this._webtransportProtocol } : {}
    );
  }
  closeClient() {
    if (this.clientInt && this.clientInt.readyState === 1)
      this.clientInt.close();
  }
};
var log11 = logger(`webtransport:browser()`);
var serverCertificateHashesNotSupported = false;
var webtransportSupported = false;
if (globalThis.WebTransport) {
  webtransportSupported = true;
  try {
    const transport = new WebTransport("https://127.0.0.1:9/geomesh-probe", {
      serverCertificateHashes: []
    });
    transport.ready.then(() => {
      try {
        transport.close();
      } catch (error) {
      }
    }).catch(() => {
    });
  } catch (error) {
    if (error?.name === "NotSupportedError") {
      log11("serverCertificateHashesNotSupported");
      serverCertificateHashesNotSupported = true;
    }
  }
}
var WebTransportPonyfill = class extends WebTransportBase {
  /**
   * @param{{client: HttpClient, sessionint: HttpWTSession, ourl: URL}} args
   */
  startUpConnection({ client, sessionint, ourl }) {
    const path = ourl.pathname + (ourl.search ?? "");
    client.handleConnection({ createTransport: true, path }).then(() => client.createWTSession(sessionint, path)).catch((error) => {
      client.closeHookSession();
      sessionint.readyReject(error);
      sessionint.closedReject(error);
    });
  }
  get supportsReliableOnly() {
    return true;
  }
  /**
   * @param{any} args
   * @return {{sessionint: HttpWTSession, client: HttpClient}}
   */
  createClient(args) {
    this.curtype = "websocket";
    const client = new HttpClient({
      // eslint-disable-next-line no-unused-vars
      createReliableClient: (client2) => {
        return new Http2WebTransportBrowser({ ...args });
      },
      ...args
    });
    const sessionint = new HttpWTSession({
      /* object: args.session, */
      datagramsReadableMode: args.datagramsReadableMode,
      parentobj: client
    });
    return { client, sessionint };
  }
};
var WebTransportPolyfill = class {
  /**
   * @param {string} url
   * @param {any} [args]
   */
  constructor(url, args) {
    this.curtype = "native";
    this.closeset = false;
    this.allowFallback = true;
    this.initiatedFallback = false;
    this.args = args;
    this.closed = new Promise((resolve, reject) => {
      this.closeRes = resolve;
      this.closeRej = reject;
    });
    this.ready = new Promise((resolve, reject) => {
      this.readyRes = resolve;
      this.readyRej = reject;
    });
    this.draining = new Promise((resolve, reject) => {
      this.drainingRes = resolve;
      this.drainingRej = reject;
    });
    const initiateFallback = () => {
      this.initiatedFallback = true;
      this.curtype = "websocket";
      this.curtransport = new WebTransportPonyfill(url, args);
      this.curtransport.ready.then((val) => this.readyRes(val)).catch((error) => this.readyRej(error));
      this.curtransport.closed.then((val) => this.closeRes(val)).catch((error) => this.closeRej(error));
      this.curtransport.draining.then((val) => this.drainingRes(val)).catch((error) => this.drainingRej(error));
    };
    if (webtransportSupported && (!args?.serverCertificateHashes || !serverCertificateHashesNotSupported)) {
      this.curtransport = new WebTransport(url, args);
      setTimeout(() => {
        if (this.allowFallback && !this.closeset) {
          if (!this.initiatedFallback && !this.curtransport?.supportsReliableOnly) {
            const oldtransport = this.curtransport;
            if (oldtransport)
              oldtransport.ready.then(async () => {
                oldtransport.close();
              }).catch(() => {
              });
            initiateFallback();
          }
        }
      }, 2e3);
      this.curtransport.ready.then((val) => {
        this.allowFallback = false;
        this.readyRes(val);
      }).catch((error) => {
        if (this.allowFallback && !this.closeset) {
          if (!this.initiatedFallback && !this.curtransport?.supportsReliableOnly) {
            initiateFallback();
          }
        } else {
          this.readyRej(error);
        }
      });
      this.curtransport.closed.then((val) => {
        if (this.curtype === "native") this.closeRes(val);
      }).catch((error) => {
        if (this.allowFallback && !this.closeset) {
          if (!this.initiatedFallback && !this.curtransport?.supportsReliableOnly) {
            initiateFallback();
          }
        } else {
          this.closeRej(error);
        }
      });
      if (this.curtransport.draining) {
        this.curtransport.draining.then((val) => {
          if (this.curtype === "native") this.drainingRes(val);
        }).catch((error) => {
          if (this.curtype === "native") this.drainingRej(error);
        });
      }
    } else {
      initiateFallback();
    }
    this.datagrams = {
      // @ts-ignore
      get writable() {
        if (!this.datagramwritablepolyfilled_) {
          console.warn("datagrams.writable is deprecated");
        }
        return this.datagramwritablepolyfilled_ ||= this.createWritable();
      }
    };
    Object.defineProperties(this.datagrams, {
      maxDatagramSize: {
        get: () => {
          return this.curtransport.datagrams.maxDatagramSize;
        }
      }
    });
    this.datagrams.readable = new ReadableStream({
      // eslint-disable-next-line no-unused-vars
      start: async (controller) => {
        await this.ready;
        this.datagramsReader = this.curtransport.datagrams.readable.getReader();
      },
      pull: async (controller) => {
        const { value, done } = await this.datagramsReader.read();
        if (value) controller.enqueue(value);
        if (done) controller.close();
      },
      cancel: async (reason) => {
        await this.datagramsReader.cancel(reason);
      }
    });
    this.datagrams.createWritable = (options) => {
      if (this.curtransport.datagrams.createWritable) {
        return this.curtransport.datagrams.createWritable(options);
      }
      if (!this.curtransport.datagrams.writable) {
        throw new WebTransportError("No way to send out datagrams");
      }
      let sendOrder = options?.sendOrder;
      let sendGroup = options?.sendGroup;
      const retWritable = new WritableStream({
        // eslint-disable-next-line no-unused-vars
        start: async (controller) => {
          await this.ready;
          if (!this.datagramsWriter) {
            this.datagramsWriter = // @ts-ignore
            this.curtransport.datagrams.writable.getWriter();
          }
        },
        // eslint-disable-next-line no-unused-vars
        write: async (chunk, controller) => {
          await this.datagramsWriter.write(chunk);
        },
        abort: async (reason) => {
          await this.datagramsWriter.abort(reason);
        },
        close: async () => {
          await this.datagramsWriter.close();
        }
      });
      Object.defineProperties(retWritable, {
        sendOrder: {
          get: () => {
            return sendOrder;
          },
          /**
           * @param {number} value
           */
          set: (value) => {
            sendOrder = value;
          }
        },
        sendGroup: {
          get: () => {
            return sendGroup;
          },
          /**
           * @param {WebTransportSendGroup} value
           */
          set: (value) => {
            if (value !== sendGroup) {
              sendGroup = value;
            }
          }
        }
      });
      return retWritable;
    };
    this.incomingBidirectionalStreams = new ReadableStream({
      // eslint-disable-next-line no-unused-vars
      start: async (controller) => {
        await this.ready;
        this.incomingBidirectionalStreamsReader = this.curtransport.incomingBidirectionalStreams.getReader();
      },
      pull: async (controller) => {
        const { value, done } = await this.incomingBidirectionalStreamsReader.read();
        if (value) controller.enqueue(value);
        if (done) controller.close();
      },
      cancel: async (reason) => {
        await this.incomingBidirectionalStreamsReader.cancel(reason);
      }
    });
    this.incomingUnidirectionalStreams = new ReadableStream({
      // eslint-disable-next-line no-unused-vars
      start: async (controller) => {
        await this.ready;
        this.incomingUnidirectionalStreamsReader = this.curtransport.incomingUnidirectionalStreams.getReader();
      },
      pull: async (controller) => {
        const { value, done } = await this.incomingUnidirectionalStreamsReader.read();
        if (value) controller.enqueue(value);
        if (done) controller.close();
      },
      cancel: async (reason) => {
        await this.incomingUnidirectionalStreamsReader.cancel(reason);
      }
    });
  }
  get congestionControl() {
    return this.curtransport?.congestionControl || void 0;
  }
  get reliability() {
    return this.curtransport?.reliability || void 0;
  }
  get supportsReliableOnly() {
    return true;
  }
  get protocol() {
    return this.curtransport?.protocol || "";
  }
  getStats() {
    return this.curtransport.getStats();
  }
  /**
   * @param {WebTransportCloseInfo} [closeinfo]
   */
  close(closeinfo) {
    this.closeset = true;
    this.curtransport.close(closeinfo);
  }
  /**
   * @param {WebTransportSendStreamOptions} [opts]
   * @returns {Promise<WebTransportBidirectionalStream>}
   */
  async createBidirectionalStream(opts) {
    await this.ready;
    return await this.curtransport.createBidirectionalStream(opts);
  }
  /**
   * @param {WebTransportSendStreamOptions} [opts]
   * @returns {Promise<WebTransportSendStream>}
   */
  async createUnidirectionalStream(opts) {
    await this.ready;
    return await this.curtransport.createUnidirectionalStream(opts);
  }
};
export {
  WebTransportPolyfill,
  WebTransportPonyfill
};
//# sourceMappingURL=fails-browser-XULAQ27R.js.map
