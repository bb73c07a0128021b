// A real nginx in front of the edges, configured with the very upstream block the README documents (its first
// ```nginx block), so the tests prove that block: WebSocket-only clients behind a plain round-robin load balancer,
// no sticky sessions, and a dead edge's clients reconnecting through it to a live one.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, REPO_ROOT } from './tickline-process.ts';

const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx'];

export interface LoadBalancer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The README's nginx block: the upstream of two edges and the server that proxies HTTP and WebSockets to them. */
export function readmeNginxBlock(): string {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no ```nginx block');
  return block;
}

function nginxPath(): string {
  const found = NGINX_CANDIDATES.find((p) => spawnSync(p, ['-v'], { stdio: 'ignore' }).status === 0);
  if (!found) throw new Error('nginx not found: install it with `apt-get install -y nginx-light` (.ci/run does)');
  return found;
}

/** Starts nginx on a free port with the README's block, its upstream pointed at `edges` (`127.0.0.1:port` each). */
export async function startLoadBalancer(edges: readonly number[]): Promise<LoadBalancer> {
  const binary = nginxPath();
  const port = await freePort();
  const block = readmeNginxBlock();
  const servers = block.match(/^\s*server 127\.0\.0\.1:\d+[^;]*;$/gm);
  if (!servers || servers.length === 0 || !/listen \d+;/.test(block)) {
    throw new Error('the README nginx block must list its edges as `server 127.0.0.1:PORT ...;` and `listen PORT;`');
  }
  const template = servers[0]!;
  const upstream = edges.map((p) => template.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${p}`)).join('\n');
  const configured = block.replace(servers.join('\n'), upstream).replace(/listen \d+;/, `listen 127.0.0.1:${port};`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'tickline-nginx-'));
  // Worker processes may run as another user (nobody, when started as root): let them use the temp folders.
  chmodSync(dir, 0o777);
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(path.join(dir, sub));
    chmodSync(path.join(dir, sub), 0o777);
  }
  const t = (sub: string) => path.join(dir, sub);
  writeFileSync(
    t('nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${t('nginx.pid')};
error_log ${t('error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${t('body')};
  proxy_temp_path ${t('proxy')};
  fastcgi_temp_path ${t('fastcgi')};
  uwsgi_temp_path ${t('uwsgi')};
  scgi_temp_path ${t('scgi')};
${configured}
}
`,
  );
  const child = spawn(binary, ['-p', dir, '-c', t('nginx.conf'), '-e', t('error.log')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited (${child.exitCode}):\n${output}\n${readSafe(t('error.log'))}`);
    try {
      await fetch(`${url}/api/health`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer on ${url}:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    port,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGQUIT'); // nginx's graceful stop
  const force = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(force);
}
