/**
 * Known places a trajectory row may point at (行程中的已知地点): the venues of the venue codes (场所码), the sampling
 * points of the rounds (newest first) and, for those who may read them, the checkpoint posts — all in the user's
 * scope, as the lists answer them. A row that points at one is read by the exposure suggestions (who scanned in, who
 * was sampled or crossed there in the window); its name is shown in the trajectory from these lists. The value is
 * `venue:<id>`, `point:<id>` or `post:<id>`.
 */
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { listPosts } from '../../../domain/checkpoints/api';
import { listKnownPoints, listVenues } from '../../../domain/tracing/api-exposures';
import { useAuth } from '../../app/auth';
import { useApiQuery } from '../../app/query';

export type KnownPlace = `venue:${number}` | `point:${number}` | `post:${number}`;

export function useKnownPlaces() {
  const { can } = useAuth();
  const venues = useApiQuery(listVenues, { query: { limit: 500, offset: 0 } });
  const points = useApiQuery(listKnownPoints, {});
  const posts = useApiQuery(listPosts, { query: { limit: 500, offset: 0 } }, { enabled: can('checkpoints.read') });
  const venueName = new Map((venues.data?.items ?? []).map((v) => [v.id, v.name]));
  const pointName = new Map((points.data?.items ?? []).map((p) => [p.id, p.name]));
  const postName = new Map((posts.data?.items ?? []).map((p) => [p.id, p.name]));
  return { venues: venues.data?.items ?? [], points: points.data?.items ?? [], posts: posts.data?.items ?? [], venueName, pointName, postName };
}

export function KnownPlaceSelect({ value, onChange }: { value?: KnownPlace; onChange?: (v: KnownPlace | undefined) => void }) {
  const { t } = useTranslation();
  const { venues, points, posts } = useKnownPlaces();
  const options = [
    ...(venues.length ? [{ label: t('tracing.knownPlace.venues'), options: venues.map((v) => ({ value: `venue:${v.id}`, label: v.name })) }] : []),
    ...(points.length
      ? [
          {
            label: t('tracing.knownPlace.points'),
            // A point's name is the round's own (points of two rounds may share one): the round tells them apart.
            options: points.map((p) => ({ value: `point:${p.id}`, label: t('tracing.knownPlace.pointOfRound', { point: p.name, round: p.roundName }) })),
          },
        ]
      : []),
    ...(posts.length ? [{ label: t('tracing.knownPlace.posts'), options: posts.map((p) => ({ value: `post:${p.id}`, label: p.name })) }] : []),
  ];
  return (
    <Select
      allowClear
      showSearch
      optionFilterProp="label"
      value={value}
      onChange={(v) => onChange?.(v as KnownPlace | undefined)}
      placeholder={t('tracing.knownPlace.placeholder')}
      notFoundContent={t('tracing.knownPlace.none')}
      options={options}
      style={{ width: 200 }}
      data-testid="trajectory-known-place"
    />
  );
}

/** The ids a picked place becomes in the row sent to the server. */
export function knownPlaceIds(v: KnownPlace | undefined): { venueId: number | null; samplingPointId: number | null; postId: number | null } {
  const [kind, id] = (v ?? '').split(':');
  return {
    venueId: kind === 'venue' ? Number(id) : null,
    samplingPointId: kind === 'point' ? Number(id) : null,
    postId: kind === 'post' ? Number(id) : null,
  };
}
