/** The vaccination module's vocabularies (疫苗接种动员, issue 18 point 3), shared by the server and the web app. */

/** Each person's mobilisation state. `not_contacted` is the state of everyone nobody has reached yet. */
export const STATES = ['not_contacted', 'agreed', 'refused', 'vaccinated', 'not_suitable'] as const;
export type MobilisationState = (typeof STATES)[number];

/** Why a person refused, from a fixed list (the reasons the outreach answers with different talks). */
export const REFUSAL_REASONS = [
  'side_effects',
  'chronic_illness',
  'too_old',
  'vaccinated_elsewhere',
  'no_time',
  'no_transport',
  'family_opposes',
  'distrust',
  'other',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** Contraindications (禁忌症) recorded by a doctor: each makes the person not suitable. */
export const CONTRAINDICATIONS = [
  'allergy_to_vaccine',
  'severe_reaction_before',
  'acute_illness',
  'uncontrolled_chronic',
  'immunodeficiency',
  'pregnancy',
  'other',
] as const;
export type Contraindication = (typeof CONTRAINDICATIONS)[number];

/** How a person was reached. */
export const CONTACT_KINDS = ['call', 'visit'] as const;
/** What a call or visit came to: no answer leaves the state as it was. */
export const OUTCOMES = ['no_answer', 'agreed', 'refused', 'not_suitable'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Age bands of the outreach: 80+ first, then 60+ (the 80+ are in the 60+ band too). */
export const BANDS = ['60plus', '80plus'] as const;
export type Band = (typeof BANDS)[number];

/** What a person is due for next. */
export const DUE_KINDS = ['first', 'next_primary', 'booster'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

/** Why a rider could not be put in any vehicle. */
export const UNPLACED_REASONS = ['no_wheelchair_vehicle', 'no_vehicle_free', 'bad_window'] as const;
export type UnplacedReason = (typeof UNPLACED_REASONS)[number];
