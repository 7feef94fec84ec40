/**
 * Chart.js, tree-shaken: only the controllers, elements, scales and plugins the dashboard uses are
 * registered, so the bundle carries nothing else.
 */
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Filler,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip, Filler);

export { Chart };
export type { ChartConfiguration } from 'chart.js';

/** A palette that stays distinguishable for common colour-vision deficiencies (Okabe–Ito + extras). */
export const PALETTE = ['#1f5f5b', '#e69f00', '#56b4e9', '#009e73', '#cc79a7', '#0072b2', '#d55e00', '#8c7a3d', '#6a3d9a', '#999999', '#b15928', '#33a02c'];

export const colorAt = (i: number) => PALETTE[i % PALETTE.length];
