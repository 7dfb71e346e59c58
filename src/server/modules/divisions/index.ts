/** The statistical division catalogue (区划代码), read-only reference data every module may look up. */
export { CODE_LENGTHS, InvalidDivisionCode, getDivision, getSubtree, listChildren, listProvinces, normalizeDivisionCode } from './catalog';
