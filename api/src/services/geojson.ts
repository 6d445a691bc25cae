/** Media type of every GeoJSON answer (RFC 7946). */
export const GEOJSON_TYPE = 'application/geo+json; charset=utf-8'

/**
 * A FeatureCollection as text from a JSON array of features built in SQL, with foreign members
 * (RFC 7946 §6.1) such as the period it covers. The features are spliced in unparsed: they can be
 * tens of megabytes and are already JSON.
 */
export function featureCollectionText(featuresJson: string, members: Record<string, unknown> = {}): string {
  const head = JSON.stringify({ type: 'FeatureCollection', ...members })
  return `${head.slice(0, -1)},"features":${featuresJson}}`
}
