/** YYYY-MM-DD of an instant in East Africa Time (UTC+3), as the dashboard's date filters take it. */
export function formatEatDate(at: Date): string {
  return new Date(at.getTime() + 3 * 3600 * 1000).toISOString().slice(0, 10);
}
