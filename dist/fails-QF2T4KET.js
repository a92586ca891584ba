// vendor/fails-webtransport/node.js
import { ReadableStream as ReadableStream3 } from "node:stream/web";
import {
  ReadableStream as ReadableStreamNode,
  WritableStream as WritableStreamNode
} from "node:stream/web";
import { connect, constants as http2constants } from "node:http2";
import { createSecureServer, constants } from "node:http2";
import { randomBytes } from "node:crypto";
import { log as log10 } from "node:console";
import { webcrypto as crypto } from "node:crypto";
import { clearInterval as clearInterval2 } from "node:timers";
import { isIPv4 } from "node:net";
var ReadableStream2 = ReadableStreamNode;
var WritableStream = WritableStreamNode;
function debug() {
  const log14 = () => {
  };
  log14.enabled = false;
  log14.extend = () => log14;
  return log14;
}
function defer() {
  let res = () => {
  };
  let rej = () => {
  };
  const promise = new Promise((resolve, reject) => {
    res = resolve;
    rej = reject;
  });
  return {
    promise,
    resolve: res,
    reject: rej
  };
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
      this.writable = new WritableStream(
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
        const retWritable = new WritableStream({
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
var log3 = logger(`webtransport:flowcontroller(${pid3})`);
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
    log3(
      "Created flow controller , setting initial receive window offset to: " + this.receiveWindowOffset + ", max receive window to: " + this.receiveWindowSize + ", max receive window limit to: " + this.receiveWindowSizeLimit + ", setting send window offset to: " + this.sendWindowOffset
    );
  }
  /**
   * @param {Number} bytesConsumed
   */
  addBytesConsumed(bytesConsumed) {
    this.bytesConsumed += BigInt(bytesConsumed);
    log3(" consumed " + bytesConsumed + " bytes.");
    this.maybeSendWindowUpdate();
  }
  /**
   * @param {Number} increaseOffset
   */
  updateHighestReceivedOffset(increaseOffset) {
    log3(
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
      log3(
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
    log3(" sent " + bytesSent + " bytes.");
  }
  flowControlViolation() {
    if (this.highestReceivedByteOffset > this.receiveWindowOffset) {
      log3(
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
      log3("first window update for ");
      return;
    }
    if (!this.autoTuneReceiveWindow) {
      return;
    }
    const rtt = this.tocontrol.smoothedRtt();
    if (rtt === 0) {
      log3("rtt zero for ");
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
      log3(
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
      log3(
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
      log3(
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
    log3(
      "Sending WindowUpdate frame for , consumed bytes: " + this.bytesConsumed + ", available window: " + availableWindow + ", and threshold: " + this.windowUpdateThreshold() + ", and receive window size: " + this.receiveWindowSize + ". New receive window offset is: " + this.receiveWindowOffset
    );
    this.sendWindowUpdate();
  }
  maybeSendBlocked() {
    if (this.sendWindowSize() !== 0n || this.lastBlockedSendWindowOffset >= this.sendWindowOffset) {
      return;
    }
    log3(
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
    log3(
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
    log3("UpdateReceiveWindowSize for : " + size);
    if (this.receiveWindowSize !== this.receiveWindowOffset) {
      log3(
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
var pid4 = typeof process !== "undefined" ? process.pid : 0;
var log4 = logger(`webtransport:http2webtransportstream(${pid4})`);
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
    log4("sendwindow offset stream:", windowOffset);
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
    log4("Stream id: ", this.streamid, " was blocked at:", pos);
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
var pid5 = typeof process !== "undefined" ? process.pid : 0;
var log5 = logger(`webtransport:parserbase(${pid5})`);
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
    }).catch((error) => log5("Error in drainWrites", error));
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
    log5("Session received blocked frame " + val);
  }
  /**
   * @param {bigint} streamid
   * @param {bigint} offset
   */
  onStreamDataBlocked(streamid, offset) {
    log5("Stream " + streamid + " received blocked frame " + offset);
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
var pid6 = typeof process !== "undefined" ? process.pid : 0;
var log6 = logger(`webtransport:streamidmanager(${pid6})`);
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
      log6(
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
      log6(
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
var pid7 = typeof process !== "undefined" ? process.pid : 0;
var log7 = logger(`webtransport:http2webtransportsession(${pid7})`);
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
    log7("Session was blocked at:", pos);
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
function readUint32(bs) {
  if (bs.offset + 4 > bs.size) return void 0;
  const toret = bs.buffer.readUInt32BE(bs.offset);
  bs.offset += 4;
  return toret;
}
function readVarInt(bs) {
  if (bs.offset + 1 > bs.size) return void 0;
  let val = BigInt(bs.buffer.readUInt8(bs.offset));
  bs.offset++;
  const prefix = Number(val) >>> 6;
  const intlength = 1 << prefix;
  if (bs.offset + intlength - 1 > bs.size) {
    return void 0;
  }
  val = val & 0x3fn;
  for (let i = 0; i < intlength - 1; i++) {
    val = val << 8n | BigInt(bs.buffer.readUInt8(bs.offset));
    bs.offset++;
  }
  return val;
}
function writeVarInt(bs, int) {
  let numbytes = 8n;
  let msb = 0xc0n;
  const bint = BigInt(int);
  if (bint < 64) {
    numbytes = 1n;
    msb = 0x0n;
  } else if (bint < 16384) {
    numbytes = 2n;
    msb = 0x40n;
  } else if (bint < 1073741824) {
    numbytes = 4n;
    msb = 0x80n;
  }
  bs.buffer.writeUInt8(
    Number(msb | bint >> (numbytes - 1n) * 8n & 0xffn),
    bs.offset
  );
  bs.offset++;
  for (let i = numbytes - 2n; i >= 0; i--) {
    bs.buffer.writeUInt8(Number(bint >> i * 8n & 0xffn), bs.offset);
    bs.offset++;
  }
}
var ParserBaseHttp2 = class extends ParserBase {
  /**
   * @param {any} stream
   */
  constructor({
    stream,
    nativesession,
    isclient,
    initialStreamSendWindowOffsetBidi,
    initialStreamSendWindowOffsetUnidi,
    initialStreamReceiveWindowOffset,
    streamShouldAutoTuneReceiveWindow,
    streamReceiveWindowSizeLimit
  }) {
    super({
      nativesession,
      isclient,
      initialStreamSendWindowOffsetBidi,
      initialStreamSendWindowOffsetUnidi,
      initialStreamReceiveWindowOffset,
      streamShouldAutoTuneReceiveWindow,
      streamReceiveWindowSizeLimit
    });
    this.stream = stream;
    this.session = nativesession;
    this.isclient = isclient;
    this.stream.on("readable", () => {
      let data;
      while ((data = this.stream.read()) !== null) {
        try {
          this.parseData(data);
        } catch (error) {
          this.session.closeConnection({
            code: 4,
            // QUIC_INVALID_FRAME_DATA
            reason: "Parsing failed: " + error
          });
          return;
        }
      }
    });
    this.stream.on("end", () => {
    });
    this.stream.on(
      "error",
      /**
       * @param {Error} error
       */
      (error) => {
        this.session.jsobj?.onClose({
          errorcode: this.stream.rstCode,
          error: error.toString()
        });
      }
    );
    this.stream.on("drain", () => {
      this.blocked = false;
      this.drainWrites();
    });
    this.stream.on("close", () => {
      if (!this.session.jsobj) return;
      if (!(this.session.jsobj.state === "failed" || this.session.jsobj.state === "closed")) {
        this.session.jsobj.onClose({
          errorcode: this.stream.rstCode || 0,
          error: ""
        });
      }
    });
  }
};
var Http2CapsuleParser = class _Http2CapsuleParser extends ParserBaseHttp2 {
  /**
   * @param {any} stream
   */
  constructor({
    stream,
    nativesession,
    isclient,
    initialStreamSendWindowOffsetBidi,
    initialStreamSendWindowOffsetUnidi,
    initialStreamReceiveWindowOffset,
    streamShouldAutoTuneReceiveWindow,
    streamReceiveWindowSizeLimit
  }) {
    super({
      stream,
      nativesession,
      isclient,
      initialStreamSendWindowOffsetBidi,
      initialStreamSendWindowOffsetUnidi,
      initialStreamReceiveWindowOffset,
      streamShouldAutoTuneReceiveWindow,
      streamReceiveWindowSizeLimit
    });
    this.mode = "s";
    this.saveddata = void 0;
    this.rtype = void 0;
  }
  /**
   * @param {Buffer} data
   */
  parseData(data) {
    let cdata = data;
    if (this.saveddata) {
      cdata = Buffer.concat([this.saveddata, cdata]);
      delete this.saveddata;
    }
    const bufferstate = { offset: 0, size: cdata.length, buffer: cdata };
    while (bufferstate.size - bufferstate.offset > 0) {
      switch (this.mode) {
        case "s":
          {
            const capsulestart = bufferstate.offset + bufferstate.buffer.byteOffset;
            const capsulemaxlength = bufferstate.buffer.byteLength - bufferstate.offset;
            if (bufferstate.size < 2 + bufferstate.offset) {
              this.saveddata = Buffer.from(
                bufferstate.buffer.buffer,
                capsulestart,
                capsulemaxlength
              );
              return;
            }
            const rtype = readVarInt(bufferstate);
            if (typeof rtype === "undefined" || bufferstate.size < 1 + bufferstate.offset) {
              this.saveddata = Buffer.from(
                bufferstate.buffer.buffer,
                capsulestart,
                capsulemaxlength
              );
              return;
            }
            const type = Number(rtype);
            const rlength = readVarInt(bufferstate);
            if (typeof rlength === "undefined") {
              this.saveddata = Buffer.from(
                bufferstate.buffer.buffer,
                capsulestart,
                capsulemaxlength
              );
              return;
            }
            const length = Number(rlength);
            let checklength = length;
            const offsetend = Math.min(
              bufferstate.offset + length,
              bufferstate.size
            );
            const offsetbegin = bufferstate.offset;
            if (type === _Http2CapsuleParser.PADDING || type === _Http2CapsuleParser.WT_STREAM_WOFIN || type === _Http2CapsuleParser.WT_STREAM_WFIN) {
              checklength = Math.min(length, 64);
            }
            if (checklength > 4 * Number(this.session.flowController.receiveWindowSize) || length > 8 * Number(this.session.flowController.receiveWindowSize)) {
              this.session.closeConnection({
                code: 63,
                // QUIC_FLOW_CONTROL_SENT_TOO_MUCH_DATA, // probably the right one...
                reason: "Frame length too big :" + length
              });
              return;
            }
            if (bufferstate.size < checklength + bufferstate.offset) {
              this.saveddata = Buffer.from(
                bufferstate.buffer.buffer,
                capsulestart,
                capsulemaxlength
              );
              return;
            }
            let streamid;
            switch (type) {
              case _Http2CapsuleParser.PADDING:
                break;
              case _Http2CapsuleParser.WT_RESET_STREAM:
              case _Http2CapsuleParser.WT_STOP_SENDING:
                {
                  const streamid2 = readVarInt(bufferstate);
                  if (typeof streamid2 !== "undefined") {
                    const stream = this.wtstreams.get(streamid2);
                    const code = readVarInt(bufferstate);
                    if (stream && typeof code !== "undefined") {
                      stream.onStreamSignal(
                        type === _Http2CapsuleParser.WT_RESET_STREAM ? "resetStream" : "stopSending"
                      );
                      stream.jsobj.onStreamRecvSignal({
                        code: Number(code),
                        nettask: type === _Http2CapsuleParser.WT_RESET_STREAM ? "resetStream" : "stopSending"
                      });
                    }
                  }
                }
                break;
              case _Http2CapsuleParser.WT_STREAM_WOFIN:
              case _Http2CapsuleParser.WT_STREAM_WFIN:
                streamid = readVarInt(bufferstate);
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
                    const fin = type === _Http2CapsuleParser.WT_STREAM_WFIN && bufferstate.size >= length + offsetbegin;
                    if (fin) object.onFin();
                    object.recvData({
                      data: offsetend - bufferstate.offset > 0 ? new Uint8Array(
                        bufferstate.buffer.buffer,
                        bufferstate.buffer.byteOffset + bufferstate.offset,
                        offsetend - bufferstate.offset
                      ) : void 0,
                      fin
                    });
                  }
                }
                break;
              case _Http2CapsuleParser.WT_MAX_DATA:
                this.onMaxData(readVarInt(bufferstate));
                break;
              case _Http2CapsuleParser.WT_MAX_STREAM_DATA:
                {
                  const streamid2 = readVarInt(bufferstate);
                  const offset = readVarInt(bufferstate);
                  if (typeof streamid2 !== "undefined" && typeof offset !== "undefined")
                    this.onMaxStreamData(streamid2, offset);
                }
                break;
              case _Http2CapsuleParser.WT_MAX_STREAMS_BIDI:
                this.onMaxStreamBiDi(readVarInt(bufferstate));
                break;
              case _Http2CapsuleParser.WT_MAX_STREAMS_UNIDI:
                this.onMaxStreamUniDi(readVarInt(bufferstate));
                break;
              case _Http2CapsuleParser.WT_DATA_BLOCKED:
                this.onDataBlocked(readVarInt(bufferstate));
                break;
              case _Http2CapsuleParser.WT_STREAM_DATA_BLOCKED:
                {
                  const streamid2 = readVarInt(bufferstate);
                  const offset = readVarInt(bufferstate);
                  if (typeof streamid2 !== "undefined" && typeof offset !== "undefined")
                    this.onStreamDataBlocked(streamid2, offset);
                }
                break;
              case _Http2CapsuleParser.WT_STREAMS_BLOCKED_UNIDI:
                this.onStreamsBlockedUnidi(readVarInt(bufferstate));
                break;
              case _Http2CapsuleParser.WT_STREAMS_BLOCKED_BIDI:
                this.onStreamsBlockedBidi(readVarInt(bufferstate));
                break;
              case _Http2CapsuleParser.WT_CLOSE_SESSION:
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
              case _Http2CapsuleParser.WT_DRAIN_SESSION:
                this.onDrain();
                break;
              case _Http2CapsuleParser.DATAGRAM:
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
            if (bufferstate.size < length + offsetbegin) {
              this.remainlength = length + offsetbegin - bufferstate.size;
              this.mode = "c";
              if (typeof streamid !== "undefined") {
                this.rstreamid = streamid;
                this.rfin = type === _Http2CapsuleParser.WT_STREAM_WFIN;
              }
            }
            bufferstate.offset = offsetend;
          }
          break;
        case "c":
          {
            const clength = Math.min(
              bufferstate.size - bufferstate.offset,
              this.remainlength
            );
            if (typeof this.rstreamid !== "undefined") {
              const object = this.wtstreams.get(this.rstreamid);
              const fin = !!this.rfin && this.remainlength === clength;
              if (object) {
                if (fin) object.onFin();
                object.recvData({
                  data: new Uint8Array(
                    bufferstate.buffer.buffer,
                    bufferstate.buffer.byteOffset + bufferstate.offset,
                    clength
                  ),
                  fin
                });
              }
            }
            this.remainlength = this.remainlength - clength;
            bufferstate.offset += clength;
            if (this.remainlength === 0) {
              this.mode = "s";
              delete this.rfin;
              delete this.rstreamid;
            }
          }
          break;
      }
    }
  }
  /**
   * @param{{type: Number, headerVints: Array<Number>, payload: Uint8Array|undefined, end?: () => void}} bs
   */
  writeCapsule({ type, headerVints, payload, end }) {
    let length = 0;
    for (const ind in headerVints) length += lengthVarInt(headerVints[ind]);
    let headlength = length;
    if (payload) length += payload.byteLength;
    headlength += lengthVarInt(length) + lengthVarInt(type);
    const cdata = Buffer.alloc(headlength);
    const bufferstate = { offset: 0, size: cdata.length, buffer: cdata };
    writeVarInt(bufferstate, type);
    writeVarInt(bufferstate, length);
    for (const ind in headerVints) writeVarInt(bufferstate, headerVints[ind]);
    if (!this.stream) return;
    if (!end) {
      let blocked = !this.stream.write(cdata);
      if (payload) blocked = !this.stream.write(payload) || blocked;
      if (blocked) this.blocked = true;
      return blocked;
    } else {
      if (!payload) this.stream.end(cdata, end);
      else this.stream.write(cdata);
      if (payload) this.stream.end(payload, end);
    }
  }
  /**
   * @param {number} code
   */
  // eslint-disable-next-line no-unused-vars
  closeHttp2Stream(code) {
    this.stream.close(0);
    this.stream.destroy();
  }
  /**
   * @param {{code:  number, reason: string}} opts
   */
  onCloseWebTransportSession({ code, reason }) {
    this.session.jsobj.onClose({
      errorcode: code,
      error: reason
    });
    const stream = this.stream;
    const timer = setTimeout(() => {
      if (!stream.closed && !stream.destroyed) this.closeHttp2Stream(code);
    }, 1e3);
    timer?.unref?.();
    stream.once("close", () => clearTimeout(timer));
  }
  initialParametersMandatory() {
    return false;
  }
};
var log8 = logger(`webtransport:http2:node:client(${process?.pid})`);
var Http2WebTransportClient = class {
  /**
   * @param {any} args
   */
  constructor(args) {
    let port = args?.port;
    if (typeof port === "undefined") port = 443;
    this.port = Number(port);
    this.hostname = args?.host || "localhost";
    this.serverCertificateHashes = args?.serverCertificateHashes?.length ? args.serverCertificateHashes : void 0;
    this.protocols = args?.protocols || [];
    this.localPort = Number(args?.localPort) || void 0;
    this.allowPooling = args?.allowPooling || false;
    this.forceIpv6 = args?.forceIpv6 || false;
    this.initialStreamFlowControlWindow = args?.initialStreamFlowControlWindow || 16 * 1024;
    this.initialSessionFlowControlWindow = args?.initialSessionFlowControlWindow || 16 * 1024;
    this.initialBidirectionalStreams = args?.initialBidirectionalSendStreams || 100;
    this.initialUnidirectionalStreams = args?.initialUnidirectionalSendStreams || 100;
    this.streamShouldAutoTuneReceiveWindow = args.streamShouldAutoTuneReceiveWindow || true;
    this.streamFlowControlWindowSizeLimit = args?.streamFlowControlWindowSizeLimit || 6 * 1024 * 1024;
    this.sessionShouldAutoTuneReceiveWindow = args.sessionShouldAutoTuneReceiveWindow || true;
    this.sessionFlowControlWindowSizeLimit = args?.sessionFlowControlWindowSizeLimit || 15 * 1024 * 1024;
    this.jsobj = void 0;
  }
  createTransport() {
    const webTransportVerifier = (hostname, cert) => {
      if (this.serverCertificateHashes && cert?.fingerprint256 && this.serverCertificateHashes.some((el) => {
        if (el.algorithm !== "sha-256") return false;
        const cbytes = cert.fingerprint256.split(":").map((el2) => parseInt(el2, 16));
        const val = Buffer.isBuffer(el.value) ? el.value : ArrayBuffer.isView(el.value) ? new Uint8Array(
          el.value.buffer,
          el.value.byteOffset,
          el.value.byteLength
        ) : new Uint8Array(el.value);
        if (cbytes.length !== val.byteLength) return false;
        for (let i = 0; i < val.byteLength; i++) {
          if (val[i] !== cbytes[i]) return false;
        }
        const curdate = /* @__PURE__ */ new Date();
        if (new Date(cert.valid_from) > curdate || new Date(cert.valid_to) < curdate)
          return false;
        const difference = new Date(cert.valid_to).getTime() - new Date(cert.valid_from).getTime();
        if (difference > 1e3 * 60 * 60 * 24 * 14) return false;
        return true;
      }))
        return true;
      else return false;
    };
    const http2Options = {
      settings: {
        enableConnectProtocol: true,
        customSettings: {
          11105: this.initialSessionFlowControlWindow,
          // SETTINGS_WT_INITIAL_MAX_DATA
          11106: this.initialStreamFlowControlWindow,
          // SETTINGS_WT_INITIAL_MAX_STREAM_DATA_UNI
          11107: this.initialStreamFlowControlWindow,
          // SETTINGS_WT_INITIAL_MAX_STREAM_DATA_BIDI
          11108: this.initialUnidirectionalStreams,
          // SETTINGS_WT_INITIAL_MAX_STREAMS_UNI
          11109: this.initialBidirectionalStreams
          // SETTINGS_WT_INITIAL_MAX_STREAMS_BIDI
        }
      },
      remoteCustomSettings: [11105, 11106, 11107, 11108, 11109],
      localPort: this.localPort,
      // With serverCertificateHashes the hash is the trust, as in the
      // WebTransport spec: a self-signed certificate has no chain to verify.
      // The hash is checked on every connection in the secureConnect handler.
      rejectUnauthorized: !this.serverCertificateHashes
    };
    if (this.serverCertificateHashes)
      http2Options.checkServerIdentity = (hostname, cert) => webTransportVerifier(hostname, cert) ? void 0 : new Error("Certificate hash does not match");
    this.clientInt = connect(
      "https://" + this.hostname + ":" + this.port,
      http2Options
    );
    let pingsender;
    this.clientInt.on("close", () => {
      if (pingsender) clearInterval(pingsender);
    });
    let authfail = false;
    this.clientInt.socket.on("secureConnect", () => {
      const oursocket = this.clientInt?.socket;
      if (!oursocket) return;
      const authorized = oursocket.authorized;
      if (this.serverCertificateHashes) {
        if (!webTransportVerifier(this.hostname, oursocket.getPeerCertificate())) {
          this.clientInt?.destroy(
            void 0,
            http2constants.NGHTTP2_REFUSED_STREAM
          );
          log8("Certificate hash does not match");
          authfail = true;
          this.jsobj.onClientConnected({
            success: false
          });
        } else {
          oursocket.authorized = true;
        }
      } else if (!authorized) {
        this.clientInt?.destroy(
          new Error("Certificate not authorized"),
          http2constants.NGHTTP2_REFUSED_STREAM
        );
        authfail = true;
        log8("Certificate not authorized");
        this.jsobj.onClientConnected({
          success: false
        });
      }
    });
    let connected = false;
    this.clientInt.on("connect", (session, socket) => {
      if (!authfail) {
        connected = true;
        this.jsobj.onClientConnected({
          success: true
        });
        let rtt = 100;
        let adjust = 1;
        const pingupdater = () => {
          if (this.clientInt && !this.clientInt.closed) {
            this.clientInt.ping((err, duration, payload) => {
              if (!err) {
                rtt = adjust * duration + (1 - adjust) * rtt;
                adjust = 0.2;
                this.clientInt.WTrtt = rtt;
              }
            });
          } else {
            clearInterval(pingsender);
            pingsender = void 0;
          }
        };
        pingsender = setInterval(pingupdater, 1e3);
        pingupdater();
      }
    });
    this.clientInt.on("error", (error) => {
      log8("http2 client error:", error);
      if (!connected && !authfail) {
        this.jsobj.onClientConnected({
          success: false
        });
      }
    });
    this.clientInt.on("remoteSettings", (settings) => {
      if (settings.enableConnectProtocol && this.clientInt) {
        {
          const retObj = {};
          this.jsobj.onClientWebTransportSupport(retObj);
        }
      }
    });
  }
  /**
   * @param {string} path
   */
  openWTSession(path) {
    if (!this.clientInt) throw new Error("clientInt not present");
    const requestOpts = {
      ":method": "CONNECT",
      ":protocol": "webtransport",
      ":scheme": "https",
      ":path": path,
      authority: this.hostname,
      origin: this.hostname
    };
    if (this.protocols.length > 0) {
      requestOpts["wt-available-protocols"] = '"' + this.protocols.map((el) => el.replace(/\\/g, "\\\\").replace(/"/g, '\\"')).join('","') + '"';
    }
    const stream = this.clientInt.request(requestOpts);
    const {
      11109: remoteBidirectionalStreams = void 0,
      11108: remoteUnidirectionalStreams = void 0,
      11107: remoteBidirectionalStreamFlowControlWindow = void 0,
      11106: remoteUnidirectionalStreamFlowControlWindow = void 0,
      11105: remoteSessionFlowControlWindow = void 0
      // @ts-ignore
    } = this.clientInt.remoteSettings?.customSettings || {};
    const retObj = {
      header: stream.sentHeaders,
      session: new Http2WebTransportSession({
        stream,
        isclient: true,
        createParser: (nativesession) => new Http2CapsuleParser({
          stream,
          nativesession,
          isclient: true,
          initialStreamSendWindowOffsetBidi: remoteBidirectionalStreamFlowControlWindow || this.initialStreamFlowControlWindow,
          initialStreamSendWindowOffsetUnidi: remoteUnidirectionalStreamFlowControlWindow || this.initialStreamFlowControlWindow,
          initialStreamReceiveWindowOffset: this.initialStreamFlowControlWindow,
          streamShouldAutoTuneReceiveWindow: this.streamShouldAutoTuneReceiveWindow,
          streamReceiveWindowSizeLimit: this.streamFlowControlWindowSizeLimit
        }),
        initialBidirectionalSendStreams: remoteBidirectionalStreams || this.initialBidirectionalStreams,
        initialBidirectionalReceiveStreams: this.initialBidirectionalStreams,
        initialUnidirectionalSendStreams: remoteUnidirectionalStreams || this.initialUnidirectionalStreams,
        initialUnidirectionalReceiveStreams: this.initialUnidirectionalStreams,
        sendWindowOffset: remoteSessionFlowControlWindow || this.sessionFlowControlWindowSizeLimit,
        receiveWindowOffset: this.initialSessionFlowControlWindow,
        shouldAutoTuneReceiveWindow: this.sessionShouldAutoTuneReceiveWindow,
        receiveWindowSizeLimit: this.sessionFlowControlWindowSizeLimit
      }),
      reliable: true
    };
    this.jsobj.onHttpWTSessionVisitor(retObj);
  }
  closeClient() {
    if (this.clientInt) this.clientInt.close();
  }
};
var log9 = logger(`webtransport:http2:node:websocketparser(${process?.pid})`);
function readByte(bs) {
  const val = bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  return val;
}
function readWord(bs) {
  let val = bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  val = val << 8 | bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  return val;
}
function readVarIntMasked(bs, ms) {
  let val = bs.buffer.readUInt8(bs.offset) ^ ms.mask[ms.offset % 4];
  bs.offset++;
  ms.offset++;
  const prefix = val >>> 6;
  const intlength = 1 << prefix;
  if (bs.offset + intlength - 1 > bs.size) {
    return void 0;
  }
  val = val & 63;
  for (let i = 0; i < intlength - 1; i++) {
    val = val << 8 | bs.buffer.readUInt8(bs.offset) ^ ms.mask[ms.offset % 4];
    bs.offset++;
    ms.offset++;
  }
  return val;
}
function readQWord(bs) {
  let val = bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  val = val << 8 | bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  val = val << 8 | bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  val = val << 8 | bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  val = val << 8 | bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  val = val << 8 | bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  val = val << 8 | bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  val = val << 8 | bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  return val;
}
function applyMask(ms, buffer, offset, length) {
  if (length > 24) {
    let run = 0;
    const data = new Uint8Array(buffer.buffer);
    while (run < length && (offset + run) % 8) {
      data[run + offset] ^= ms.mask[(run + ms.offset) % 4];
      run++;
    }
    const workmask = new Uint8Array(8);
    workmask[0] = ms.mask[(0 + run + ms.offset) % 4];
    workmask[1] = ms.mask[(1 + run + ms.offset) % 4];
    workmask[2] = ms.mask[(2 + run + ms.offset) % 4];
    workmask[3] = ms.mask[(3 + run + ms.offset) % 4];
    workmask[4] = ms.mask[(4 + run + ms.offset) % 4];
    workmask[5] = ms.mask[(5 + run + ms.offset) % 4];
    workmask[6] = ms.mask[(6 + run + ms.offset) % 4];
    workmask[7] = ms.mask[(7 + run + ms.offset) % 4];
    const data64 = new BigUint64Array(
      buffer.buffer,
      run + offset,
      Math.floor((length - run) / 8)
    );
    const workmask64 = new BigUint64Array(workmask.buffer);
    let run64 = 0;
    while (run + 8 < length) {
      data64[run64] ^= workmask64[0];
      run += 8;
      run64++;
    }
    while (run < length) {
      data[run + offset] ^= ms.mask[(run + ms.offset) % 4];
      run++;
    }
  } else {
    const workmask = new Uint8Array(4);
    workmask[0] = ms.mask[(0 + ms.offset) % 4];
    workmask[1] = ms.mask[(1 + ms.offset) % 4];
    workmask[2] = ms.mask[(2 + ms.offset) % 4];
    workmask[3] = ms.mask[(3 + ms.offset) % 4];
    const data = new Uint8Array(buffer.buffer, offset, length);
    for (let run = 0; run < length; run++) {
      data[run] ^= workmask[run % 4];
    }
  }
  ms.offset += length;
}
function readMask(bs) {
  const val = new Uint8Array(4);
  val[0] = bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  val[1] = bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  val[2] = bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  val[3] = bs.buffer.readUInt8(bs.offset);
  bs.offset++;
  return val;
}
var WebSocketParser = class _WebSocketParser extends ParserBaseHttp2 {
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
    stream,
    nativesession,
    isclient,
    initialStreamSendWindowOffsetUnidi,
    initialStreamSendWindowOffsetBidi,
    initialStreamReceiveWindowOffset,
    streamShouldAutoTuneReceiveWindow,
    streamReceiveWindowSizeLimit
  }) {
    super({
      stream,
      nativesession,
      isclient,
      initialStreamSendWindowOffsetUnidi,
      initialStreamSendWindowOffsetBidi,
      initialStreamReceiveWindowOffset,
      streamShouldAutoTuneReceiveWindow,
      streamReceiveWindowSizeLimit
    });
    this.mode = "s";
    this.saveddata = void 0;
    this.rtype = void 0;
    this.bidirectionalLimitsSet = false;
    this.unidirectionalLimitsSet = false;
  }
  /**
   * @param {Buffer} data
   */
  parseData(data) {
    let cdata = data;
    if (this.saveddata) {
      cdata = Buffer.concat([this.saveddata, cdata]);
      delete this.saveddata;
    }
    const bufferstate = { offset: 0, size: cdata.length, buffer: cdata };
    while (bufferstate.size - bufferstate.offset > 0) {
      switch (this.mode) {
        case "s":
          {
            const framestart = bufferstate.offset + bufferstate.buffer.byteOffset;
            const framemaxlength = bufferstate.buffer.byteLength - bufferstate.offset;
            if (bufferstate.size < 2 + bufferstate.offset) {
              this.saveddata = Buffer.from(
                bufferstate.buffer.buffer,
                framestart,
                framemaxlength
              );
              return;
            }
            let curbyte = readByte(bufferstate);
            const fin = (curbyte & 128) >>> 7;
            const rsv = (curbyte & 48) >>> 4;
            if (rsv !== 0) {
              log9("Rsv bits set, should not happen!");
            }
            const opcode = curbyte & 15;
            curbyte = readByte(bufferstate);
            const mask = (curbyte & 128) >>> 7;
            const mlength = mask ? 4 : 0;
            let plength = curbyte & 127;
            if (plength === 126) {
              if (bufferstate.size < 2 + bufferstate.offset) {
                this.saveddata = Buffer.from(
                  bufferstate.buffer.buffer,
                  framestart,
                  framemaxlength
                );
                return;
              }
              plength = readWord(bufferstate);
            } else if (plength === 127) {
              if (bufferstate.size < 8 + bufferstate.offset) {
                this.saveddata = Buffer.from(
                  bufferstate.buffer.buffer,
                  framestart,
                  framemaxlength
                );
                return;
              }
              plength = readQWord(bufferstate);
            }
            if (bufferstate.size < mlength + bufferstate.offset) {
              this.saveddata = Buffer.from(
                bufferstate.buffer.buffer,
                framestart,
                framemaxlength
              );
              return;
            }
            if (mask) {
              this.maskcontext = {
                mask: readMask(bufferstate),
                offset: 0
              };
            } else {
              this.maskcontext = void 0;
            }
            const msgopcode = opcode === _WebSocketParser.WS_CONTINUE ? this.lastopcode : opcode;
            if (opcode < 8) this.lastopcode = fin ? void 0 : msgopcode;
            if (opcode < 8 && (!fin || this.fragments) && (msgopcode === _WebSocketParser.WS_BINARY || this.fragments)) {
              if (opcode !== _WebSocketParser.WS_CONTINUE === !!this.fragments || (this.fragmentsLength || 0) + plength > 8 * Number(this.session.flowController.receiveWindowSize)) {
                this.fragments = void 0;
                this.session.closeConnection({
                  code: 63,
                  // as for other over-long frames above
                  reason: "Bad or too long fragmented message"
                });
                return;
              }
              if (bufferstate.size < plength + bufferstate.offset) {
                this.saveddata = Buffer.from(
                  bufferstate.buffer.buffer,
                  framestart,
                  framemaxlength
                );
                return;
              }
              if (this.maskcontext)
                applyMask(
                  this.maskcontext,
                  bufferstate.buffer,
                  bufferstate.buffer.byteOffset + bufferstate.offset,
                  plength
                );
              (this.fragments ||= []).push(
                Buffer.from(
                  bufferstate.buffer.subarray(
                    bufferstate.offset,
                    bufferstate.offset + plength
                  )
                )
              );
              this.fragmentsLength = (this.fragmentsLength || 0) + plength;
              bufferstate.offset += plength;
              if (fin) {
                const message = Buffer.concat(this.fragments);
                this.fragments = void 0;
                this.fragmentsLength = 0;
                const head = Buffer.alloc(message.length > 65535 ? 10 : 4);
                head[0] = 128 | _WebSocketParser.WS_BINARY;
                if (message.length > 65535) {
                  head[1] = 127;
                  head.writeBigUInt64BE(BigInt(message.length), 2);
                } else {
                  head[1] = 126;
                  head.writeUInt16BE(message.length, 2);
                }
                this.parseData(Buffer.concat([head, message]));
              }
              continue;
            }
            if (opcode === _WebSocketParser.WS_CLOSE || opcode === _WebSocketParser.WS_PING || opcode === _WebSocketParser.WS_PONG) {
              const length = plength;
              if (length > 4 * Number(this.session.flowController.receiveWindowSize)) {
                this.session.closeConnection({
                  code: 63,
                  // QUIC_FLOW_CONTROL_SENT_TOO_MUCH_DATA, // probably the right one...
                  reason: "Frame length too big :" + length
                });
                return;
              } else {
                if (bufferstate.size < length + bufferstate.offset) {
                  this.saveddata = Buffer.from(
                    bufferstate.buffer.buffer,
                    framestart,
                    framemaxlength
                  );
                  return;
                }
              }
              switch (opcode) {
                case _WebSocketParser.WS_CLOSE:
                  if (!this.closesend) {
                    if (this.maskcontext)
                      applyMask(
                        this.maskcontext,
                        bufferstate.buffer,
                        bufferstate.buffer.byteOffset + bufferstate.offset,
                        length
                      );
                    this.sendCloseInt(
                      new Uint8Array(
                        bufferstate.buffer.buffer,
                        bufferstate.buffer.byteOffset + bufferstate.offset,
                        length
                      )
                    );
                    let code = 0;
                    let error = "Session websocket closed";
                    if (length > 2) {
                      const bufhelp = Buffer.from(
                        bufferstate.buffer.buffer,
                        bufferstate.buffer.byteOffset + bufferstate.offset,
                        length
                      );
                      code = bufhelp.readUint16BE(0);
                      const terror = bufhelp.toString("utf8", 2);
                      let tokens = terror.split(":");
                      if (tokens.length > 1) {
                        code = parseInt(tokens[0]);
                        tokens = tokens.slice(1);
                      }
                      error = tokens.join(":");
                    }
                    this.session.jsobj.onClose({
                      errorcode: code,
                      error
                    });
                  } else {
                  }
                  break;
                case _WebSocketParser.WS_PING:
                  if (this.maskcontext)
                    applyMask(
                      this.maskcontext,
                      bufferstate.buffer,
                      bufferstate.buffer.byteOffset + bufferstate.offset,
                      length
                    );
                  this.sendPong(
                    new Uint8Array(
                      bufferstate.buffer.buffer,
                      bufferstate.buffer.byteOffset + bufferstate.offset,
                      length
                    )
                  );
                  break;
                default:
              }
              bufferstate.offset += length;
            } else if (opcode === _WebSocketParser.WS_BINARY) {
              let typelength;
              let type;
              let continuep;
              if (plength === 0) {
                log9("warning empty data frame");
                bufferstate.offset += plength;
                continue;
              }
              if (opcode === _WebSocketParser.WS_BINARY) {
                if (bufferstate.size < 2 + bufferstate.offset) {
                  this.saveddata = Buffer.from(
                    bufferstate.buffer.buffer,
                    framestart,
                    framemaxlength
                  );
                  return;
                }
                continuep = false;
                typelength = -bufferstate.offset;
                if (this.maskcontext)
                  type = readVarIntMasked(bufferstate, this.maskcontext);
                else {
                  type = readVarInt(bufferstate);
                  if (typeof type !== "undefined") type = Number(type);
                }
                typelength += bufferstate.offset;
                if (typeof type !== "undefined" && typelength > plength) {
                  this.session.closeConnection({
                    code: 4,
                    // QUIC_INVALID_FRAME_DATA
                    reason: "Truncated capsule in WebSocket frame"
                  });
                  return;
                }
                if (typeof type === "undefined" || bufferstate.size < 1 + bufferstate.offset) {
                  this.saveddata = Buffer.from(
                    bufferstate.buffer.buffer,
                    framestart,
                    framemaxlength
                  );
                  return;
                }
                this.curtype = type;
              } else {
                continuep = true;
                typelength = 0;
                type = this.curtype;
              }
              const length = plength - typelength;
              let checklength = length;
              const offsetend = Math.min(
                bufferstate.offset + length,
                bufferstate.size
              );
              const offsetbegin = bufferstate.offset;
              if (type === ParserBase.PADDING || type === ParserBase.WT_STREAM_WOFIN || type === ParserBase.WT_STREAM_WFIN) {
                checklength = Math.min(length, 64);
              }
              if (bufferstate.size < checklength + bufferstate.offset) {
                this.saveddata = Buffer.from(
                  bufferstate.buffer.buffer,
                  framestart,
                  framemaxlength
                );
                return;
              }
              if (this.maskcontext)
                applyMask(
                  this.maskcontext,
                  bufferstate.buffer,
                  bufferstate.buffer.byteOffset + bufferstate.offset,
                  offsetend - bufferstate.offset
                );
              let streamid;
              let wbufferstate;
              if (type !== ParserBase.WT_STREAM_WOFIN || type !== ParserBase.WT_STREAM_WFIN) {
                if (fin) {
                  wbufferstate = bufferstate;
                  if (this.contframes) {
                    this.contframes.push(
                      new Uint8Array(
                        bufferstate.buffer.buffer,
                        bufferstate.buffer.byteOffset + bufferstate.offset,
                        offsetend - bufferstate.offset
                      )
                    );
                    const nsize = this.contframes.reduce(
                      (length2, val) => length2 + val.byteLength,
                      0
                    );
                    const jbuffer = Buffer.allocUnsafe(nsize);
                    this.contframes.reduce((offset, val) => {
                      Buffer.from(
                        val.buffer,
                        val.byteOffset,
                        val.byteLength
                      ).copy(jbuffer, offset);
                      return offset + val.byteLength;
                    }, 0);
                    wbufferstate = { offset: 0, size: nsize, buffer: jbuffer };
                  }
                } else {
                  if (!this.contframes)
                    this.contframes = [];
                  this.contframes.push(
                    new Uint8Array(
                      bufferstate.buffer.buffer,
                      bufferstate.buffer.byteOffset + bufferstate.offset,
                      offsetend - bufferstate.offset
                    )
                  );
                }
              }
              switch (type) {
                case ParserBase.PADDING:
                  break;
                case ParserBase.WT_RESET_STREAM:
                case ParserBase.WT_STOP_SENDING:
                  if (wbufferstate) {
                    const streamid2 = readVarInt(wbufferstate);
                    if (typeof streamid2 !== "undefined") {
                      const stream = this.wtstreams.get(streamid2);
                      const code = readVarInt(wbufferstate);
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
                  if (!continuep) {
                    streamid = readVarInt(bufferstate);
                    this.cstreamid = streamid;
                  } else {
                    streamid = this.cstreamid;
                  }
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
                      const fin2 = type === ParserBase.WT_STREAM_WFIN && bufferstate.size >= length + offsetbegin;
                      if (fin2) object.onFin();
                      object.recvData({
                        data: offsetend - bufferstate.offset > 0 ? new Uint8Array(
                          bufferstate.buffer.buffer,
                          bufferstate.buffer.byteOffset + bufferstate.offset,
                          offsetend - bufferstate.offset
                        ) : void 0,
                        fin: fin2
                      });
                    }
                  }
                  break;
                case ParserBase.WT_MAX_DATA:
                  this.onMaxData(readVarInt(bufferstate));
                  break;
                case ParserBase.WT_MAX_STREAM_DATA:
                  {
                    const streamid2 = readVarInt(bufferstate);
                    const offset = readVarInt(bufferstate);
                    if (typeof streamid2 !== "undefined" && typeof offset !== "undefined")
                      this.onMaxStreamData(streamid2, offset);
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
                    const streamid2 = readVarInt(bufferstate);
                    const offset = readVarInt(bufferstate);
                    if (typeof streamid2 !== "undefined" && typeof offset !== "undefined")
                      this.onStreamDataBlocked(streamid2, offset);
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
                  if (wbufferstate) {
                    this.session.jsobj.onDatagramReceived({
                      datagram: new Uint8Array(
                        wbufferstate.buffer.buffer,
                        wbufferstate.buffer.byteOffset + wbufferstate.offset,
                        offsetend - wbufferstate.offset
                      )
                    });
                  }
                  break;
                default:
              }
              if (bufferstate.size < length + offsetbegin) {
                this.remainlength = length + offsetbegin - bufferstate.size;
                this.mode = "c";
                if (typeof streamid !== "undefined") {
                  this.rstreamid = streamid;
                  this.rfin = type === ParserBase.WT_STREAM_WFIN;
                }
              }
              bufferstate.offset = offsetend;
            } else {
              const length = plength;
              if (bufferstate.offset + length > bufferstate.size) {
                this.mode = "c";
                this.rstreamid = void 0;
                this.remainlength = bufferstate.offset + length - bufferstate.size;
                bufferstate.offset = bufferstate.size;
              } else {
                bufferstate.offset += length;
              }
            }
          }
          break;
        case "c":
          {
            const clength = Math.min(
              bufferstate.size - bufferstate.offset,
              this.remainlength
            );
            if (typeof this.rstreamid !== "undefined") {
              const object = this.wtstreams.get(this.rstreamid);
              const fin = !!this.rfin && this.remainlength === clength;
              if (object) {
                if (fin) object.onFin();
                if (this.maskcontext)
                  applyMask(
                    this.maskcontext,
                    bufferstate.buffer,
                    bufferstate.buffer.byteOffset + bufferstate.offset,
                    clength
                  );
                object.recvData({
                  data: new Uint8Array(
                    bufferstate.buffer.buffer,
                    bufferstate.buffer.byteOffset + bufferstate.offset,
                    clength
                  ),
                  fin
                });
              }
            }
            this.remainlength = this.remainlength - clength;
            bufferstate.offset += clength;
            if (this.remainlength === 0) {
              this.maskcontext = void 0;
              this.mode = "s";
              delete this.rfin;
              delete this.rstreamid;
            }
          }
          break;
      }
    }
  }
  /**
   * @param{{code: Number, reason: string}}arg
   */
  sendClose({ code, reason }) {
    super.sendClose({ code, reason });
    this.sendCloseInt();
  }
  /**
   * @param {Uint8Array} [payload]
   */
  sendCloseInt(payload) {
    this.writeWSFrame({ opcode: _WebSocketParser.WS_CLOSE, payload });
    this.closesend = true;
  }
  /**
   * @param {Uint8Array} payload
   */
  sendPong(payload) {
    this.writeWSFrame({ opcode: _WebSocketParser.WS_PONG, payload });
  }
  /**
   * @param{{type: Number, headerVints: Array<Number|bigint>, payload: Uint8Array|undefined, end?: () => void}} bs
   */
  writeCapsule({ type, headerVints, payload, end }) {
    let plength = 0;
    for (const ind in headerVints) plength += lengthVarInt(headerVints[ind]);
    plength += lengthVarInt(type);
    let headlength = plength + 2;
    let mask = 0;
    if (this.isclient) {
      headlength += 4;
      mask = 1;
    }
    if (payload) plength += payload.byteLength;
    if (plength > 65535) {
      headlength += 8;
    } else if (plength > 125) {
      headlength += 2;
    }
    const cdata = Buffer.alloc(headlength);
    const bufferstate = { offset: 0, size: cdata.length, buffer: cdata };
    const maskstate = this.writeHeader(bufferstate, {
      opcode: _WebSocketParser.WS_BINARY,
      plength,
      mask
    });
    const beginmask = bufferstate.offset;
    writeVarInt(bufferstate, type);
    for (const ind in headerVints) writeVarInt(bufferstate, headerVints[ind]);
    const endmask = bufferstate.offset;
    if (maskstate) {
      applyMask(
        maskstate,
        bufferstate.buffer,
        bufferstate.offset + bufferstate.buffer.byteOffset,
        endmask - beginmask
      );
      if (payload)
        applyMask(
          maskstate,
          Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength),
          payload.byteOffset,
          payload.byteLength
        );
    }
    let blocked = false;
    if (payload) {
      blocked = !this.stream.write(cdata);
      blocked = !this.stream.write(payload, end) || blocked;
    } else {
      blocked = !this.stream.write(cdata, end);
    }
    if (blocked) this.blocked = true;
    return blocked;
  }
  /**
   * @param {{ offset: number; size?: number; buffer: Buffer; }} bs
   * @param {{ opcode: number; plength: number; mask: number; }} args
   */
  writeHeader(bs, { opcode, plength, mask }) {
    bs.buffer.writeUint8(128 | opcode & 15, bs.offset);
    bs.offset++;
    let splength = plength;
    if (plength > 65535) {
      splength = 127;
    } else if (plength > 125) {
      splength = 126;
    }
    bs.buffer.writeUint8((mask && 128) | splength & 127, bs.offset);
    bs.offset++;
    if (plength > 65535) {
      bs.buffer.writeBigInt64BE(BigInt(plength), bs.offset);
      bs.offset += 8;
    } else if (plength > 125) {
      bs.buffer.writeUint16BE(plength, bs.offset);
      bs.offset += 2;
    }
    let maskstate;
    if (mask) {
      maskstate = { offset: 0, mask: randomBytes(4) };
      bs.buffer.writeUint32BE(maskstate.mask.readUInt32BE(0), bs.offset);
      bs.offset += 4;
    }
    return maskstate;
  }
  /**
   * @param {{ opcode: number; payload: Uint8Array|undefined; }} args
   */
  writeWSFrame({ opcode, payload }) {
    const plength = payload?.byteLength || 0;
    let headlength = 2;
    let mask = 0;
    if (this.isclient) {
      headlength += 4;
      mask = 1;
    }
    if (plength > 65535) {
      headlength += 8;
    } else if (plength > 125) {
      headlength += 2;
    }
    const cdata = Buffer.alloc(headlength);
    const bufferstate = { offset: 0, size: cdata.length, buffer: cdata };
    const maskstate = this.writeHeader(bufferstate, { opcode, plength, mask });
    if (bufferstate.offset !== headlength)
      throw new Error("Headlength does not match pos");
    let blocked = !this.stream.write(cdata);
    if (maskstate && payload)
      applyMask(
        maskstate,
        Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength),
        0,
        payload.byteLength
      );
    if (payload) blocked = !this.stream.write(payload) || blocked;
    if (blocked) this.blocked = true;
    return blocked;
  }
  /**
   * @param {number} code
   */
  // eslint-disable-next-line no-unused-vars
  closeHttp2Stream(code) {
    const stream = this.stream;
    if (stream.close) {
      stream.setTimeout(
        1e3,
        () => stream.close(
          0
          /* aka NGHTTP2_NO_ERROR */
        )
      );
    } else if (stream.end) stream.end();
    else throw new Error("http2:session not close method");
  }
  initialParametersMandatory() {
    return true;
  }
};
var supportedVersions = ["kDraft1", "kDraft2"];
var Http2WebTransportServer = class {
  /**
   * @param {any} args
   */
  constructor(args) {
    let port = args?.port;
    if (typeof port === "undefined") port = 443;
    this.port = Number(port);
    this.secret = args?.secret;
    if (!this.secret) throw new Error("No secret set for Http2Server");
    this.host = args?.host || "localhost";
    const cert = args?.certhttp2 ? args?.certhttp2 : args?.cert;
    if (!cert) throw new Error("No cert set for Http2Server");
    const key = args?.privKeyhttp2 ? args?.privKeyhttp2 : args?.privKey;
    if (!key) throw new Error("No privKey set for Http2Server");
    this.initialStreamFlowControlWindow = args?.initialStreamFlowControlWindow || 16 * 1024;
    this.initialSessionFlowControlWindow = args?.initialSessionFlowControlWindow || 16 * 1024;
    this.initialBidirectionalStreams = args?.initialBidirectionalStreams || 100;
    this.initialUnidirectionalStreams = args?.initialUnidirectionalStreams || 100;
    this.streamShouldAutoTuneReceiveWindow = args.streamShouldAutoTuneReceiveWindow || true;
    this.streamFlowControlWindowSizeLimit = args?.streamFlowControlWindowSizeLimit || 6 * 1024 * 1024;
    this.sessionShouldAutoTuneReceiveWindow = args.sessionShouldAutoTuneReceiveWindow || true;
    this.sessionFlowControlWindowSizeLimit = args?.sessionFlowControlWindowSizeLimit || 15 * 1024 * 1024;
    this.paths = {};
    this.hasrequesthandler = false;
    this.jsobj = void 0;
    this.canHandleSettings = false;
    this.serverInt = createSecureServer({
      key,
      cert,
      allowHTTP1: true,
      settings: {
        enableConnectProtocol: true,
        customSettings: {
          11105: this.initialSessionFlowControlWindow,
          // SETTINGS_WT_INITIAL_MAX_DATA
          11106: this.initialStreamFlowControlWindow,
          // SETTINGS_WT_INITIAL_MAX_STREAM_DATA_UNI
          11107: this.initialStreamFlowControlWindow,
          // SETTINGS_WT_INITIAL_MAX_STREAM_DATA_BIDI
          11108: this.initialUnidirectionalStreams,
          // SETTINGS_WT_INITIAL_MAX_STREAMS_UNI
          11109: this.initialBidirectionalStreams
          // SETTINGS_WT_INITIAL_MAX_STREAMS_BIDI
        }
      },
      remoteCustomSettings: [11105, 11106, 11107, 11108, 11109]
    });
    this.serverInt.on("listening", () => {
      const addr = this.serverInt.address();
      const retObj = {
        // @ts-ignore
        port: addr?.port,
        // @ts-ignore
        host: addr?.address
      };
      this.jsobj.onServerListening(retObj);
    });
    this.serverInt.on("error", (error) => {
      this.jsobj.onServerError(error);
    });
    this.serverInt.on("session", (session) => {
      let rtt = 100;
      let adjust = 1;
      const pingupdater = () => {
        if (!session.closed)
          session.ping((err, duration, payload) => {
            if (!err) {
              rtt = adjust * duration + (1 - adjust) * rtt;
              adjust = 0.2;
              session.WTrtt = rtt;
            }
          });
        else {
          clearInterval2(pingsender);
          pingsender = void 0;
        }
      };
      let pingsender = setInterval(pingupdater, 1e3);
      pingupdater();
      session.on("close", () => {
        if (pingsender) clearInterval2(pingsender);
      });
    });
    this.serverInt.on("close", () => {
      const retObj = {};
      this.jsobj.onServerClose(retObj);
    });
    this.serverInt.on(
      "upgrade",
      (request, stream, head) => {
        let path = request.url;
        if (!path) {
          stream.destroy();
          return;
        }
        while (path.length > 1 && path[0] === "/" && path[1] === "/") {
          path = path?.slice(1);
        }
        const header = { ...request.headers, ":path": path };
        const { websocketProt, webtransportProt } = this.checkProtocolHeader(header);
        if (webtransportProt) {
          header["wt-available-protocols"] = webtransportProt;
        }
        if (!websocketProt) {
          stream.destroy();
          return;
        }
        if (this.hasrequesthandler) {
          stream.head = head;
          const retObj = {
            header,
            peerAddress: stream.remoteAddress + ":" + stream.remotePort,
            session: stream,
            protocol: "websocketoverhttp1",
            head,
            transportPrivate: { websocketProt }
          };
          this.jsobj.onSessionRequest(retObj);
        } else if (this.paths[path]) {
          this.sendHttp1Headers({ stream, header, protocol: websocketProt }).then(() => {
            const retObj = {
              session: new Http2WebTransportSession({
                stream,
                isclient: false,
                createParser: (nativesession) => {
                  const parse = this.capsParser = new WebSocketParser({
                    stream,
                    nativesession,
                    isclient: false,
                    initialStreamSendWindowOffsetBidi: 0,
                    initialStreamSendWindowOffsetUnidi: 0,
                    initialStreamReceiveWindowOffset: this.initialStreamFlowControlWindow,
                    streamShouldAutoTuneReceiveWindow: this.streamShouldAutoTuneReceiveWindow,
                    streamReceiveWindowSizeLimit: this.streamFlowControlWindowSizeLimit
                  });
                  if (head.byteLength > 0)
                    process.nextTick(() => parse.parseData(head));
                  return parse;
                },
                initialBidirectionalSendStreams: 0,
                initialBidirectionalReceiveStreams: this.initialBidirectionalStreams,
                initialUnidirectionalSendStreams: 0,
                initialUnidirectionalReceiveStreams: this.initialUnidirectionalStreams,
                sendWindowOffset: 0,
                // Start with the configured initial window (as finishSessionRequest
                // does); auto-tuning grows it up to the limit.
                receiveWindowOffset: this.initialSessionFlowControlWindow,
                shouldAutoTuneReceiveWindow: this.sessionShouldAutoTuneReceiveWindow,
                receiveWindowSizeLimit: this.sessionFlowControlWindowSizeLimit
              }),
              path,
              header,
              peerAddress: stream.remoteAddress + ":" + stream.remotePort,
              reliable: true,
              object: this
              // My server
            };
            this.jsobj.onHttpWTSessionVisitor(retObj);
          }).catch((error) => {
            log10("Problem sendHttp1Header", error);
            stream.destroy();
          });
        } else {
          stream.destroy();
        }
      }
    );
    this.serverInt.on("stream", (stream, header) => {
      stream.on("error", () => {
      });
      if (header[":method"] !== "CONNECT") {
        stream.respond({
          ":status": "406"
        });
        stream.close(constants.NGHTTP2_REFUSED_STREAM);
        return;
      }
      let websocketProt;
      if (header[":protocol"] === "websocket" && header["sec-websocket-protocol"]) {
        let obj = this.checkProtocolHeader(header);
        websocketProt = obj.websocketProt;
        if (obj.webtransportProt) {
          header["wt-available-protocols"] = obj.webtransportProt;
        }
      }
      if (header[":protocol"] === "webtransport" && header["wt-available-protocols"]) {
        let splitted = header["wt-available-protocols"].split(",").map((el) => el.trim());
        if (splitted.some(
          (el) => typeof el !== "string" || el.length < 2 || el[0] !== '"' || el.at(-1) !== '"'
        )) {
          stream.respond({
            ":status": "406"
          });
          stream.close(constants.NGHTTP2_REFUSED_STREAM);
          return;
        }
        splitted = splitted.map((el) => el.slice(1, -1));
        if (splitted.some((el) => /\\([^"\\])/.test(el))) {
          stream.close(constants.NGHTTP2_REFUSED_STREAM);
          return;
        }
        header["wt-available-protocols"] = splitted.map(
          (el) => el.replace(/\\(["\\])/g, "$1")
        );
      }
      if (header[":protocol"] !== "webtransport" && !websocketProt) {
        stream.respond({
          ":status": "406"
        });
        stream.close(constants.NGHTTP2_REFUSED_STREAM);
        return;
      }
      if (!header[":path"]) {
        stream.respond({
          ":status": "406"
        });
        stream.close(constants.NGHTTP2_REFUSED_STREAM);
        return;
      }
      let path = header[":path"];
      while (path.length > 1 && path[0] === "/" && path[1] === "/") {
        path = path?.slice(1);
      }
      header[":path"] = path;
      if (this.hasrequesthandler) {
        const socket = stream.session?.socket;
        const retObj = {
          header,
          peerAddress: socket?.remoteAddress + ":" + socket?.remotePort,
          session: stream,
          protocol: websocketProt ? "websocket" : "capsule",
          transportPrivate: { websocketProt }
        };
        this.jsobj.onSessionRequest(retObj);
      } else if (this.paths[path]) {
        const socket = stream.session?.socket;
        const {
          11109: remoteBidirectionalStreams = void 0,
          11108: remoteUnidirectionalStreams = void 0,
          11107: remoteBidirectionalStreamFlowControlWindow = void 0,
          11106: remoteUnidirectionalStreamFlowControlWindow = void 0,
          11105: remoteSessionFlowControlWindow = void 0
          // @ts-ignore
        } = stream?.session?.remoteSettings?.customSettings || {};
        const retObj = {
          session: new Http2WebTransportSession({
            stream,
            isclient: false,
            createParser: (nativesession) => {
              if (!websocketProt) {
                return new Http2CapsuleParser({
                  stream,
                  nativesession,
                  isclient: false,
                  initialStreamSendWindowOffsetBidi: remoteBidirectionalStreamFlowControlWindow || this.initialStreamFlowControlWindow,
                  initialStreamSendWindowOffsetUnidi: remoteUnidirectionalStreamFlowControlWindow || this.initialStreamFlowControlWindow,
                  initialStreamReceiveWindowOffset: this.initialStreamFlowControlWindow,
                  streamShouldAutoTuneReceiveWindow: this.streamShouldAutoTuneReceiveWindow,
                  streamReceiveWindowSizeLimit: this.streamFlowControlWindowSizeLimit
                });
              } else {
                return this.capsParser = new WebSocketParser({
                  stream,
                  nativesession,
                  isclient: false,
                  initialStreamSendWindowOffsetBidi: 0,
                  initialStreamSendWindowOffsetUnidi: 0,
                  initialStreamReceiveWindowOffset: this.initialStreamFlowControlWindow,
                  streamShouldAutoTuneReceiveWindow: this.streamShouldAutoTuneReceiveWindow,
                  streamReceiveWindowSizeLimit: this.streamFlowControlWindowSizeLimit
                });
              }
            },
            initialBidirectionalSendStreams: websocketProt ? 0 : remoteBidirectionalStreams || this.initialBidirectionalStreams,
            initialBidirectionalReceiveStreams: this.initialBidirectionalStreams,
            initialUnidirectionalSendStreams: websocketProt ? 0 : remoteUnidirectionalStreams || this.initialUnidirectionalStreams,
            initialUnidirectionalReceiveStreams: this.initialUnidirectionalStreams,
            sendWindowOffset: !websocketProt ? remoteSessionFlowControlWindow || this.sessionFlowControlWindowSizeLimit : 0,
            // TODO, once supported by node, use initial settings
            // Must equal what we advertised in SETTINGS_WT_INITIAL_MAX_DATA
            // (initialSessionFlowControlWindow): the peer's session send window
            // starts there, and WT_MAX_DATA is only sent once half of *our*
            // window is consumed. With the size limit (15 MiB) here, the peer
            // stalled after 16 KiB waiting for a WT_MAX_DATA that never came.
            receiveWindowOffset: this.initialSessionFlowControlWindow,
            shouldAutoTuneReceiveWindow: this.sessionShouldAutoTuneReceiveWindow,
            receiveWindowSizeLimit: this.sessionFlowControlWindowSizeLimit
          }),
          path,
          header,
          peerAddress: socket?.remoteAddress + ":" + socket?.remotePort,
          reliable: true,
          object: this
          // My server
        };
        const resp = {
          ":status": "200"
        };
        if (websocketProt) {
          resp["sec-websocket-protocol"] = websocketProt;
        }
        stream.respond(resp);
        this.jsobj.onHttpWTSessionVisitor(retObj);
      } else {
        stream.respond({
          ":status": "404"
        });
        stream.end();
        stream.close();
        return;
      }
    });
  }
  /**
   * @param {import("http2").IncomingHttpHeaders} header
   * @return {{websocketProt: string|undefined, webtransportProt?: string}}
   */
  checkProtocolHeader(header) {
    const sechead = header["sec-websocket-protocol"]?.split?.(",")?.map?.((el) => el.trim());
    let prots;
    if (!Array.isArray(sechead)) {
      prots = [sechead];
    } else {
      prots = sechead;
    }
    prots = prots.map((el) => el ? el.split("_") : [void 0, void 0]).filter((el) => el[0] === "webtransport").filter((el) => el[1] ? supportedVersions.includes(el[1]) : false);
    if (prots.length > 0) {
      const selWtVersion = prots[0][1];
      prots = prots.filter((el) => el[1] === selWtVersion);
      const retObj = { websocketProt: prots[0].slice(0, 2).join("_") };
      if (prots.some((el) => el[2])) {
        retObj.webtransportProt = [
          ...new Set(
            prots.filter((el) => el[2]).map((el) => el.slice(2).join("_"))
          )
        ];
      }
      return retObj;
    } else return { websocketProt: void 0 };
  }
  startServer() {
    this.serverInt.listen(this.port, this.host);
  }
  stopServer() {
    this.serverInt.close();
  }
  /**
   * @param {string|string[]} cert
   * @param {string|string[]} privKey
   * @param {boolean} http2only
   * */
  // eslint-disable-next-line no-unused-vars
  updateCert(cert, privKey, http2only) {
    this.serverInt.setSecureContext({ key: privKey, cert });
  }
  /**
   * @param {boolean} isset
   */
  setJSRequestHandler(isset) {
    this.hasrequesthandler = isset;
  }
  /**
   * @param {string} path
   */
  addPath(path) {
    this.paths[path] = true;
  }
  /**
   * @param {{stream: import('net').Socket, header: any, protocol: string}} args
   */
  async sendHttp1Headers({ stream, header, protocol }) {
    try {
      const digi = await crypto.subtle.digest(
        "SHA-1",
        new TextEncoder().encode(
          header["sec-websocket-key"] + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
        )
      );
      const wstoken = Buffer.from(digi).toString("base64");
      stream.write(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Protocol: " + protocol + "\r\nSec-WebSocket-Accept: " + wstoken + "\r\n\r\n"
      );
    } catch (error) {
      log10("Problem decoding websocket token:", error);
      stream.destroy();
    }
  }
  /**
   * @param {any} args
   */
  finishSessionRequest({
    header,
    peerAddress,
    userData,
    session: stream,
    status,
    protocol,
    head,
    path,
    transportPrivate,
    selectedProtocol
  }) {
    if (status !== 200) {
      if (protocol === "websocketoverhttp1") {
        stream.destroy();
      } else {
        stream.respond({
          ":status": status.toString()
        });
        stream.end();
        stream.close();
      }
    } else {
      if (protocol === "websocketoverhttp1") {
        this.sendHttp1Headers({
          // @ts-ignore
          stream,
          header,
          protocol: selectedProtocol ? (
            // @ts-ignore
            transportPrivate.websocketProt + "_" + selectedProtocol
          ) : (
            // @ts-ignore
            transportPrivate.websocketProt
          )
        }).then(() => {
          const retObj = {
            session: new Http2WebTransportSession({
              stream,
              isclient: false,
              createParser: (nativesession) => {
                const parse = this.capsParser = new WebSocketParser({
                  stream,
                  nativesession,
                  isclient: false,
                  initialStreamSendWindowOffsetBidi: 0,
                  initialStreamSendWindowOffsetUnidi: 0,
                  initialStreamReceiveWindowOffset: this.initialStreamFlowControlWindow,
                  streamShouldAutoTuneReceiveWindow: this.streamShouldAutoTuneReceiveWindow,
                  streamReceiveWindowSizeLimit: this.streamFlowControlWindowSizeLimit
                });
                if (head && head.byteLength > 0)
                  process.nextTick(() => parse.parseData(head));
                return parse;
              },
              initialBidirectionalSendStreams: 0,
              initialBidirectionalReceiveStreams: this.initialBidirectionalStreams,
              initialUnidirectionalSendStreams: 0,
              initialUnidirectionalReceiveStreams: this.initialUnidirectionalStreams,
              sendWindowOffset: 0,
              receiveWindowOffset: this.initialSessionFlowControlWindow,
              shouldAutoTuneReceiveWindow: this.sessionShouldAutoTuneReceiveWindow,
              receiveWindowSizeLimit: this.sessionFlowControlWindowSizeLimit
            }),
            path,
            header,
            peerAddress,
            userData
          };
          this.jsobj.onHttpWTSessionVisitor(retObj);
        }).catch((error) => {
          log10("sendHttp1Headers error", error);
        });
      } else {
        const resp = {
          ":status": "200"
        };
        if (transportPrivate?.websocketProt)
          resp["sec-websocket-protocol"] = selectedProtocol ? (
            // @ts-ignore
            transportPrivate.websocketProt + "_" + selectedProtocol
          ) : (
            // @ts-ignore
            transportPrivate.websocketProt
          );
        else if (selectedProtocol) resp["wt-protocol"] = selectedProtocol;
        stream.respond(resp);
        const {
          11109: remoteBidirectionalStreams = void 0,
          11108: remoteUnidirectionalStreams = void 0,
          11107: remoteBidirectionalStreamFlowControlWindow = void 0,
          11106: remoteUnidirectionalStreamFlowControlWindow = void 0,
          11105: remoteSessionFlowControlWindow = void 0
          // @ts-ignore
        } = stream?.session?.remoteSettings?.customSettings || {};
        const retObj = {
          session: new Http2WebTransportSession({
            stream,
            isclient: false,
            createParser: (nativesession) => {
              if (protocol !== "websocket") {
                return new Http2CapsuleParser({
                  stream,
                  nativesession,
                  isclient: false,
                  initialStreamSendWindowOffsetBidi: remoteBidirectionalStreamFlowControlWindow || this.initialStreamFlowControlWindow,
                  initialStreamSendWindowOffsetUnidi: remoteUnidirectionalStreamFlowControlWindow || this.initialStreamFlowControlWindow,
                  initialStreamReceiveWindowOffset: this.initialStreamFlowControlWindow,
                  streamShouldAutoTuneReceiveWindow: this.streamShouldAutoTuneReceiveWindow,
                  streamReceiveWindowSizeLimit: this.streamFlowControlWindowSizeLimit
                });
              } else {
                return this.capsParser = new WebSocketParser({
                  stream,
                  nativesession,
                  isclient: false,
                  initialStreamSendWindowOffsetBidi: 0,
                  initialStreamSendWindowOffsetUnidi: 0,
                  initialStreamReceiveWindowOffset: this.initialStreamFlowControlWindow,
                  streamShouldAutoTuneReceiveWindow: this.streamShouldAutoTuneReceiveWindow,
                  streamReceiveWindowSizeLimit: this.streamFlowControlWindowSizeLimit
                });
              }
            },
            initialBidirectionalSendStreams: protocol !== "websocket" ? remoteBidirectionalStreams || this.initialBidirectionalStreams : 0,
            // TODO, once supported by node, use initial settings
            initialBidirectionalReceiveStreams: this.initialBidirectionalStreams,
            initialUnidirectionalSendStreams: protocol !== "websocket" ? remoteUnidirectionalStreams || this.initialUnidirectionalStreams : 0,
            // TODO, once supported by node, use initial settings
            initialUnidirectionalReceiveStreams: this.initialUnidirectionalStreams,
            sendWindowOffset: protocol !== "websocket" ? remoteSessionFlowControlWindow || this.sessionFlowControlWindowSizeLimit : 0,
            // TODO, once supported by node, use initial settings
            receiveWindowOffset: this.initialSessionFlowControlWindow,
            shouldAutoTuneReceiveWindow: this.sessionShouldAutoTuneReceiveWindow,
            receiveWindowSizeLimit: this.sessionFlowControlWindowSizeLimit
          }),
          path,
          header,
          peerAddress,
          userData
        };
        this.jsobj.onHttpWTSessionVisitor(retObj);
      }
    }
  }
};
var log11 = logger(`webtransport:httpserver(${process?.pid})`);
var checkQuicheInit;
var Http3WebTransportServer;
var Http3WebTransportServerSocket;
var quicheLoaded = new Promise((resolve, reject) => {
  import("@fails-components/webtransport-transport-http3-quiche").then(
    /**
     * @type {any}
     */
    (http3lib) => {
      ;
      ({
        checkQuicheInit,
        Http3WebTransportServer,
        Http3WebTransportServerSocket
      } = http3lib);
      resolve(void 0);
    }
  ).catch((error) => {
    console.error("Problem loading http3-quiche transport");
    console.error(
      "Did you install @fails-components/webtransport-transport-http3-quiche?"
    );
    log11("Problem loading http3-quiche transport", error);
    log11(
      "Did you install @fails-components/webtransport-transport-http3-quiche?"
    );
    reject(error);
  });
}).catch((error) => {
  console.log("http3 loader:", error);
});
var TransportIntServerProxy = class {
  /**
   * @param {Array<any>} transportInts
   * */
  constructor(transportInts) {
    this.transportsInts = new Set(transportInts);
  }
  startServer() {
    this.transportsInts.forEach((transport) => {
      if (transport.startServer) transport.startServer();
    });
  }
  stopServer() {
    this.transportsInts.forEach((transport) => {
      if (transport.stopServer) transport.stopServer();
    });
  }
  /**
   * @param {string|string[]} cert
   * @param {string|string[]} privKey
   * @param {boolean} http2only
   * */
  updateCert(cert, privKey, http2only) {
    this.transportsInts.forEach((transport) => {
      if (transport.updateCert) transport.updateCert(cert, privKey, http2only);
    });
  }
  /**
   * @param {boolean} hasHandler
   */
  setJSRequestHandler(hasHandler) {
    this.transportsInts.forEach(
      (transport) => transport.setJSRequestHandler(hasHandler)
    );
  }
  /**
   * @param {string} path
   */
  addPath(path) {
    this.transportsInts.forEach((transport) => transport.addPath(path));
  }
  set jsobj(newJSobj) {
    this.transportsInts.forEach((transport) => transport.jsobj = newJSobj);
  }
  get jsobj() {
    return this.transportsInts.values().next().value;
  }
};
var HttpServer = class {
  /**
   *
   * @param {HttpServerInit} args
   */
  constructor(args) {
    this.args = args;
    this.sessionStreams = {};
    this.sessionController = {};
    this.port = null;
    this.host = null;
    this.defaultDatagramsReadableMode_ = args.defaultDatagramsReadableMode;
    this.requestHandler = null;
    this._ready = defer();
    this.ready = this._ready.promise;
    this._closed = defer();
    this.closed = this._closed.promise;
    this._pendingPaths = [];
    this._pendingRequestCallback = void 0;
  }
  startServer() {
    this.createTransportInt().then(() => {
      if (this.transportInt.startServer) this.transportInt.startServer();
      while (this._pendingPaths.length > 0) {
        const path = this._pendingPaths.shift();
        this.transportInt.addPath(path);
      }
      if (typeof this._pendingRequestCallback !== "undefined") {
        this.transportInt.setJSRequestHandler(this._pendingRequestCallback);
        delete this._pendingRequestCallback;
      }
    }).catch((error) => {
      log11("Problem in startServer", error);
    });
  }
  stopServer() {
    this.transportInt.stopServer();
    for (const i in this.sessionController) {
      this.sessionController[i].close();
      delete this.sessionController[i];
    }
    this.stopped = true;
  }
  /**
   * @param {string} cert
   * @param {string} privKey
   * @param {boolean} http2only
   * */
  updateCert(cert, privKey, http2only) {
    if (this.transportInt.updateCert)
      this.transportInt.updateCert(cert, privKey, http2only);
  }
  /**
   * @returns {{ port: number, host: string, family: 'IPv4' | 'IPv6' } | null}
   */
  address() {
    if (this.port == null || this.host == null) {
      return null;
    }
    return {
      port: this.port,
      host: this.host,
      family: isIPv4(this.host) ? "IPv4" : "IPv6"
    };
  }
  /**
   * @param {any} callback
   */
  setRequestCallback(callback) {
    this.requestHandler = callback;
    if (this.transportInt) this.transportInt.setJSRequestHandler(!!callback);
    else this._pendingRequestCallback = !!callback;
  }
  /**
   * @param {string} path
   * @param {object} [args]
   * @param {boolean} [args.noAutoPaths]
   * @returns {ReadableStream<WebTransportSession>}
   */
  sessionStream(path, args) {
    if (path in this.sessionStreams) {
      return this.sessionStreams[path];
    }
    this.sessionStreams[path] = new ReadableStream3({
      start: async (controller) => {
        this.sessionController[path] = controller;
      },
      cancel: () => {
        delete this.sessionController[path];
      }
    });
    if (!args || !args.noAutoPaths) {
      if (this.transportInt) this.transportInt.addPath(path);
      else this._pendingPaths.push(path);
    }
    return this.sessionStreams[path];
  }
  /**
   * @param {ServerSessionRequestEvent} args
   */
  onSessionRequest(args) {
    if ((args.promise || args.protocol !== "http3:libquiche") && args.header) {
      if (!this.requestHandler) throw new Error("Request handler not set");
      this.requestHandler({ header: args.header }).then((result) => {
        log11("oSR", result);
        this.transportInt.finishSessionRequest({
          peerAddress: args.peerAddress,
          promise: args.promise,
          header: args.header,
          session: args.session,
          head: args.head,
          transportPrivate: args.transportPrivate,
          protocol: args.protocol,
          ...result
        });
      }).catch((err) => {
        log11.error(err);
      });
    } else throw new Error("onSessionRequest");
  }
  /**
   * @param {HttpWTServerSessionVisitorEvent} args
   */
  onHttpWTSessionVisitor(args) {
    const sesobj = new HttpWTSession({
      object: args.session,
      header: args.header,
      peerAddress: args.peerAddress,
      userData: args.userData ?? {},
      datagramsReadableMode: this.defaultDatagramsReadableMode_,
      parentobj: this
    });
    args.session.jsobj = sesobj;
    if (this.sessionController[args.path])
      this.sessionController[args.path].enqueue(sesobj);
  }
  /**
   * @param {Error} [error]
   */
  onServerError(error) {
    this._ready.reject(error);
  }
  /**
   * @param {HttpServerListeningEvent} evt
   */
  onServerListening(evt) {
    if (evt.host) this.host = evt.host;
    if (evt.port) this.port = evt.port;
    this._ready.resolve();
  }
  /**
   */
  onServerClose() {
    this._closed.resolve();
  }
  /**
   * @param{{path: string} |undefined} [args]
   **/
  async createTransportInt(args) {
    if (this.transportInt != null) {
      return;
    }
    if (
      // @ts-ignore
      this.args && // @ts-ignore
      (this.args?.reliability === "unreliableOnly" || // @ts-ignore
      typeof this.args?.reliability === "undefined" || // @ts-ignore
      this.args?.reliability === "both")
    ) {
      await quicheLoaded;
      checkQuicheInit(args);
    }
    try {
      let socket;
      const reliability = this.args?.reliability || "unreliableOnly";
      switch (reliability) {
        case "unreliableOnly":
          socket = new Http3WebTransportServerSocket(this.args);
          this.transportInt = new Http3WebTransportServer(this.args);
          this.transportInt.stopServer = socket.stopServer.bind(socket);
          socket.init();
          socket.cobj = this.transportInt;
          socket.jsobj = this;
          this.transportInt.socket = socket;
          break;
        case "reliableOnly":
          this.transportInt = new Http2WebTransportServer(this.args);
          break;
        case "both":
          {
            socket = new Http3WebTransportServerSocket(this.args);
            const server3 = new Http3WebTransportServer(this.args);
            server3.stopServer = socket.stopServer.bind(socket);
            socket.init();
            server3.socket = socket;
            socket.cobj = server3;
            socket.jsobj = this;
            const server2 = new Http2WebTransportServer(this.args);
            server2.jsobj = this;
            this.transportInt = new TransportIntServerProxy([server2, server3]);
          }
          break;
      }
    } catch (err) {
      log11("Problem opening transports:", err);
      const error = new WebTransportError("Opening transport failed.");
      error.stack = err.stack;
      throw error;
    }
    this.transportInt.jsobj = this;
    if (this.transportInt.createTransport) {
      this.transportInt.createTransport();
    }
  }
};
var Http3Server = class extends HttpServer {
  /**
   *
   * @param {HttpServerInit} args
   */
  constructor(args) {
    super({ ...args, reliability: "unreliableOnly" });
  }
};
var Http2Server = class extends HttpServer {
  /**
   *
   * @param {HttpServerInit} args
   */
  constructor(args) {
    super({ ...args, reliability: "reliableOnly" });
  }
};
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
var pid8 = typeof process !== "undefined" ? process.pid : 0;
var log12 = logger(`webtransport:httpclient(${pid8})`);
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
        log12.error("quic connection timeout");
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
        log12.error("webtransport connection timeout");
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
var log13 = logger(`webtransportnode(${process?.pid})`);
var checkQuicheInit2;
var Http3WebTransportClientSocket;
var Http3WebTransportClient;
var quicheLoadedReady;
var quicheLoaded2 = new Promise((resolve, reject) => {
  import("@fails-components/webtransport-transport-http3-quiche").then(
    /**
     * @type {any}
     */
    (http3lib) => {
      ;
      ({
        checkQuicheInit: checkQuicheInit2,
        Http3WebTransportClientSocket,
        Http3WebTransportClient
      } = http3lib);
      resolve(void 0);
    }
  ).finally(() => {
    quicheLoadedReady = true;
  }).catch((error) => {
    log13("Problem loading http3-quiche transport", error);
    reject(error);
  });
}).catch((error) => {
  console.log("http3 loader:", error);
});
var WebTransport = class extends WebTransportBase {
  /**
   * @param{{client: HttpClient, sessionint: HttpWTSession, ourl: URL}} args
   */
  startUpConnection({ client, sessionint, ourl }) {
    const path = ourl.pathname + (ourl.search ?? "");
    client.handleConnection({ createTransport: true, path }).then(() => client.createWTSession(sessionint, path)).catch((error) => {
      if (client.transportIntSwitchToReliable) {
        log13("Connecting to unreliable failed:", error);
        log13("Now switching to reliable");
        client.transportIntSwitchToReliable();
        client.handleConnection({ createTransport: false, path }).then(() => client.createWTSession(sessionint, path)).catch((error2) => {
          client.closeHookSession();
          sessionint.readyReject(error2);
          sessionint.closedReject(error2);
        });
      } else {
        client.closeHookSession();
        sessionint.readyReject(error);
        sessionint.closedReject(error);
      }
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
    let createUnreliableClient;
    if (!quicheLoadedReady && !args?.forceReliable)
      throw new Error("Lib quiche loading attempt did not end");
    if (checkQuicheInit2) {
      createUnreliableClient = function(_client) {
        if (
          // @ts-ignore
          !args?.forceReliable
        ) {
          checkQuicheInit2(args);
        }
        const socket = new Http3WebTransportClientSocket(args);
        const uclient = new Http3WebTransportClient(args);
        uclient.closeClientInt = uclient.closeClient;
        uclient.closeClient = socket.closeClient.bind(socket);
        socket.init();
        socket.cobj = uclient;
        uclient.socket = socket;
        return uclient;
      };
    }
    const client = new HttpClient({
      // eslint-disable-next-line no-unused-vars
      createReliableClient: function(client2) {
        return new Http2WebTransportClient({ ...args });
      },
      createUnreliableClient,
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
export {
  Http2Server,
  Http3Server,
  HttpServer,
  WebTransport,
  quicheLoaded2 as quicheLoaded
};
//# sourceMappingURL=fails-QF2T4KET.js.map
