// Figures as the province reads them: minutes with one decimal, shares in per cent, Vietnamese dates.
export const minutes = (sec: number | null | undefined): string => (sec === null || sec === undefined ? '—' : (sec / 60).toFixed(1));
export const percent = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : `${Math.round(x * 1000) / 10} %`);
export const clock = (at: number | null): string =>
  at === null ? '—' : new Date(at).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', second: '2-digit', day: '2-digit', month: '2-digit' });
/** Today in Vietnam (UTC+7) as YYYY-MM-DD. */
export const todayVn = (): string => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
