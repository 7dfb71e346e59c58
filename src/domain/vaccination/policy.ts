import { z } from 'zod';
import { BANDS } from './kinds';

/**
 * The vaccination policy as data (one row, `vaccination_policy`): the age bands, how many primary doses and how far
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
