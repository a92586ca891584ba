// lib/deps/esbuild.ts
export * from "esbuild";
//# sourceMappingURL=esbuild-TQOS5KZV.js.map
