// Admin API for the lobby (docs/api.md, "Admin API"): the voice section (template, engine,
// variant, chime…) and the boards' section (notice, theme, highlight), applied live through the
// configuration service; the current voice's status; and a preview that makes one announcement
// with the current voice so the admin hears it in the browser. Mounted inside the admin router
// (admins only, JSON body already parsed).
import type { Request, Router } from 'express';
import type { VoicePreview, VoiceStatusView } from '@core/protocol.ts';
import { AdminDisplayBodySchema, AdminVoiceBodySchema, AdminVoicePreviewBodySchema } from '@core/protocol.ts';
import type { CallView } from '@core/views.ts';
import type { Actor, ConfigService } from '../admin/config-service.ts';
import type { Clock } from '../deps.ts';
import type { Lobby } from '../voice/lobby.ts';
import { configEditor, parseOr400 } from './respond.ts';


/** A call that never happened, for the preview: nothing of it reaches the queue or the boards. */
function previewCall(number: string, counter: number, recall: boolean, zone: string, at: number): CallView {
  return {
    ticket: {
      id: 'preview', seq: 0, number, serviceCode: '', departmentCode: '', priority: null, status: 'called', issuedAt: at, queuedAt: at, calledAt: at,
      startedAt: null, finishedAt: null, counter, targetCounter: null, calls: recall ? 2 : 1, transferred: false,
    },
    counter, zone, recall, at,
  };
}

export interface LobbyAdminDeps {
  configs: ConfigService;
  lobby: Pick<Lobby, 'status' | 'announce'>;
  clock: Clock;
}

export function mountLobbyAdmin(api: Router, { configs, lobby, clock }: LobbyAdminDeps, actor: (req: Request) => Actor): void {
  const edit = configEditor(configs, actor);

  api.put('/voice', async (req, res) => {
    const voice = parseOr400(AdminVoiceBodySchema, req.body, res);
    if (voice) await edit(req, res, { type: 'voice:put', voice });
  });
  api.put('/display', async (req, res) => {
    const display = parseOr400(AdminDisplayBodySchema, req.body, res);
    if (display) await edit(req, res, { type: 'display:put', display });
  });

  api.get('/voice/status', (_req, res) => {
    const data: VoiceStatusView = lobby.status();
    res.set('Cache-Control', 'no-store').json({ ok: true, data });
  });
  api.post('/voice/preview', async (req, res) => {
    const body = parseOr400(AdminVoicePreviewBodySchema, req.body ?? {}, res);
    if (!body) return;
    const config = configs.current;
    const firstService = [...config.services].sort((a, b) => a.order - b.order)[0];
    const number = body.number ?? `${firstService?.prefix ?? 'A'}-025`;
    const counter = body.counter ?? config.counters[0]?.number ?? 1;
    const zone = config.counters.find((c) => c.number === counter)?.zone ?? '';
    const made = await lobby.announce(previewCall(number, counter, body.recall, zone, clock.now()));
    const data: VoicePreview = { text: made.text, audioUrl: made.audioUrl, durationMs: made.durationMs, voiced: made.voiced };
    res.set('Cache-Control', 'no-store').json({ ok: true, data });
  });
}
