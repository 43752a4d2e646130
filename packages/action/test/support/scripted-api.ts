import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
}

/**
 * A loopback HTTP server that answers as `handler` says, for faults no real GitHub answer describes (an answer that
 * never comes, a body that never ends, a 200 that is not the documented JSON). It records every request.
 */
export class ScriptedApi {
  readonly requests: ScriptedRequest[] = [];
  private server: Server | undefined;
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly handler: (request: IncomingMessage, response: ServerResponse) => void) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      this.requests.push({
        method: request.method ?? 'GET',
        path: request.url ?? '/',
        authorization: request.headers.authorization,
      });
      this.open.add(response);
      response.on('close', () => this.open.delete(response));
      this.handler(request, response);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const response of this.open) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
