import {
  CloseCode,
  DEFAULT_CONFIG,
  GeomeshNode,
  LOG_SUBSYSTEMS,
  createNode,
  formatAddress,
  fromP2PConfig,
  metricsToPrometheus,
  parseAddress,
  resolveConfig,
  startNode,
  toP2PConfig
} from "./chunk-EDVN7UQJ.js";
import {
  MemoryNetwork,
  createMemoryNetwork
} from "./chunk-RYDJ5ECD.js";
import {
  childLogger,
  createLogger,
  parseLogSpec,
  silentLogger
} from "./chunk-CX4A7AO7.js";
import "./chunk-SWZLZUJB.js";
import {
  AbortedError,
  AddressError,
  AdmissionError,
  AuthenticationError,
  CertificateError,
  ConnectError,
  DecodeError,
  GeomeshError,
  IdentityError,
  MessageTooLargeError,
  OverloadedError,
  PinMismatchError,
  ProtocolError,
  RemoteError,
  SessionClosedError,
  SignatureError,
  StaleError,
  TimeoutError,
  UnknownActorError,
  UnknownPeerError
} from "./chunk-L7ONBLAV.js";
export {
  AbortedError,
  AddressError,
  AdmissionError,
  AuthenticationError,
  CertificateError,
  CloseCode,
  ConnectError,
  DEFAULT_CONFIG,
  DecodeError,
  GeomeshError,
  GeomeshNode,
  IdentityError,
  LOG_SUBSYSTEMS,
  MemoryNetwork,
  MessageTooLargeError,
  OverloadedError,
  PinMismatchError,
  ProtocolError,
  RemoteError,
  SessionClosedError,
  SignatureError,
  StaleError,
  TimeoutError,
  UnknownActorError,
  UnknownPeerError,
  childLogger,
  createLogger,
  createMemoryNetwork,
  createNode,
  formatAddress,
  fromP2PConfig,
  metricsToPrometheus,
  parseAddress,
  parseLogSpec,
  resolveConfig,
  silentLogger,
  startNode,
  toP2PConfig
};
//# sourceMappingURL=mod.js.map
