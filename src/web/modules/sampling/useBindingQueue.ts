/**
 * The desk's bindings through the device's outbox (app/offline): made with the desk's own id, stored before they
 * are sent, sent in order, kept and retried with a growing pause while the network is down, and sent at once when
 * it comes back — also after a reload. What each binding came to is handed to the page: the answer, a refusal, and
 * the tube to read again.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { BindAnswer } from '../../../domain/sampling/api';
import { bind } from '../../../domain/sampling/api';
import { useMe } from '../../app/auth';
import type { OutboxItem } from '../../app/offline/outbox';
import { outbox, submitWrite } from '../../app/offline/runtime';
import { usePendingWrites, useSettledWrites } from '../../app/offline/use-outbox';

/** One scan waiting to be bound. */
export interface QueuedBinding {
  clientId: string;
  tubeId: number;
  barcode: string;
  scan: string;
  scannedAt: string;
}

export interface QueueHandlers {
  onAnswer: (answer: BindAnswer) => void;
  onRejected: (item: QueuedBinding, error: unknown) => void;
  onTubeChanged: (tubeId: number) => void;
}

const KIND = 'sampling.bind';
/** Where the desk kept its scans before the outbox (localStorage): taken over once by the signed-in sampler. */
const LEGACY_KEY = 'wangge.sampling.queue';

/** A scan as a write of the outbox. */
export function bindingWrite(userId: number, seq: number, b: QueuedBinding): OutboxItem {
  return {
    clientId: b.clientId,
    kind: KIND,
    method: bind.method,
    url: bind.path,
    body: { clientId: b.clientId, tubeId: b.tubeId, scan: b.scan },
    userId,
    seq,
    createdAt: b.scannedAt,
    ref: b.tubeId,
    label: b.scan,
    meta: { barcode: b.barcode },
  };
}

function toBinding(i: OutboxItem): QueuedBinding {
  return { clientId: i.clientId, tubeId: i.ref ?? 0, barcode: String(i.meta?.barcode ?? ''), scan: i.label ?? '', scannedAt: i.createdAt };
}

async function adoptLegacyQueue(userId: number) {
  try {
    const raw = localStorage.getItem(LEGACY_KEY);
    if (!raw) return;
    const old: unknown = JSON.parse(raw);
    for (const b of Array.isArray(old) ? (old as QueuedBinding[]) : []) {
      if (typeof b?.clientId === 'string') await outbox.add(bindingWrite(userId, outbox.nextSeq(), b));
    }
    localStorage.removeItem(LEGACY_KEY);
  } catch {
    /* unreadable or blocked storage: nothing to take over */
  }
}

export function useBindingQueue(handlers: QueueHandlers) {
  const me = useMe();
  const items = usePendingWrites(KIND);
  const pending = useMemo(() => items.map(toBinding), [items]);
  // The page's latest handlers, without re-subscribing on every render.
  const on = useRef(handlers);
  on.current = handlers;

  useSettledWrites(KIND, (s) => {
    if (s.outcome === 'done' && s.answer) on.current.onAnswer(s.answer as BindAnswer);
    if (s.outcome === 'rejected') on.current.onRejected(toBinding(s.item), s.error);
    if (s.item.ref) on.current.onTubeChanged(s.item.ref);
  });

  useEffect(() => {
    void adoptLegacyQueue(me.id);
  }, [me.id]);

  /** A scan into the outbox, then sent (or kept); its result arrives through the handlers. */
  const add = async (item: QueuedBinding) => {
    await submitWrite(bindingWrite(me.id, outbox.nextSeq(), item)).catch(() => undefined);
  };
  return { pending, add };
}
