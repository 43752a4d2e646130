import type { Agent, IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';

/** One HTTP request as {@link guardedFetch} sends it: no redirects followed, the body read by the caller. */
export interface OutgoingRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  /** Aborts the request and, once it has started, the reading of its body. */
  signal: AbortSignal;
}

/** The head of an answer, and its body as a stream of chunks. */
export interface IncomingAnswer {
  status: number;
  statusText: string;
  /** Lower-case names; a repeated header's values joined by `, ` (Node's rule). The body is decoded already. */
  headers: ReadonlyMap<string, string>;
  body: AsyncIterable<Uint8Array>;
  /** Stops reading the body (a redirect's, or one too large) and frees the connection. */
  discard(): void;
}

export type Send = (url: URL, request: OutgoingRequest) => Promise<IncomingAnswer>;

/**
 * Sends through node:http or node:https, one keep-alive connection pool per protocol. Node's global `fetch` would do
 * as well, but loading it (Node's bundled undici, its WebAssembly HTTP parser, web streams) took about a tenth of the
 * action's whole run, and a run makes five requests; node:http is part of Node's start-up snapshot. Proxies are used as
 * Node's `fetch` uses them: with NODE_USE_ENV_PROXY=1, through HTTP_PROXY or HTTPS_PROXY unless NO_PROXY names the host.
 */
export function createNodeHttpSend(environment: NodeJS.ProcessEnv = process.env): Send {
  const agents = new Map<string, Agent>();
  return (url, request) => send(url, request, agents, environment);
}

export const sendWithNodeHttp: Send = createNodeHttpSend();

async function send(
  url: URL,
  request: OutgoingRequest,
  agents: Map<string, Agent>,
  environment: NodeJS.ProcessEnv,
): Promise<IncomingAnswer> {
  // Not `import`: node:http's ES module facade reads every export, and its WebSocket getter loads undici after all.
  const http =
    url.protocol === 'https:' ? process.getBuiltinModule('node:https') : process.getBuiltinModule('node:http');
  let agent = agents.get(url.protocol);
  if (agent === undefined) {
    const proxyEnv = environment.NODE_USE_ENV_PROXY === '1' ? { proxyEnv: environment } : {};
    agent = new http.Agent({ keepAlive: true, ...proxyEnv });
    agents.set(url.protocol, agent);
  }
  const pool = agent;
  return new Promise<IncomingAnswer>((resolve, reject) => {
    const outgoing = http.request(
      url,
      {
        method: request.method,
        // As fetch asks: a recursive tree listing is tens of megabytes, a few once compressed.
        headers: { 'accept-encoding': 'gzip, deflate, br', ...request.headers },
        agent: pool,
        signal: request.signal,
      },
      (incoming: IncomingMessage) => {
        const headers = new Map<string, string>();
        for (const [name, value] of Object.entries(incoming.headers)) {
          if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        let decoder: Transform | undefined;
        try {
          decoder = decoderFor(headers.get('content-encoding'));
        } catch (error) {
          incoming.destroy();
          reject(error);
          return;
        }
        if (decoder !== undefined) {
          const decoding = decoder;
          incoming.on('error', (error) => decoding.destroy(error));
          incoming.pipe(decoding);
        }
        resolve({
          status: incoming.statusCode ?? 0,
          statusText: incoming.statusMessage ?? '',
          headers,
          body: decoder ?? incoming,
          discard: () => {
            incoming.destroy();
            decoder?.destroy();
          },
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** A stream that decodes `content-encoding` as fetch would; none for an identity body. */
function decoderFor(encoding: string | undefined): Transform | undefined {
  const name = encoding?.trim().toLowerCase();
  if (name === undefined || name === '' || name === 'identity') return undefined;
  const zlib = process.getBuiltinModule('node:zlib');
  if (name === 'gzip' || name === 'x-gzip') return zlib.createGunzip();
  if (name === 'deflate') return zlib.createInflate();
  if (name === 'br') return zlib.createBrotliDecompress();
  throw new Error(`GitHub answered with a content-encoding the action cannot decode: ${name}`);
}
