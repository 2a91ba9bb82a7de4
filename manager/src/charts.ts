// Chart.js with only the pieces the reports use (a smaller bundle than chart.js/auto).
import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement,
  PointElement, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);
Chart.defaults.font.family = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif";
Chart.defaults.color = '#52606d';
Chart.defaults.animation = false;

export { Chart };
export const COLORS = { blue: '#2f6fb5', green: '#2e8b57', orange: '#d98a00', red: '#d64545', grey: '#9aa5b1', teal: '#1b8a8f' };
