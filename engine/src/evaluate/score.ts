import { decimalPlaces, fromScaled, toScaledBig } from '../money/decimal.js'

/**
 * Σ points exactly (policies.md: score = Σ points of fired score rules). Points may carry decimals,
 * and double addition would drift (0.7 + 0.1 = 0.7999999999999999), moving a score across a
 * threshold it meets exactly; the sum is taken in integers at the finest scale of the points.
 * @example exactScore([0.7, 0.1]) // 0.8
 */
export function exactScore(points: readonly number[]): number {
  const scale = Math.max(0, ...points.map(decimalPlaces))
  let sum = 0n
  for (const p of points) sum += toScaledBig(p, scale) ?? 0n
  return fromScaled(sum, scale)
}
