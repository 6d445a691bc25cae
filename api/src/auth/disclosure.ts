/**
 * Statistical disclosure rule for callers without the incident-point permission: a count of incidents
 * between 1 and MIN_DISCLOSED_COUNT − 1 could point at a household, so it is reported as suppressed
 * (null), never as zero. Shared by metrics, density (GeoJSON and tiles) and statistics.
 */
export const MIN_DISCLOSED_COUNT = 3

export const isSuppressed = (n: number | null | undefined, min = MIN_DISCLOSED_COUNT) =>
  n != null && n > 0 && n < min
