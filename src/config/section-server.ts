import { z } from 'zod';
import { listenAddress, publicUrl, text } from './schema-fields.ts';

/** Where the HTTP server listens and keeps its data; all optional. */
export const serverSection = z
  .strictObject({
    listen: listenAddress.prefault('127.0.0.1:8080'),
    public_url: publicUrl.optional(),
    /** Relative to the config directory; resolved to an absolute path at load. */
    data_dir: text.prefault('.opsdeck'),
  })
  .prefault({});
