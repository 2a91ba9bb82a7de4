// Admin API for the search's synonym dictionary (docs/api.md, "Admin API"): GET the dictionary as
// the text the admin edits (one entry per line) and as entries; PUT a new text. A text with any bad
// line is refused whole, each problem with its line number, and nothing changes; a good one is
// applied live through the configuration service (validated, written, audited, sent to screens).
// Mounted inside the admin router (admins only, JSON body already parsed).
import type { Request, Router } from 'express';
import { formatSynonymsText, parseSynonymsText } from '@core/catalog-search/synonyms.ts';
import { AdminSynonymsBodySchema } from '@core/protocol.ts';
import type { Actor, ConfigService } from '../admin/config-service.ts';
import { ackError } from '../refusals.ts';
import { configEditor, parseOr400 } from './respond.ts';

export function mountSynonymsAdmin(api: Router, configs: ConfigService, actor: (req: Request) => Actor): void {
  const edit = configEditor(configs, actor);

  api.get('/synonyms', (_req, res) => {
    const synonyms = configs.current.synonyms;
    res.set('Cache-Control', 'no-store').json({ ok: true, data: { text: formatSynonymsText(synonyms), entries: synonyms } });
  });

  api.put('/synonyms', async (req, res) => {
    const body = parseOr400(AdminSynonymsBodySchema, req.body, res);
    if (!body) return;
    const cfg = configs.current;
    const known = new Set([...cfg.procedures.map((p) => p.code), ...cfg.services.map((s) => s.code)]);
    const parsed = parseSynonymsText(body.text, known);
    if (!parsed.ok) {
      const issues = parsed.problems.slice(0, 50).map((p) => ({ path: `dòng ${p.line}`, message: p.message }));
      return res.status(400).json(ackError('SYNONYMS_INVALID', { count: parsed.problems.length }, issues));
    }
    await edit(req, res, { type: 'synonyms:put', synonyms: parsed.entries });
  });
}
