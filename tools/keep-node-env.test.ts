import { afterEach, describe, expect, it } from 'vitest';
import { keepingNodeEnv } from './keep-node-env';

/** What vite's build does to the environment it runs in (vite only when NODE_ENV is unset; here always). */
const viteLikeBuild = async () => {
  process.env.NODE_ENV = 'production';
};

describe('npm start keeps NODE_ENV across the web build', () => {
  const before = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = before;
  });

  it('leaves an unset NODE_ENV unset, so the first start loads the demo', async () => {
    delete process.env.NODE_ENV;
    await keepingNodeEnv(viteLikeBuild);
    expect(process.env.NODE_ENV).toBeUndefined();
  });

  it('keeps a NODE_ENV that was given, even when the build fails', async () => {
    process.env.NODE_ENV = 'development';
    await expect(
      keepingNodeEnv(async () => {
        await viteLikeBuild();
        throw new Error('build failed');
      }),
    ).rejects.toThrow('build failed');
    expect(process.env.NODE_ENV).toBe('development');
  });
});
