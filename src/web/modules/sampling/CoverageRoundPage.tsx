/** 应检尽检 of one round, reached by its link (/sampling/rounds/:id/coverage?under=): shareable as it is. */
import { useNavigate, useParams } from 'react-router-dom';
import { CoverageView } from './CoverageView';

export default function CoverageRoundPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  // A malformed id is still asked for, so the page shows the server's error rather than another round.
  const roundId = /^[1-9]\d*$/.test(id ?? '') ? Number(id) : -1;
  return <CoverageView roundId={roundId} onRound={(next) => navigate(`/sampling/rounds/${next}/coverage`)} />;
}
