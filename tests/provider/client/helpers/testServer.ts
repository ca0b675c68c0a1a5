import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** What the test server saw of one request. */
export interface SeenRequest {
  method: string;
  /** Raw request target, e.g. `/api/v1/x?a=1`. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A `node:http` server on 127.0.0.1 and a free port, recording what it receives. */
export interface TestServer {
  /** `http://127.0.0.1:<port>/api/v1` */
  baseUrl: string;
  requests: SeenRequest[];
  /** TCP connections accepted so far. */
  connections: () => number;
  close: () => Promise<void>;
}

/** Starts a `TestServer`; `handle` answers each request once its body is read. */
export async function startTestServer(
  handle: (req: http.IncomingMessage, res: http.ServerResponse, seen: SeenRequest) => void,
): Promise<TestServer> {
  const requests: SeenRequest[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const seen = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(seen);
      handle(req, res, seen);
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    requests,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes a JSON response. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}
