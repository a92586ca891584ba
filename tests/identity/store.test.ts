import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { IdentityError } from "../../lib/errors.ts";
import { createLogger } from "../../lib/log.ts";
import {
  generateIdentity,
  loadIdentity,
  loadOrCreateIdentity,
  saveIdentity,
  verify,
} from "../../lib/identity/mod.ts";
import { encodePem } from "../../lib/codec/pem.ts";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "geomesh-identity-"));
  dirs.push(dir);
  return dir;
}
const mode = async (path: string) => (await stat(path)).mode & 0o777;

async function refused(certPath: string, match: RegExp): Promise<IdentityError> {
  try {
    await loadOrCreateIdentity({ certPath });
  } catch (err) {
    assert.instance(err, IdentityError);
    assert.is((err as IdentityError).code, "IDENTITY_ERROR");
    assert.match((err as Error).message, match);
    return err as IdentityError;
  }
  throw new Error("expected IdentityError");
}

test("creates the key under the cert path (dir 0700, file 0600) and loads the same id", async () => {
  const certPath = join(await tempDir(), "nested", "certs");
  const lines: string[] = [];
  const logger = createLogger({ json: true, sink: (l) => lines.push(l) });
  const first = await loadOrCreateIdentity({ certPath, logger });
  assert.is(await mode(certPath), 0o700);
  assert.is(await mode(join(certPath, "identity.key")), 0o600);
  const pem = await readFile(join(certPath, "identity.key"), "utf8");
  assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n/);
  assert.ok(lines.some((l) => JSON.parse(l).id === first.id), "creation is logged with the id");
  assert.not.ok(first.privateKey.extractable, "the running key is not extractable");
  const second = await loadOrCreateIdentity({ certPath });
  assert.is(second.id, first.id);
  const data = new Uint8Array([1, 2, 3]);
  assert.ok(await verify(first.id, "hello", data, await second.sign("hello", data)));
  assert.is((await loadIdentity(join(certPath, "identity.key"))).id, first.id);
  // Custom file name.
  const other = await loadOrCreateIdentity({ certPath, fileName: "other.key" });
  assert.is.not(other.id, first.id);
});

test("concurrent first starts agree on one identity", async () => {
  const certPath = join(await tempDir(), "certs");
  const ids = await Promise.all(
    Array.from({ length: 6 }, () => loadOrCreateIdentity({ certPath }).then((i) => i.id)),
  );
  assert.is(new Set(ids).size, 1);
  assert.is(await mode(join(certPath, "identity.key")), 0o600);
});

test("corrupt, truncated or wrong-type files are refused and never replaced", async () => {
  const me = await generateIdentity({ extractable: true });
  const good = encodePem(
    new Uint8Array(await crypto.subtle.exportKey("pkcs8", me.privateKey)),
    "PRIVATE KEY",
  );
  const ec = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
  ]) as CryptoKeyPair;
  const ecPem = encodePem(
    new Uint8Array(await crypto.subtle.exportKey("pkcs8", ec.privateKey)),
    "PRIVATE KEY",
  );
  const cases: [string, string, RegExp][] = [
    ["garbage", "this is not a key\n", /corrupt: no PEM block/],
    ["truncated", good.slice(0, 60), /corrupt/],
    ["bad base64", good.replace(/\n[A-Za-z0-9+/]{4}/, "\n!!!!"), /corrupt/],
    ["wrong label", good.replace(/PRIVATE KEY/g, "CERTIFICATE"), /expected one "PRIVATE KEY"/],
    ["two blocks", good + good, /expected one/],
    ["EC key", ecPem, /unusable/],
    [
      "random DER",
      encodePem(crypto.getRandomValues(new Uint8Array(48)), "PRIVATE KEY"),
      /unusable/,
    ],
    ["empty", "", /corrupt/],
  ];
  for (const [name, content, match] of cases) {
    const certPath = await tempDir();
    const file = join(certPath, "identity.key");
    await writeFile(file, content, { mode: 0o600 });
    const err = await refused(certPath, match);
    assert.ok(err.message.includes(file), `${name}: message names the file`);
    assert.is(await readFile(file, "utf8"), content, `${name}: file left untouched`);
  }
  const certPath = await tempDir();
  await mkdir(join(certPath, "identity.key"));
  await refused(certPath, /not a regular file/);
});

test("group/world-readable key is tightened to 0600 with a warning", async () => {
  const certPath = await tempDir();
  const me = await loadOrCreateIdentity({ certPath });
  const file = join(certPath, "identity.key");
  await chmod(file, 0o644);
  const lines: string[] = [];
  const logger = createLogger({ json: true, sink: (l) => lines.push(l) });
  assert.is((await loadOrCreateIdentity({ certPath, logger })).id, me.id);
  assert.is(await mode(file), 0o600);
  const warning = lines.map((l) => JSON.parse(l)).find((l) => l.level === "warn");
  assert.ok(warning, "a warning was logged");
  assert.is(warning.mode, "644");
});

test("saveIdentity never overwrites; bad options are TypeErrors", async () => {
  const certPath = await tempDir();
  const file = join(certPath, "identity.key");
  await saveIdentity(file, await generateIdentity({ extractable: true }));
  const before = await readFile(file, "utf8");
  try {
    await saveIdentity(file, await generateIdentity({ extractable: true }));
    assert.unreachable("should refuse");
  } catch (err) {
    assert.instance(err, IdentityError);
    assert.match((err as Error).message, /already exists/);
  }
  assert.is(await readFile(file, "utf8"), before);
  for (const bad of [{ certPath: "" }, { certPath, fileName: "../x" }]) {
    try {
      await loadOrCreateIdentity(bad);
      assert.unreachable("should throw");
    } catch (err) {
      assert.instance(err, TypeError);
    }
  }
});

test.after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

test.run();
