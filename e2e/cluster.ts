/**
 * Several server processes on one PostgreSQL behind nginx, for e2e/several-servers.scale.ts and bench/scale.ts:
 * a fresh database, the repository's own nginx configuration (deploy/nginx/wangge.conf) with its ports and a
 * throw-away certificate swapped in, and `src/server/main.ts` started once per port.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');

/** nginx's binary, or null when it is not installed (Debian's package puts it in /usr/sbin). */
export function nginxBinary(): string | null {
  for (const p of [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/bin/nginx']) if (p && existsSync(p)) return p;
  const found = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return found.status === 0 && found.stdout.trim() ? found.stdout.trim() : null;
}

/** A new, empty database beside the one `adminUrl` names; dropped by the returned function. */
export async function freshDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const admin = new pg.Client(adminUrl);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client(adminUrl);
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await c.end();
    },
  };
}

export interface ReverseProxy {
  /** https://127.0.0.1:<port> */
  base: string;
  /** The certificate to trust (self-signed for 127.0.0.1). */
  ca: string;
  /** The upstream address (127.0.0.1:<port>) of each request nginx passed on, in order, for a path prefix. */
  upstreamsOf(pathPrefix: string): string[];
  stop(): Promise<void>;
}

/**
 * deploy/nginx/wangge.conf as a test runs it: the upstream lists `ports`, the TLS server listens on
 * 127.0.0.1:`port` with a fresh self-signed certificate, the port-80 redirect is left out, and each request's
 * upstream is logged so a test can see the processes shared the load.
 */
export async function startNginx(port: number, ports: number[]): Promise<ReverseProxy> {
  const bin = nginxBinary();
  if (!bin) throw new Error('nginx is not installed');
  const dir = mkdtempSync(path.join(tmpdir(), 'wangge-nginx-'));
  // nginx's workers run as an unprivileged user when started as root: they write their temp files here.
  chmodSync(dir, 0o777);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      `${dir}/key.pem`,
      '-out',
      `${dir}/cert.pem`,
    ],
    { stdio: 'ignore' },
  );
  const site = readFileSync(path.join(root, 'deploy/nginx/wangge.conf'), 'utf8')
    // The redirect server on port 80 is not needed (and port 80 may be taken).
    .replace(/server \{\s*listen 80;[\s\S]*?\n\}\n/, '')
    .replace(/\n\s*server 127\.0\.0\.1:\d+ [^\n]*/g, '')
    .replace(/(upstream wangge \{\n\s*least_conn;)/, `$1\n${ports.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}`)
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${port} ssl http2;`)
    .replace(/\n\s*listen \[::\]:443 ssl http2;/, '')
    .replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${dir}/cert.pem;`)
    .replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${dir}/key.pem;`);
  if (!site.includes(`127.0.0.1:${ports[0]}`) || !site.includes(`${dir}/key.pem`)) throw new Error('deploy/nginx/wangge.conf no longer has the expected shape');
  writeFileSync(`${dir}/wangge.conf`, site);
  writeFileSync(
    `${dir}/nginx.conf`,
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
daemon off;
events { worker_connections 1024; }
http {
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  log_format upstreams '$request_uri $upstream_addr';
  access_log ${dir}/access.log upstreams;
  include ${dir}/wangge.conf;
}
`,
  );
  const check = spawnSync(bin, ['-t', '-p', dir, '-c', `${dir}/nginx.conf`], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`nginx -t refused the configuration:\n${check.stderr}`);
  const child = spawn(bin, ['-p', dir, '-c', `${dir}/nginx.conf`], { stdio: 'ignore' });
  const base = `https://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (existsSync(`${dir}/nginx.pid`)) break;
    if (child.exitCode !== null || i > 100) throw new Error(`nginx did not start: ${readFileSync(`${dir}/error.log`, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    ca: readFileSync(`${dir}/cert.pem`, 'utf8'),
    upstreamsOf: (prefix) =>
      readFileSync(`${dir}/access.log`, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith(prefix))
        // "<uri> <upstream>[, <next upstream> …]": a request nginx passed on again after a process failed names both.
        .flatMap((l) => l.slice(l.indexOf(' ') + 1).split(', ')),
    stop: async () => {
      if (child.exitCode === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One server process on `port` (`src/server/main.ts`), ready when it says it is running. */
export function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', TRUST_PROXY: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let ready = false;
    const onExit = (code: number | null) => reject(new Error(`the server on ${port} exited ${code}: ${out}`));
    child.once('exit', onExit);
    const read = (d: Buffer) => {
      out += d;
      if (!ready && /is running on/.test(out)) {
        ready = true;
        child.off('exit', onExit);
        // A process that dies on its own (not stopped by the test: SIGKILL, or SIGTERM and a clean exit) says why.
        child.once('exit', (code, signal) => {
          if (code !== 0 && signal !== 'SIGKILL') console.error(`the server on ${port} exited ${code ?? signal}:\n${out.slice(-4000)}`);
        });
        resolve(child);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  });
}

/** Stops a process (SIGKILL: the crash) and waits until it is gone. */
export async function stopServer(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await done;
}
