/**
 * Runs `work` (the web build) and puts NODE_ENV back as it was. Vite's build sets process.env.NODE_ENV to
 * 'production' when it is unset, and `npm start` starts the server in the same process right after: without this,
 * a first start on a fresh clone ran as production — no demo county, contrary to the README.
 */
export async function keepingNodeEnv<T>(work: () => Promise<T>): Promise<T> {
  const nodeEnv = process.env.NODE_ENV;
  try {
    return await work();
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
