import { test } from "npm:uvu@0.5.6";
import * as assert from "npm:uvu@0.5.6/assert";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CURRENT_CERT_FILE,
  decodePem,
  loadCertificateFile,
  loadOrCreateCertificates,
  NEXT_CERT_FILE,
  pinToString,
  rotationTime,
} from "../../lib/cert/mod.ts";
import { certError, DAY, makeRawCertificate } from "./helpers.ts";

const HOSTS = ["127.0.0.1", "localhost"];
const T0 = Date.UTC(2031, 5, 1);
const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "geomesh-cert-"));
  dirs.push(dir);
  return dir;
}
const mode = async (path: string) => (await stat(path)).mode & 0o777;

test("creates tls-current.pem / tls-next.pem (0600 in a 0700 dir) and reloads them", async () => {
  const certPath = join(await tempDir(), "certs");
  const made = await loadOrCreateCertificates({ certPath, hostnames: HOSTS, now: T0 });
  assert.ok(made.currentChanged && made.nextChanged);
  assert.is(await mode(certPath), 0o700);
  for (const file of [CURRENT_CERT_FILE, NEXT_CERT_FILE]) {
    const path = join(certPath, file);
    assert.is(await mode(path), 0o600, file);
    const labels = decodePem(await readFile(path, "utf8")).map((b) => b.label);
    assert.equal(labels, ["CERTIFICATE", "PRIVATE KEY"]);
  }
  const again = await loadOrCreateCertificates({ certPath, hostnames: HOSTS, now: T0 + DAY });
  assert.not.ok(again.currentChanged || again.nextChanged);
  assert.is(pinToString(again.current.pin), pinToString(made.current.pin));
  assert.is(pinToString(again.next.pin), pinToString(made.next.pin));
  assert.equal(again.current.keyPem, made.current.keyPem);
  const direct = await loadCertificateFile(join(certPath, CURRENT_CERT_FILE), { now: T0 });
  assert.is(pinToString(direct.pin), pinToString(made.current.pin));
});

test("rotation through the store: files follow, the old next is served", async () => {
  const certPath = await tempDir();
  const made = await loadOrCreateCertificates({ certPath, hostnames: HOSTS, now: T0 });
  const due = rotationTime(made.current).getTime();
  const rotated = await loadOrCreateCertificates({ certPath, hostnames: HOSTS, now: due + 1 });
  assert.ok(rotated.rotated);
  assert.is(pinToString(rotated.current.pin), pinToString(made.next.pin));
  const reread = await loadOrCreateCertificates({ certPath, hostnames: HOSTS, now: due + 2 });
  assert.not.ok(reread.currentChanged || reread.nextChanged);
  assert.is(pinToString(reread.current.pin), pinToString(made.next.pin));
  assert.is(pinToString(reread.next.pin), pinToString(rotated.next.pin));
  // Expired files (node was off for a month) are replaced, not refused.
  const month = await loadOrCreateCertificates({ certPath, hostnames: HOSTS, now: T0 + 40 * DAY });
  assert.ok(month.currentChanged && month.nextChanged);
  // A crash between the two writes (next == current on disk) heals on the next start.
  await writeFile(
    join(certPath, NEXT_CERT_FILE),
    await readFile(join(certPath, CURRENT_CERT_FILE)),
  );
  const healed = await loadOrCreateCertificates({ certPath, hostnames: HOSTS, now: T0 + 40 * DAY });
  assert.ok(!healed.currentChanged && healed.nextChanged);
});

test("corrupt, RSA, 30-day or mismatched files are refused, named, and left alone", async () => {
  const now = T0;
  const rsa = await makeRawCertificate("rsa", new Date(now - DAY), new Date(now + DAY));
  const long = await makeRawCertificate("p256", new Date(now - DAY), new Date(now + 29 * DAY));
  const a = await makeRawCertificate("p256", new Date(now - DAY), new Date(now + DAY));
  const b = await makeRawCertificate("p256", new Date(now - DAY), new Date(now + DAY));
  const cases: [string, string, string, RegExp][] = [
    ["garbage", CURRENT_CERT_FILE, "not a pem file\n", /corrupt certificate PEM/],
    ["truncated", NEXT_CERT_FILE, a.certPem.slice(0, 300), /corrupt/],
    ["RSA", CURRENT_CERT_FILE, rsa.certPem + rsa.keyPem, /RSA 2048-bit/],
    ["30 days", NEXT_CERT_FILE, long.certPem + long.keyPem, /valid for 30 days/],
    ["key mismatch", CURRENT_CERT_FILE, a.certPem + b.keyPem, /does not match/],
    ["no key", CURRENT_CERT_FILE, a.certPem, /found 0/],
  ];
  for (const [name, file, content, match] of cases) {
    const certPath = await tempDir();
    const path = join(certPath, file);
    await writeFile(path, content, { mode: 0o600 });
    const err = await certError(
      loadOrCreateCertificates({ certPath, hostnames: HOSTS, now }),
      match,
    );
    assert.ok(err.message.includes(path), `${name}: names ${path}: ${err.message}`);
    assert.is(await readFile(path, "utf8"), content, `${name}: untouched`);
  }
  try {
    await loadOrCreateCertificates({ certPath: "", now });
    assert.unreachable("should throw");
  } catch (err) {
    assert.instance(err, TypeError);
  }
});

test.after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

test.run();
