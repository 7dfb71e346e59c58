/**
 * The baseline for bench:sampling: a bare Fastify server taking the desk's JSON body and answering a body the size
 * of a binding's answer, with no session, validation, database or audit.
 */
import Fastify from 'fastify';

const port = Number(process.env.PORT);
const answer = {
  replayed: false,
  bindings: [{ id: 1234567, residentId: 765432, name: '张三', seq: 3, duplicate: null, poolSize: null }],
  tube: { id: 123456, barcode: 'BENCHD01T00001', capacity: 10, bound: 3, full: false },
  full: false,
};
const app = Fastify({ logger: false });
app.post('/bare', async (req, reply) => reply.status(201).send({ ...answer, echo: (req.body as { clientId?: string }).clientId }));
await app.listen({ host: '127.0.0.1', port });
console.log('ready');
