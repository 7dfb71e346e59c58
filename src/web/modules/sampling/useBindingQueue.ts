/**
 * The desk's bindings through the offline queue (./queue.ts): made with the desk's own id, stored before they are
 * sent, sent in order, kept and retried with a growing pause while the network is down, and sent at once when it
 * comes back. What each flush did is handed to the page: answers, refusals, and the tubes to read again.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type BindAnswer, bind } from '../../../domain/sampling/api';
import { ApiError } from '../../app/api';
import { callApi } from '../../app/query';
import { BindingQueue, type QueuedBinding, type SendOutcome, backoffMs, isRetryable } from './queue';

export interface QueueHandlers {
  onAnswer: (answer: BindAnswer) => void;
  onRejected: (item: QueuedBinding, error: unknown) => void;
  onTubeChanged: (tubeId: number) => void;
}

async function send(item: QueuedBinding): Promise<SendOutcome<BindAnswer>> {
  try {
    const answer = await callApi(bind, { body: { clientId: item.clientId, tubeId: item.tubeId, scan: item.scan } });
    return { kind: 'done', answer };
  } catch (e) {
    if (e instanceof ApiError && !isRetryable(e.status)) return { kind: 'rejected', error: e };
    return { kind: 'retry' };
  }
}

export function useBindingQueue(handlers: QueueHandlers) {
  const queue = useMemo(() => new BindingQueue(localStorage), []);
  const [pending, setPending] = useState<readonly QueuedBinding[]>(() => queue.pending());
  const attempts = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The page's latest handlers, without making the flush (and the online listener) change with every render.
  const on = useRef(handlers);
  on.current = handlers;

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const report = await queue.flush(send);
    setPending([...queue.pending()]);
    for (const { answer } of report.done) on.current.onAnswer(answer);
    for (const { item, error } of report.rejected) on.current.onRejected(item, error);
    const tubeIds = new Set([...report.done.map((d) => d.answer.tube.id), ...report.rejected.map((r) => r.item.tubeId)]);
    for (const id of tubeIds) on.current.onTubeChanged(id);
    if (report.stalled) {
      attempts.current += 1;
      timer.current = setTimeout(() => void flush(), backoffMs(attempts.current));
    } else if (report.done.length || report.rejected.length) {
      attempts.current = 0;
    }
  }, [queue]);

  useEffect(() => {
    const onOnline = () => {
      attempts.current = 0;
      void flush();
    };
    window.addEventListener('online', onOnline);
    if (queue.pending().length) void flush();
    return () => {
      window.removeEventListener('online', onOnline);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [flush, queue]);

  /** A scan into the queue, then sent (or kept). */
  const add = async (item: QueuedBinding) => {
    queue.add(item);
    setPending([...queue.pending()]);
    await flush();
  };
  return { pending, add };
}
