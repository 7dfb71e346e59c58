/**
 * Printable sampling cards (核酸采样码) for people without a phone, pure: what goes on a card, how many
 * cards fit an A4 sheet with room to cut, the parts a big batch is printed in, and the QR modules as one
 * SVG path. The code text itself is the desk's (`residentQr` / `householdQr` in domain/sampling/rules.ts),
 * so whatever is printed here is what `parseScan` reads at the desk.
 */
import { householdQr, residentQr } from '../../../domain/sampling/rules';

export interface QrCard {
  /** React key; unique per sheet. */
  key: string;
  kind: 'resident' | 'household';
  code: string;
  /** The full name as the registry shows it to this user (the household card: its address). */
  title: string;
  /** Masked ID number (resident) — never revealed for printing. */
  idNumber: string | null;
  address: string | null;
  /** Household card: its members' names, so the family knows it is theirs. */
  members?: string[];
}

export interface CardPerson {
  id: number;
  name: string;
  idNumber: string | null;
  householdAddress: string | null;
  areaName: string;
  status: string;
}

/** Moved out or deceased people are not sampled: no card. */
export const printable = (p: Pick<CardPerson, 'status'>) => p.status === 'present' || p.status === 'away';

export function residentCard(p: CardPerson): QrCard {
  return { key: `r${p.id}`, kind: 'resident', code: residentQr(p.id), title: p.name, idNumber: p.idNumber, address: p.householdAddress ?? p.areaName };
}

/** The household group code first (one scan registers the whole family), then one card per member. */
export function householdCards(h: { id: number; address: string; members: CardPerson[] }): QrCard[] {
  const members = h.members.filter(printable);
  return [
    { key: `h${h.id}`, kind: 'household', code: householdQr(h.id), title: h.address, idNumber: null, address: null, members: members.map((m) => m.name) },
    ...members.map(residentCard),
  ];
}

/** Millimetres. A card the size of a bank card (ISO ID-1, 85.6 × 54) fits a wallet or a card holder. */
export const CARD = { width: 85.6, height: 54 };
/** A4 with 8 mm margins (inside what office printers can reach) and a 2 mm gutter to cut in. */
export const SHEET = { width: 210, height: 297, margin: 8, gap: 2 };

/** How many cards fit a sheet: columns and rows inside the margins with a gap between cards for the cut. */
export function cardGrid(sheet = SHEET, card = CARD): { cols: number; rows: number; perPage: number } {
  const fitting = (room: number, size: number) => Math.max(1, Math.floor((room + sheet.gap) / (size + sheet.gap)));
  const cols = fitting(sheet.width - 2 * sheet.margin, card.width);
  const rows = fitting(sheet.height - 2 * sheet.margin, card.height);
  return { cols, rows, perPage: cols * rows };
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * At most this many cards per print: a browser lays out a few hundred SVG cards quickly, thousands freeze a
 * phone or an old office PC, and nobody cuts more than 40 sheets at once. Bigger batches print in parts.
 */
export const BATCH_CAP = 400;
/** The residents list's largest page; a part is read in pages of this size. */
export const LIST_PAGE = 200;

/** The parts of a batch of `total` people: 1-based first and last person of each. */
export function batchParts(total: number, cap = BATCH_CAP): { part: number; from: number; to: number }[] {
  const parts: { part: number; from: number; to: number }[] = [];
  for (let from = 1, part = 1; from <= total; from += cap, part++) parts.push({ part, from, to: Math.min(total, from + cap - 1) });
  return parts;
}

/** The list pages (of `LIST_PAGE`) that make up part `part` (1-based) of a batch. */
export function pagesOfPart(part: number, cap = BATCH_CAP, pageSize = LIST_PAGE): number[] {
  const per = Math.ceil(cap / pageSize);
  return Array.from({ length: per }, (_, i) => (part - 1) * per + i + 1);
}

/** White modules around the symbol on the card (the card's own white margin adds more). */
export const QUIET_ZONE = 2;

/**
 * The dark modules of a QR symbol as one SVG path in module units (a viewBox of `size` squares): each run of
 * dark modules in a row is one rectangle, so a card is a single small element that prints crisp at any size.
 */
export function qrPath(size: number, dark: (row: number, col: number) => boolean): string {
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && dark(row, col)) col++;
      parts.push(`M${start} ${row}h${col - start}v1h${start - col}z`);
    }
  }
  return parts.join('');
}

/**
 * The name's type size on the card (mm of font size): as large as the line allows, since the card is for
 * people who may not read small print — two- to four-character names at 8 mm, long names (minority names
 * with a middle dot, foreign names) smaller so they still fit in two lines of the 44 mm text column.
 */
export function nameSizeMm(name: string): number {
  const n = [...name].length;
  if (n <= 4) return 8;
  if (n <= 6) return 6.5;
  if (n <= 10) return 5;
  return 4;
}
