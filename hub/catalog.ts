// The province catalog at the hub: versions published by a hub admin (a catalog equal to the latest
// is not a new version: publishing is idempotent), the latest version for the sites, and what each
// site reported doing with it. Publishing and every site's answer are written to the hub's audit log.
import type pg from 'pg';
import type { CatalogReport, ProvinceCatalog } from '@core/hub-catalog.ts';

export interface CatalogVersion { version: number; catalog: ProvinceCatalog; publishedAt: string; publishedBy: string }
export interface SiteCatalogState {
  site: string;
  version: number | null;
  status: 'applied' | 'refused' | null;
  reason: { code: string; message: string } | null;
  reportedAt: string | null;
}

export class Catalog {
  constructor(private readonly pool: pg.Pool) {}

  /** A new version, or the latest again when the catalog is the same (nothing new for the sites). */
  async publish(catalog: ProvinceCatalog, by: string): Promise<{ version: number; created: boolean }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // One publisher at a time: two admins publishing the same catalog make one version.
      await client.query('LOCK TABLE catalog_versions IN SHARE ROW EXCLUSIVE MODE');
      const latest = await client.query<{ version: number; same: boolean }>(
        'SELECT version, catalog = $1::jsonb AS same FROM catalog_versions ORDER BY version DESC LIMIT 1', [JSON.stringify(catalog)]);
      if (latest.rows[0]?.same) {
        await client.query('COMMIT');
        return { version: latest.rows[0].version, created: false };
      }
      const r = await client.query<{ version: number }>(
        'INSERT INTO catalog_versions (catalog, published_by) VALUES ($1, $2) RETURNING version', [JSON.stringify(catalog), by]);
      const version = r.rows[0]!.version;
      await client.query('INSERT INTO hub_audit (actor, action, target, detail) VALUES ($1, $2, $3, $4)', [by, 'catalog:publish', `v${version}`, JSON.stringify({
        departments: catalog.departments.length, services: catalog.services.length, procedures: catalog.procedures.length,
        synonyms: catalog.synonyms.length, ratingReasons: catalog.ratingReasons.length,
      })]);
      await client.query('COMMIT');
      return { version, created: true };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async latest(): Promise<CatalogVersion | null> {
    const r = await this.pool.query<{ version: number; catalog: ProvinceCatalog; published_at: Date; published_by: string }>(
      'SELECT version, catalog, published_at, published_by FROM catalog_versions ORDER BY version DESC LIMIT 1');
    const row = r.rows[0];
    return row ? { version: row.version, catalog: row.catalog, publishedAt: row.published_at.toISOString(), publishedBy: row.published_by } : null;
  }

  /** A site's answer about a version: kept (latest report wins) and audited. */
  async report(site: string, report: CatalogReport): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const r = await client.query(
        `INSERT INTO site_catalog (site_code, version, status, reason, reported_at)
         SELECT $1, $2, $3, $4, now() WHERE EXISTS (SELECT 1 FROM catalog_versions WHERE version = $2)
         ON CONFLICT (site_code) DO UPDATE SET version = EXCLUDED.version, status = EXCLUDED.status, reason = EXCLUDED.reason, reported_at = now()`,
        [site, report.version, report.status, report.reason === null ? null : JSON.stringify(report.reason)]);
      if ((r.rowCount ?? 0) > 0) {
        await client.query('INSERT INTO hub_audit (actor, action, target, detail) VALUES ($1, $2, $3, $4)',
          [`site:${site}`, `catalog:${report.status}`, `v${report.version}`, report.reason === null ? null : JSON.stringify(report.reason)]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  /** Every site with the version it last reported and how it went. */
  async sites(): Promise<SiteCatalogState[]> {
    const r = await this.pool.query<{ code: string; version: number | null; status: 'applied' | 'refused' | null; reason: { code: string; message: string } | null; reported_at: Date | null }>(
      `SELECT s.code, c.version, c.status, c.reason, c.reported_at FROM sites s LEFT JOIN site_catalog c ON c.site_code = s.code ORDER BY s.code`);
    return r.rows.map((x) => ({ site: x.code, version: x.version, status: x.status, reason: x.reason, reportedAt: x.reported_at?.toISOString() ?? null }));
  }

  async audit(limit: number): Promise<{ at: string; actor: string; action: string; target: string; detail: unknown }[]> {
    const r = await this.pool.query<{ at: Date; actor: string; action: string; target: string; detail: unknown }>(
      'SELECT at, actor, action, target, detail FROM hub_audit ORDER BY id DESC LIMIT $1', [limit]);
    return r.rows.map((x) => ({ ...x, at: x.at.toISOString() }));
  }
}
