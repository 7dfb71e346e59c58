import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/overview/api';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import { FigureChanges } from './live';
import * as service from './service';

/** The command center's overview (指挥部总览): its figures, and a live stream telling open screens to read again. */
const access = { access: { permission: 'reports.read' }, tags: ['overview'] };
/**
 * With a replica (app.readDb), a change can reach an open screen before the replica has it, and the screen's
 * re-read would show the figure from before; nothing else makes it read again until the next change, which in a
 * quiet county may be minutes away. So each change is told once more after a replica's usual lag has passed.
 */
const REPLICA_ECHO_MS = 2000;

export async function overviewRoutes(app: FastifyInstance) {
  const changes = new FigureChanges(app.db);
  app.addHook('onClose', async () => changes.close());

  serve(app, api.getOverview, access, (req) => service.overview({ ...ctxOf(req), timeZone: req.server.timeZone, readDb: req.server.readDb }, req.query));

  serve(app, api.overviewChanges, access, async (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // A reverse proxy must pass events on as they come, not buffer the stream.
      'x-accel-buffering': 'no',
      'x-request-id': req.id,
    });
    // `retry`: how long the browser waits before it reconnects after the stream ends.
    const ready = 'retry: 1000\nevent: ready\ndata: {}\n\n';
    if (req.query.seconds === 0) return res.end(ready);
    const tell = () => {
      if (!res.writableEnded) res.write(`event: change\ndata: {"at":"${new Date().toISOString()}"}\n\n`);
    };
    const echoes = new Set<NodeJS.Timeout>();
    const stop = await changes.subscribe(() => {
      tell();
      if (app.readDb === app.db) return;
      const echo = setTimeout(() => {
        echoes.delete(echo);
        tell();
      }, REPLICA_ECHO_MS);
      echoes.add(echo);
    });
    // Said once the stream listens: a screen reads again on it, so no change can fall between that read and the
    // listening (a change committed just before would otherwise reach neither).
    res.write(ready);
    // A comment line now and then keeps idle proxies from closing the connection.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    const end = () => {
      clearInterval(keepAlive);
      clearTimeout(timer);
      for (const echo of echoes) clearTimeout(echo);
      stop();
      if (!res.writableEnded) res.end();
    };
    const timer = setTimeout(end, req.query.seconds * 1000);
    req.raw.on('close', end);
  });
}
