import { z } from 'zod';
import type { CheckType, ProbeValues } from '../../check-type.ts';
import { httpRequest } from './http-request.ts';

export { httpRequest, MAX_BODY_BYTES, MAX_REDIRECTS } from './http-request.ts';
export type { HttpRequestSpec, HttpResponse } from './http-request.ts';

const schema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  follow_redirects: z.boolean().default(true),
  verify_tls: z.boolean().default(true),
});

export type HttpCheckConfig = z.output<typeof schema>;

const USER_AGENT = 'Opsdeck-Check/1';

export const httpCheck: CheckType<HttpCheckConfig> = {
  name: 'http',
  schema,
  defaultExpect: ['[STATUS] < 400'],
  placeholders: ['STATUS', 'BODY', 'RESPONSE_TIME', 'CONNECTED', 'CERTIFICATE_EXPIRATION'],
  create(config) {
    const hasUserAgent = Object.keys(config.headers).some((name) => name.toLowerCase() === 'user-agent');
    const spec = {
      url: new URL(config.url),
      method: config.method,
      headers: hasUserAgent ? config.headers : { ...config.headers, 'user-agent': USER_AGENT },
      body: config.body,
      verifyTls: config.verify_tls,
      followRedirects: config.follow_redirects,
    };
    return async ({ signal }) => {
      const started = performance.now();
      try {
        const res = await httpRequest(spec, signal);
        const values: ProbeValues = {
          STATUS: res.status,
          BODY: res.body,
          RESPONSE_TIME: Math.round(performance.now() - started),
          CONNECTED: true,
        };
        if (res.certificateExpiresAt !== null) values.CERTIFICATE_EXPIRATION = res.certificateExpiresAt - Date.now();
        return { values };
      } catch (error) {
        return { values: { CONNECTED: false }, error: (error as Error).message };
      }
    };
  },
};
