// Days the plan screen offers: tomorrow and next Monday, from the server's "today" (local day).
const shift = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function tomorrow(today: string): string {
  return shift(today, 1);
}

export function nextMonday(today: string): string {
  const weekday = new Date(`${today}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return shift(today, ((8 - weekday) % 7) || 7);
}
