/** 应检尽检 from the menu: the round is picked on the page (open ones first) and kept in the URL as ?roundId=. */
import { useSearchParams } from 'react-router-dom';
import { CoverageView } from './CoverageView';

export default function CoveragePage() {
  const [params, setParams] = useSearchParams();
  const roundId = Number(params.get('roundId')) || undefined;
  // Another round starts at its own top area: `under` belongs to the round it was drilled in.
  return <CoverageView roundId={roundId} onRound={(id) => setParams({ roundId: String(id) })} />;
}
