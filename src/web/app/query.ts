/**
 * The browser's one data layer: TanStack Query over the route contracts (domain/<module>/api.ts).
 *
 *   const rounds = useApiQuery(samplingApi.listRounds, { query: { status: 'open' } });
 *   rounds.isPending → loading; rounds.error → ApiError; rounds.data → typed by the contract
 *
 *   const create = useApiMutation(samplingApi.createRound);
 *   await create.mutateAsync({ body });   // afterwards every query on screen is refetched
 *
 * No page keeps its own race guards or version counters: a query's key is its path and inputs, so a newer
 * filter replaces an older answer by construction, and a write invalidates what is shown. Screens that must
 * stay live pass `refetchInterval` (only while the tab is visible, TanStack's default).
 */
import { QueryClient, type UseMutationOptions, type UseQueryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fillPath, type InputOf, type ResponseOf, type RouteContract } from '../../domain/contract';
import { ApiError, request, withQuery } from './api';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // An answer is fresh for a few seconds: switching tabs or remounting a card does not refetch at once.
      staleTime: 5_000,
      // Client mistakes (4xx) are not retried; a network blip or a 5xx is, twice.
      retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      refetchOnWindowFocus: false,
      // Asked even when the browser says it is offline: the service worker may answer from what it kept (a reload
      // of the desk or the visit form in the field); TanStack's default would wait for the network forever.
      networkMode: 'offlineFirst',
    },
    // A write offline fails at once with the network error (field writes go through the outbox instead), rather
    // than waiting unseen and going out later by itself.
    mutations: { networkMode: 'always' },
  },
});

/** The URL of a contract's route for these inputs. */
export function urlOf<C extends RouteContract>(contract: C, input?: InputOf<C>): string {
  const path = fillPath(contract.path, input?.params as Record<string, unknown> | undefined);
  return withQuery(path, input?.query as Record<string, string | number | boolean | null | undefined> | undefined);
}

/** The URL of an export (a POST whose body, the stated purpose, the ExportButton asks for): its params and query. */
export function exportUrlOf<C extends RouteContract>(contract: C, input?: Omit<InputOf<C>, 'body'>): string {
  return urlOf(contract, input as InputOf<C> | undefined);
}

/** Calls a route by its contract (outside React, or inside a mutation). */
export function callApi<C extends RouteContract>(contract: C, input?: InputOf<C>): Promise<ResponseOf<C>> {
  const body = input?.body ?? (contract.method === 'GET' || contract.method === 'DELETE' ? undefined : {});
  return request<ResponseOf<C>>(contract.method, urlOf(contract, input), body);
}

/** The query key of a contract's read: the path template first, so all reads of one route can be invalidated together. */
export function queryKeyOf<C extends RouteContract>(contract: C, input?: InputOf<C>): readonly unknown[] {
  return [contract.path, input?.params ?? null, input?.query ?? null];
}

type QueryOpts<C extends RouteContract> = Omit<UseQueryOptions<ResponseOf<C>, ApiError>, 'queryKey' | 'queryFn'>;

/** Reads a route. Pass `enabled: false` while an input it needs is not chosen yet. */
export function useApiQuery<C extends RouteContract>(contract: C, input?: InputOf<C>, options?: QueryOpts<C>) {
  return useQuery<ResponseOf<C>, ApiError>({
    queryKey: queryKeyOf(contract, input),
    queryFn: () => callApi(contract, input),
    ...options,
  });
}

type MutationOpts<C extends RouteContract> = Omit<UseMutationOptions<ResponseOf<C>, ApiError, InputOf<C>>, 'mutationFn'> & {
  /**
   * What to refetch after success: by default every query (cheap — only those on screen refetch, the rest are
   * marked stale); a list of contracts to narrow it; `false` for writes that change nothing shown.
   */
  invalidates?: RouteContract[] | false;
};

/** Writes through a route, then refreshes what the write may have changed. */
export function useApiMutation<C extends RouteContract>(contract: C, options: MutationOpts<C> = {}) {
  const client = useQueryClient();
  const { invalidates, onSuccess, ...rest } = options;
  return useMutation<ResponseOf<C>, ApiError, InputOf<C>>({
    mutationFn: (input) => callApi(contract, input),
    ...rest,
    onSuccess: async (...args) => {
      if (invalidates === undefined) await client.invalidateQueries();
      else if (invalidates) await Promise.all(invalidates.map((c) => client.invalidateQueries({ queryKey: [c.path] })));
      await onSuccess?.(...args);
    },
  });
}
