import { createServer, type Server } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeHttpSend, sendWithNodeHttp } from './http-send.js';

// A loopback server answering per path, the way GitHub (or a proxy in front of it) might.
let server: Server;
let origin: string;
const seen: Array<{ path: string; method: string; acceptEncoding: string | undefined; body: string }> = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      seen.push({
        path: request.url ?? '',
        method: request.method ?? '',
        acceptEncoding: request.headers['accept-encoding'],
        body,
      });
      const json = JSON.stringify({ sha: 'c'.repeat(40), body });
      if (request.url === '/gzip') {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        response.end(gzipSync(json));
      } else if (request.url === '/br') {
        response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
        response.end(brotliCompressSync(json));
      } else if (request.url === '/unknown-encoding') {
        response.writeHead(200, { 'content-encoding': 'zstd-from-the-future' });
        response.end('?');
      } else {
        response.writeHead(201, 'Created', [
          'Content-Type',
          'application/json',
          'Link',
          '<a>; rel="next"',
          'Link',
          '<b>; rel="last"',
        ]);
        response.end(json);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function readAll(body: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const signal = () => AbortSignal.timeout(10_000);

describe('sendWithNodeHttp', () => {
  it('sends the method, headers and body, and answers with lower-case headers, repeated ones joined', async () => {
    const answer = await sendWithNodeHttp(new URL('/repos/o/r/issues/1/comments', origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"body":"ünïcode"}',
      signal: signal(),
    });
    expect(answer.status).toBe(201);
    expect(answer.statusText).toBe('Created');
    expect(answer.headers.get('content-type')).toBe('application/json');
    expect(answer.headers.get('link')).toBe('<a>; rel="next", <b>; rel="last"');
    expect(JSON.parse(await readAll(answer.body))).toEqual({ sha: 'c'.repeat(40), body: '{"body":"ünïcode"}' });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', acceptEncoding: 'gzip, deflate, br' });
  });

  it.each(['gzip', 'br'])('decodes a %s body, as fetch did', async (encoding) => {
    const answer = await sendWithNodeHttp(new URL(`/${encoding}`, origin), {
      method: 'GET',
      headers: {},
      signal: signal(),
    });
    expect(JSON.parse(await readAll(answer.body))).toEqual({ sha: 'c'.repeat(40), body: '' });
  });

  it('refuses a content-encoding it cannot decode, naming it', async () => {
    await expect(
      sendWithNodeHttp(new URL('/unknown-encoding', origin), { method: 'GET', headers: {}, signal: signal() }),
    ).rejects.toThrow('content-encoding the action cannot decode: zstd-from-the-future');
  });

  it('fails with the connection error when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    await new Promise((resolve) => closed.close(resolve));
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await expect(
      sendWithNodeHttp(new URL(`http://127.0.0.1:${port}/`), { method: 'GET', headers: {}, signal: signal() }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  it('goes through HTTP_PROXY when NODE_USE_ENV_PROXY=1, as Node’s fetch does, and straight to the host otherwise', async () => {
    const proxied: string[] = [];
    const proxy = createServer((request, response) => {
      proxied.push(`${request.method} ${request.url}`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"via":"proxy"}');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    const proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    try {
      const target = new URL('/repos/o/r/pulls/1', origin);
      const viaProxy = createNodeHttpSend({ NODE_USE_ENV_PROXY: '1', HTTP_PROXY: proxyUrl });
      const answer = await viaProxy(target, { method: 'GET', headers: {}, signal: signal() });
      expect(await readAll(answer.body)).toBe('{"via":"proxy"}');
      expect(proxied).toEqual([`GET ${target.href}`]);

      const direct = createNodeHttpSend({ HTTP_PROXY: proxyUrl });
      const straight = await direct(target, { method: 'GET', headers: {}, signal: signal() });
      expect(JSON.parse(await readAll(straight.body))).toMatchObject({ sha: 'c'.repeat(40) });
      expect(proxied).toHaveLength(1);
    } finally {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});
