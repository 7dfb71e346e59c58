/**
 * The baseline for bench:http: a bare Fastify server answering the same JSON body as the scoped
 * endpoint, with no session, permission, scope, database or validation.
 */
import Fastify from 'fastify';

const port = Number(process.env.PORT);
// The same object, serialised per request like the scoped endpoint's answer.
const body = JSON.parse(process.env.BARE_BODY ?? '{"items":[]}');
const app = Fastify({ logger: false });
app.get('/bare', async () => body);
await app.listen({ host: '127.0.0.1', port });
console.log('ready');
