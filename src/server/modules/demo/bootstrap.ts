import { randomBytes } from 'node:crypto';
import type { Config } from '../../config';
import type { Db } from '../../db/engine';
import { audit } from '../../platform/audit';
import { hashPassword } from '../../platform/passwords';
import { pinyinKeys } from '../../platform/pinyin';
import { areaRepo as areas } from '../areas';
import * as users from '../users';
import { seedDemo } from './demo';
import { seedDemoMonitoring } from './demo-monitoring';
import { seedDemoParty } from './demo-party';
import { seedDemoSampling } from './demo-sampling';
import { seedDemoCheckpoints } from './demo-checkpoints';
import { seedResidents } from './synthetic-residents';

const SYSTEM = { actorId: null, actorName: 'system', requestId: null, clientIp: null };

/**
 * First start on an empty database: the demo county (DEMO_SEED=true, the default), or else one root
 * area and an administrator. Returns a message to print, or null when the database already had users.
 */
export async function bootstrap(db: Db, config: Config): Promise<string | null> {
  const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  if (n > 0) return null;
  if (config.DEMO_SEED) {
    // loadConfig refuses this already; a caller building its own settings is refused here too.
    if (config.NODE_ENV === 'production') {
      throw new Error('The demo (with its published password) is not loaded with NODE_ENV=production: unset DEMO_SEED and give ADMIN_PASSWORD.');
    }
    const message = await seedDemo(db, config.DEMO_SEED_NUMBER);
    if (config.DEMO_RESIDENTS > 0) await seedResidents(db, config.DEMO_RESIDENTS, config.DEMO_SEED_NUMBER);
    const [{ password_hash: hash }] = await db.query<{ password_hash: string }>("SELECT password_hash FROM users WHERE username = 'admin'");
    const party = await seedDemoParty(db, config.DEMO_SEED_NUMBER, hash, config.TIME_ZONE);
    const monitoring = await seedDemoMonitoring(db, config.TIME_ZONE);
    const sampling = await seedDemoSampling(db, config.TIME_ZONE);
    const checkpoints = await seedDemoCheckpoints(db, config.TIME_ZONE);
    return [message, party, monitoring, sampling, checkpoints].filter(Boolean).join('\n');
  }

  // A generated password is printed once, so it is seen in a terminal or a log: it must be changed at the
  // first sign-in. One given at set-up (ADMIN_PASSWORD) was chosen by the operator and stays.
  const generated = !config.ADMIN_PASSWORD;
  const password = config.ADMIN_PASSWORD ?? `${randomBytes(12).toString('base64url')}-A1`;
  const hash = await hashPassword(password);
  await db.tx(async (tx) => {
    const py = pinyinKeys(config.ROOT_AREA_NAME);
    const root = await areas.insertRootUnscoped(tx, {
      name: config.ROOT_AREA_NAME,
      kind: config.ROOT_AREA_KIND,
      divisionCode: null,
      pinyin: py.full,
      pinyinInitials: py.initials,
    });
    const id = await users.insert(tx, {
      username: 'admin',
      displayName: '系统管理员',
      phone: null,
      passwordHash: hash,
      roles: ['admin'],
      areaId: root.id,
      areaPath: root.path,
      mustChangePassword: generated,
    });
    await audit(tx, SYSTEM, { action: 'bootstrap', entity: 'area', entityId: root.id, areaPath: root.path, after: { rootArea: root.name, adminUserId: id } });
  });
  return [
    'First start: created the root area and the administrator.',
    `  user: admin   password: ${generated ? `${password}   (shown only now; to be changed at the first sign-in)` : '(ADMIN_PASSWORD)'}`,
    'Sign in, then use 区域 → 从国家区划代码初始化 to load your towns and villages.',
  ].join('\n');
}

export { SYSTEM };
