import type { MobilisationState } from '../../../domain/vaccination/kinds';

/** The colour of each mobilisation state's tag. */
export const stateColour: Record<MobilisationState, string> = {
  not_contacted: 'default',
  agreed: 'blue',
  refused: 'red',
  vaccinated: 'green',
  not_suitable: 'orange',
};
