import type { Queryable } from '../db/index.ts'

/**
 * Area classes other than 'border' (computed in PostGIS by compute_border_areas).
 * - rule:  urban = wards; ethnic_minority = rural communes with fewer than 300 residents per km²
 *          (in Lào Cai minorities are most of the rural population); remote = fewer than 70 per km²;
 *          tourism = communes named for the known destinations; border_gate_zone = within 3 km of a gate.
 * - demo:  strategic = border-gate and ward communes near the border plus a hashed tenth of the rest;
 *          religious = a hashed sixth of communes. Both are illustrative choices, not official lists.
 */
export async function assignAreaClasses(tx: Queryable): Promise<void> {
  const hash = (salt: string) => `(('x' || substr(md5(c.code || '${salt}'), 1, 8))::bit(32)::int & 1023)`
  await tx.exec(`
    insert into commune_area_class (commune_code, class_code, source)
    select code, 'urban', 'rule' from commune where type = 'phuong'
    on conflict do nothing;
    insert into commune_area_class (commune_code, class_code, source)
    select code, 'ethnic_minority', 'rule' from commune where type = 'xa' and population / nullif(area_km2, 0) < 300
    on conflict do nothing;
    insert into commune_area_class (commune_code, class_code, source)
    select code, 'remote', 'rule' from commune where type = 'xa' and population / nullif(area_km2, 0) < 70
    on conflict do nothing;
    insert into commune_area_class (commune_code, class_code, source)
    select code, 'tourism', 'rule' from commune
    where vn_fold(name) in ('sa pa', 'bac ha', 'mu cang chai', 'y ty', 'tu le', 'ta van', 'lao cai', 'tram tau', 'khau pha')
    on conflict do nothing;
    insert into commune_area_class (commune_code, class_code, source)
    select code, 'religious', 'demo' from commune c where ${hash('religion')} < 170
    on conflict do nothing;
  `)
}

/** Classes that depend on the border features; run after placeBorderFeatures. */
export async function assignGateClasses(tx: Queryable): Promise<void> {
  const hash = `(('x' || substr(md5(c.code || 'strategic'), 1, 8))::bit(32)::int & 1023)`
  await tx.exec(`
    insert into commune_area_class (commune_code, class_code, source)
    select distinct c.code, 'border_gate_zone', 'rule' from commune c join border_feature f
      on f.kind like 'gate%' and ST_DWithin(c.geom::geography, f.geom::geography, 3000)
    on conflict do nothing;
    insert into commune_area_class (commune_code, class_code, source)
    select c.code, 'strategic', 'demo' from commune c
    where exists (select 1 from commune_area_class a where a.commune_code = c.code and a.class_code = 'border_gate_zone')
       or (c.type = 'phuong' and c.border_distance_m < 20000)
       or ${hash} < 100
    on conflict do nothing;
  `)
}
