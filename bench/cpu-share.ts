/**
 * Where a bench's time goes, independent of how busy the machine is: the CPU seconds spent by the server
 * process, by the PostgreSQL processes and by the load generator (this process) over a stretch of load,
 * read from /proc (Linux). Divided by the work done, they say what one operation costs each part, and so
 * what the machine could do if the bench had it alone: cores ÷ (sum of the costs).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export const TICK_S = 0.01; // USER_HZ is 100 on Linux

export function ticksOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11]) + Number(rest[12]);
  } catch {
    return 0; // the process ended between listing and reading
  }
}

/**
 * The PostgreSQL processes working for the bench. Given the bench's database, a backend (or an autovacuum
 * worker) of another database is left out: on a machine shared with other work its CPU is not the bench's.
 * The server-wide processes (postmaster, WAL writer, checkpointer, …) are counted either way.
 */
function postgresPids(database?: string): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() !== 'postgres') continue;
      if (database) {
        const title = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ');
        const of = /^postgres: \S+ (\S+) (?:\S+\(\d+\)|\[local\])/.exec(title) ?? /^postgres: autovacuum worker (\S+)/.exec(title);
        if (of && of[1] !== database) continue;
      }
      pids.push(Number(d));
    } catch {}
  }
  return pids;
}

export interface CpuSample {
  server: number;
  database: number;
  generator: number;
}

function sample(serverPid: number, database?: string): CpuSample {
  const me = process.cpuUsage();
  return {
    server: ticksOf(serverPid) * TICK_S,
    // Backends come and go (each pooled connection is one): those that ended during the load are missed, so
    // the figure is a floor. The server keeps its pool open throughout, so in practice none ends.
    database: postgresPids(database).reduce((s, p) => s + ticksOf(p), 0) * TICK_S,
    generator: (me.user + me.system) / 1e6,
  };
}

/**
 * Starts measuring; `end(operations)` gives each part's CPU milliseconds per operation and the capacity they imply.
 * `database`: the bench's database, so that other databases' backends on the same server are not counted.
 */
export function cpuShare(serverPid: number, databaseName?: string) {
  const start = sample(serverPid, databaseName);
  return {
    end(operations: number) {
      const stop = sample(serverPid, databaseName);
      const per = (k: keyof CpuSample) => Math.round(((stop[k] - start[k]) * 1000 * 100) / Math.max(1, operations)) / 100;
      const server = per('server');
      const database = per('database');
      const generator = per('generator');
      return {
        server_cpu_ms_per_op: server,
        db_cpu_ms_per_op: database,
        generator_cpu_ms_per_op: generator,
        // What the machine's cores could carry without the generator (the phones are elsewhere in the field).
        capacity_per_s: Math.round((availableParallelism() * 1000) / Math.max(0.001, server + database)),
      };
    },
  };
}
