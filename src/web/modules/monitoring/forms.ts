/** Pure checks and parsing behind the monitoring forms (tested in forms.test.ts). */

/** "101-105, 201" → 101, 102, 103, 104, 105, 201 (ranges of numbers; anything else taken as one code). */
export function roomCodes(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,，、\s]+/).filter(Boolean)) {
    const m = /^(\d+)\s*[-~–]\s*(\d+)$/.exec(part);
    if (m && Number(m[2]) >= Number(m[1]) && Number(m[2]) - Number(m[1]) < 1000) {
      for (let n = Number(m[1]); n <= Number(m[2]); n++) out.push(String(n).padStart(m[1].length, '0'));
    } else out.push(part);
  }
  return [...new Set(out)];
}

/** One decimal between 34.0 and 43.0, as the server checks it. */
export function temperatureProblem(v: number | null | undefined): 'required' | 'range' | 'decimal' | null {
  if (v === null || v === undefined || Number.isNaN(v)) return 'required';
  if (v < 34 || v > 43) return 'range';
  if (Math.abs(Math.round(v * 10) - v * 10) > 1e-9) return 'decimal';
  return null;
}
