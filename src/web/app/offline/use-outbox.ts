/**
 * The outbox for pages: the writes waiting on this device, a field form's save that keeps working offline, and
 * the results of a kind of write as they settle (also those replayed after a reload).
 *
 *   const save = useOfflineWrite(submitVisit, { kind: 'screening.visit' });
 *   const r = await save.submit({ body }, { label: address });   // r.kind: 'done' (r.answer) | 'queued'
 *   save.error → a refusal (ApiError) to show; save.queued → kept on the device, sent when the network returns
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { InputOf, ResponseOf, RouteContract } from '../../../domain/contract';
import type { ApiError } from '../api';
import { useMe } from '../auth';
import { newClientId } from '../client-id';
import { urlOf } from '../query';
import type { OutboxItem, Settled, SubmitResult } from './outbox';
import { outbox, submitWrite } from './runtime';

/** The signed-in user's writes waiting on this device, of one kind or all. */
export function usePendingWrites(kind?: string): readonly OutboxItem[] {
  const all = useSyncExternalStore(outbox.subscribe, () => outbox.pending());
  return useMemo(() => (kind ? all.filter((i) => i.kind === kind) : all), [all, kind]);
}

/** Calls `fn` (its latest version) for each write of `kind` that went in or was refused. */
export function useSettledWrites(kind: string, fn: (s: Settled) => void) {
  const latest = useRef(fn);
  latest.current = fn;
  useEffect(() => outbox.onSettled((s) => s.item.kind === kind && latest.current(s)), [kind]);
}

/** Whether the browser believes it is online (it may be wrong in one direction: "online" with a dead link). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (fn) => {
      window.addEventListener('online', fn);
      window.addEventListener('offline', fn);
      return () => {
        window.removeEventListener('online', fn);
        window.removeEventListener('offline', fn);
      };
    },
    () => navigator.onLine,
  );
}

export interface OfflineWriteOptions {
  kind: string;
  /** Error codes meaning this write already went in earlier (its natural key was used): counted as done. */
  doneCodes?: string[];
}

export interface SubmitExtras {
  /** The write's own id when the page made it already (it is in the body too); a new one otherwise. */
  clientId?: string;
  ref?: number;
  label?: string;
  meta?: Record<string, unknown>;
}

/**
 * A write through the outbox with a mutation's face: `submit` stores it, sends it and answers, or leaves it waiting
 * (`queued`) when the network is down; a refusal is thrown and kept in `error`.
 */
export function useOfflineWrite<C extends RouteContract>(contract: C, options: OfflineWriteOptions) {
  const me = useMe();
  const [state, setState] = useState<{ pending: boolean; error: ApiError | null; data: ResponseOf<C> | undefined; queued: boolean }>({
    pending: false,
    error: null,
    data: undefined,
    queued: false,
  });
  const { kind, doneCodes } = options;
  // A write kept for later and then sent while the page is still open: its answer (or refusal) replaces "saved on
  // this device", as if the network had never gone.
  const waiting = useRef<string | null>(null);
  useEffect(
    () =>
      outbox.onSettled((s) => {
        if (s.item.clientId !== waiting.current) return;
        waiting.current = null;
        if (s.outcome === 'done') setState({ pending: false, error: null, data: s.answer as ResponseOf<C>, queued: false });
        else setState({ pending: false, error: s.error as ApiError, data: undefined, queued: false });
      }),
    [],
  );

  const submit = useCallback(
    async (input: InputOf<C>, extras: SubmitExtras = {}): Promise<SubmitResult<ResponseOf<C>>> => {
      setState((s) => ({ ...s, pending: true, error: null }));
      const body = input.body ?? (contract.method === 'GET' || contract.method === 'DELETE' ? undefined : {});
      const item: OutboxItem = {
        clientId: extras.clientId ?? newClientId(),
        kind,
        method: contract.method as OutboxItem['method'],
        url: urlOf(contract, input),
        body,
        userId: me.id,
        seq: outbox.nextSeq(),
        createdAt: new Date().toISOString(),
        ref: extras.ref,
        label: extras.label,
        doneCodes,
        meta: extras.meta,
      };
      try {
        waiting.current = item.clientId;
        const result = await submitWrite<ResponseOf<C>>(item);
        if (result.kind === 'done') waiting.current = null;
        setState({ pending: false, error: null, data: result.kind === 'done' ? result.answer : undefined, queued: result.kind === 'queued' });
        return result;
      } catch (e) {
        waiting.current = null;
        setState({ pending: false, error: e as ApiError, data: undefined, queued: false });
        throw e;
      }
    },
    [contract, kind, doneCodes, me.id],
  );

  return { submit, isPending: state.pending, error: state.error, data: state.data, queued: state.queued };
}
