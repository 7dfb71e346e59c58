/**
 * Crossings through a small offline queue, like the desk's (../sampling/queue.ts): each crossing gets its
 * client id on the phone and is written to storage before it is sent; items go out in order; a network
 * failure or a 5xx keeps them (retried with a growing pause, and at once when the network comes back); a 4xx
 * drops the item with its error. The server's client-id idempotency makes a resend whose answer was lost
 * register once. (To move onto the shared field queue of app/offline once it lands.)
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf, ResponseOf } from '../../../domain/contract';
import { recordCrossing } from '../../../domain/checkpoints/api';
import { ApiError } from '../../app/api';
import { callApi } from '../../app/query';

export type CrossingBody = InputOf<typeof recordCrossing>['body'];
export type CrossingAnswer = ResponseOf<typeof recordCrossing>;
const KEY = 'wangge.checkpoints.crossings';

function read(): CrossingBody[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as CrossingBody[]).filter((c) => c && typeof c.clientId === 'string') : [];
  } catch {
    return [];
  }
}
const write = (items: CrossingBody[]) => localStorage.setItem(KEY, JSON.stringify(items));
const backoffMs = (attempt: number) => Math.min(15_000, 1000 * 2 ** Math.max(0, attempt - 1));

export function useCrossingQueue(on: { onAnswer: (a: CrossingAnswer) => void; onRejected: (c: CrossingBody, e: ApiError) => void }) {
  const [pending, setPending] = useState<CrossingBody[]>(read);
  const handlers = useRef(on);
  handlers.current = on;
  const running = useRef(false);
  const attempts = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(async () => {
    if (running.current) return;
    running.current = true;
    if (timer.current) clearTimeout(timer.current);
    try {
      for (let items = read(); items.length; items = read()) {
        const item = items[0];
        try {
          const answer = await callApi(recordCrossing, { body: item });
          handlers.current.onAnswer(answer);
        } catch (e) {
          if (!(e instanceof ApiError) || e.status === 0 || e.status >= 500) {
            attempts.current += 1;
            timer.current = setTimeout(() => void flush(), backoffMs(attempts.current));
            return;
          }
          handlers.current.onRejected(item, e);
        }
        attempts.current = 0;
        write(read().filter((c) => c.clientId !== item.clientId));
        setPending(read());
      }
    } finally {
      running.current = false;
      setPending(read());
    }
  }, []);

  useEffect(() => {
    const online = () => {
      attempts.current = 0;
      void flush();
    };
    window.addEventListener('online', online);
    void flush();
    return () => {
      window.removeEventListener('online', online);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [flush]);

  /** Stored first (a reload or a lost signal keeps it), then sent. */
  const add = async (c: CrossingBody) => {
    write([...read().filter((x) => x.clientId !== c.clientId), c]);
    setPending(read());
    await flush();
  };
  return { pending, add, flush };
}
