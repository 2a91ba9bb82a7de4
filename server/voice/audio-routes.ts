// Announcement audio for the boards: GET /audio/<key>.wav serves a file the voice has already made
// (never synthesises on request, so nobody can make the server speak), and GET /audio/status says
// which engine speaks and why it fell back. Public like the boards' content: the audio says aloud
// what the hall hears anyway, and keys are unguessable hashes.
import express from 'express';
import type { Router } from 'express';
import { KEY_PATTERN } from './audio-cache.ts';
import type { VoiceStatus } from './voice-service.ts';
import { ackError } from '../refusals.ts';

/** The current voice (it changes when an admin edits the voice) and the files of recent ones. */
export interface AudioSource {
  status(): VoiceStatus;
  fileFor(key: string): string | null;
}

export function audioRouter(voice: AudioSource): Router {
  const router = express.Router();
  router.get('/status', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ ok: true, data: voice.status() });
  });
  router.get('/:file', (req, res) => {
    const file = String(req.params.file);
    const key = file.endsWith('.wav') ? file.slice(0, -4) : '';
    const path = KEY_PATTERN.test(key) ? voice.fileFor(key) : null;
    if (!path) return void res.status(404).json(ackError('NOT_FOUND'));
    res.sendFile(path, { headers: { 'Content-Type': 'audio/wav', 'Cache-Control': 'public, max-age=31536000, immutable' } }, (err) => {
      // Pruned between the check and the read, or the board hung up mid-file.
      if (err && !res.headersSent) res.status(404).json(ackError('NOT_FOUND'));
    });
  });
  return router;
}
