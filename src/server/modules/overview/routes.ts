import type { FastifyInstance } from 'fastify';
import * as api from '../../../domain/overview/api';
import { ctxOf } from '../../platform/context';
import { serve } from '../../platform/serve';
import { FigureChanges } from './live';
import * as service from './service';

/** The command center's overview (指挥部总览): its figures, and a live stream telling open screens to read again. */
const access = { access: { permission: 'reports.read' }, tags: ['overview'] };

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
    res.write('retry: 1000\nevent: ready\ndata: {}\n\n');
    if (req.query.seconds === 0) return res.end();
    const stop = await changes.subscribe(() => res.write(`event: change\ndata: {"at":"${new Date().toISOString()}"}\n\n`));
    // A comment line now and then keeps idle proxies from closing the connection.
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    const end = () => {
      clearInterval(keepAlive);
      clearTimeout(timer);
      stop();
      if (!res.writableEnded) res.end();
    };
    const timer = setTimeout(end, req.query.seconds * 1000);
    req.raw.on('close', end);
  });
}
