/** 应检尽检 of one round, reached by its link (/sampling/rounds/:id/coverage?under=): shareable as it is. */
import { useNavigate, useParams } from 'react-router-dom';
import { CoverageView } from './CoverageView';

export default function CoverageRoundPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  return <CoverageView roundId={Number(id) || undefined} onRound={(next) => navigate(`/sampling/rounds/${next}/coverage`)} />;
}
