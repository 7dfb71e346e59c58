import type { Highs } from 'highs';

/** A model assembled row by row, then handed to HiGHS in one piece (compressed rows). */
interface Col {
  cost: number;
  upper: number;
  integer: boolean;
  start: number;
}

export class Builder {
  cols: Col[] = [];
  rows: { lower: number; upper: number; idx: number[]; val: number[] }[] = [];
  col(cost: number, upper: number, integer: boolean, start: number) {
    this.cols.push({ cost, upper, integer, start });
    return this.cols.length - 1;
  }
  row(lower: number, upper: number, idx: number[], val: number[]) {
    if (idx.length > 0) this.rows.push({ lower, upper, idx, val });
  }
}

/** Solves the model; null when no solution (for an LP: no proved optimum) came within the time limit. */
export function runModel(highs: Highs, b: Builder, timeLimitS: number): { x: Float64Array; objective: number; dualBound: number; optimal: boolean } | null {
  const nCols = b.cols.length;
  const nRows = b.rows.length;
  if (nCols === 0) return { x: new Float64Array(0), objective: 0, dualBound: 0, optimal: true };
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const r of b.rows) {
    for (let k = 0; k < r.idx.length; k++) {
      indices.push(r.idx[k]);
      values.push(r.val[k]);
    }
    starts.push(indices.length);
  }
  const inf = highs.infinity;
  const isMip = b.cols.some((c) => c.integer);
  const model = highs.createModel({
    numCols: nCols,
    numRows: nRows,
    colCost: b.cols.map((c) => c.cost),
    colLower: b.cols.map(() => 0),
    colUpper: b.cols.map((c) => (c.upper === Infinity ? inf : c.upper)),
    rowLower: b.rows.map((r) => (r.lower === -Infinity ? -inf : r.lower)),
    rowUpper: b.rows.map((r) => (r.upper === Infinity ? inf : r.upper)),
    matrix: { format: 'csr', numRows: nRows, numCols: nCols, starts, indices, values },
    integrality: b.cols.map((c) => (c.integer ? 1 : 0)),
  });
  try {
    // The bound's LP (a flow on the area tree with a few side rows) gains nothing from presolve: without it the
    // county's relaxation solved in 3.0–4.0 s instead of 4.9–5.3 s on a cold thread (bench, 2 busy cores).
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.05, timeLimitS),
      mip_rel_gap: 1e-6,
      mip_abs_gap: 1e-6,
      ...(isMip ? {} : { presolve: 'off' }),
    });
    // A MIP starts from the current roster (so its answer is never worse); an LP needs no start.
    if (isMip) model.setSolution({ colValue: b.cols.map((c) => c.start) });
    const { modelStatus } = model.run();
    const optimal = modelStatus === highs.constants.modelStatus.optimal;
    if (Number(model.info.get('primal_solution_status')) !== 2) return null;
    if (!isMip && !optimal) return null;
    // An LP solved to optimality is its own bound; a MIP reports the best bound its search proved.
    const dual = isMip ? Number(model.info.get('mip_dual_bound')) : model.getObjectiveValue();
    return {
      x: model.getSolution().colValue,
      objective: model.getObjectiveValue(),
      dualBound: Number.isFinite(dual) ? dual : Number.NEGATIVE_INFINITY,
      optimal,
    };
  } finally {
    model.dispose();
  }
}
