import { z } from 'zod';
import { plainText } from '../primitives';
import { BANDS } from './kinds';

/**
 * The vaccination policy as data (`vaccination_policy`, one row per version, the highest in force): the age bands, how many primary doses and how far
 * apart, when a booster falls due after the last dose, how long a person is watched after a dose and how long a
 * ride's round trip takes. The migration seeds the same values as DEFAULT_POLICY (a test compares them).
 */
export const vaccinationPolicy = z.object({
  bands: z.array(z.object({ code: z.enum(BANDS), minAge: z.number().int().min(0).max(130) })),
  primaryDoses: z.number().int().min(1).max(5),
  doseIntervalDays: z.number().int().min(0).max(365),
  boosters: z.number().int().min(0).max(5),
  boosterAfterMonths: z.number().int().min(1).max(60),
  observationMinutes: z.number().int().min(1).max(240),
  rideTripMinutes: z.number().int().min(10).max(480),
});
export type VaccinationPolicy = z.infer<typeof vaccinationPolicy>;

export const DEFAULT_POLICY: VaccinationPolicy = {
  bands: [
    { code: '60plus', minAge: 60 },
    { code: '80plus', minAge: 80 },
  ],
  primaryDoses: 2,
  doseIntervalDays: 21,
  boosters: 1,
  boosterAfterMonths: 6,
  observationMinutes: 30,
  rideTripMinutes: 60,
};

/** The youngest age the outreach covers: the lowest band. */
export const minAgeOf = (p: VaccinationPolicy): number => Math.min(...p.bands.map((b) => b.minAge));
export const bandAge = (p: VaccinationPolicy, band: (typeof BANDS)[number]): number => p.bands.find((b) => b.code === band)?.minAge ?? minAgeOf(p);

/**
 * The editor's body (policy.manage, top of the tree; each save a new version): the stored shape with the values a
 * working list cannot live with refused on their field — each band once, the 80+ band older than the 60+, a dose
 * interval of at least a week when there is a second dose — and why the policy changes.
 */
const whole = (min: number, max: number) => z.number().int().min(min).max(max);
export const vaccinationPolicyBody = z
  .strictObject({
    bands: z.array(z.strictObject({ code: z.enum(BANDS), minAge: whole(18, 120) })).max(BANDS.length),
    primaryDoses: whole(1, 5),
    doseIntervalDays: whole(0, 365),
    boosters: whole(0, 5),
    boosterAfterMonths: whole(1, 60),
    observationMinutes: whole(15, 240),
    rideTripMinutes: whole(10, 480),
    note: plainText(200).min(1),
  })
  .superRefine((b, ctx) => {
    const codes = b.bands.map((x) => x.code);
    if (BANDS.some((c) => codes.filter((x) => x === c).length !== 1)) {
      ctx.addIssue({ code: 'custom', path: ['bands'], message: 'bands_incomplete' });
      return;
    }
    const sixty = b.bands.find((x) => x.code === '60plus')!;
    const eighty = b.bands.findIndex((x) => x.code === '80plus');
    if (b.bands[eighty].minAge <= sixty.minAge) ctx.addIssue({ code: 'custom', path: ['bands', eighty, 'minAge'], message: 'bands_order' });
    if (b.primaryDoses > 1 && b.doseIntervalDays < 7) ctx.addIssue({ code: 'custom', path: ['doseIntervalDays'], message: 'interval_short' });
  });
export type VaccinationPolicyInput = z.infer<typeof vaccinationPolicyBody>;
