/** Small numeric helpers: the machine is shared, so every figure is a median of repeated, interleaved runs. */

export function median(values: number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Every element of `order`, rotated by `round`: interleaved runs do not always favour the same contender. */
export function rotated<T>(order: readonly T[], round: number): T[] {
	const shift = round % order.length;
	return [...order.slice(shift), ...order.slice(0, shift)];
}

export const ms = (value: number) => (value >= 100 ? `${value.toFixed(0)} ms` : value >= 1 ? `${value.toFixed(1)} ms` : `${value.toFixed(3)} ms`);
export const ratio = (value: number) => `${value.toFixed(value < 1 ? 3 : 2)}×`;
export const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const perSecond = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;
