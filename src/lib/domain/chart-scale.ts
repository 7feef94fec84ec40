/**
 * Axis ticks a reader can take in at a glance: steps of 1, 2, 2.5 or 5 × a power of ten in whole
 * currency units (CN¥5,000, 10,000, 15,000 …), never a quarter of whatever the largest bar happened
 * to be (CN¥6,348.7). Works in minor units; `unit` is minor units per whole unit (100 for CNY).
 */
export interface Ticks {
	/** Axis bounds: min ≤ every value, max ≥ every value, both on a tick. */
	min: number;
	max: number;
	/** From min to max, evenly spaced. */
	values: number[];
}

const STEPS = [1, 2, 2.5, 5, 10];

export function niceTicks(low: number, high: number, unit = 100, target = 4): Ticks {
	const lo = Math.min(0, low);
	const hi = Math.max(lo + unit, high);
	const raw = (hi - lo) / unit / Math.max(1, target);
	const power = 10 ** Math.floor(Math.log10(raw));
	// The smallest nice step that covers the range in at most `target` steps, in whole units (at
	// least one): 2.5 units is not a step, so a range that would take it takes 5.
	let step = Math.max(1, (STEPS.find((s) => s * power >= raw && Number.isInteger(s * power)) ?? 10) * power) * unit;
	if (!Number.isFinite(step) || step <= 0) step = unit;
	const min = Math.floor(lo / step) * step;
	const max = Math.ceil(hi / step) * step;
	const values: number[] = [];
	for (let v = min; v <= max + step / 2; v += step) values.push(Math.round(v));
	return { min, max, values };
}
