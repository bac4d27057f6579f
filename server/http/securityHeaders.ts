/**
 * Security headers on every response, computed once at start-up.
 *
 * Pages (the web app, its assets, the API docs) get a strict Content-Security-Policy (no
 * inline scripts or styles, nothing from other origins), no framing, no referrer, no MIME
 * sniffing, and a Permissions-Policy that keeps camera and microphone for Hearth's own pages
 * (the call the live session will carry). Headers only obsolete browsers or plug-ins read
 * (X-DNS-Prefetch-Control, X-Permitted-Cross-Domain-Policies, Origin-Agent-Cluster) are left
 * out.
 *
 * API responses are JSON, never rendered, so they carry what protects JSON (OWASP's REST
 * advice): never cached, never sniffed as another type, never framed, not readable by other
 * origins.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';

export function securityHeaders(config: Config): {
  page: Record<string, string>;
  api: Record<string, string>;
} {
  const hsts: Record<string, string> = config.secureCookies
    ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' }
    : {};
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(config.secureCookies ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return {
    page: {
      'content-security-policy': csp,
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'permissions-policy': 'camera=(self), microphone=(self), geolocation=(), payment=(), usb=()',
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      ...hsts,
    },
    api: {
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'cross-origin-resource-policy': 'same-origin',
      'x-content-type-options': 'nosniff',
      ...hsts,
    },
  };
}

/** True for the JSON API and the health check; everything else is a page or an asset. */
export function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/healthz' || url === '/readyz';
}

export function registerSecurityHeaders(app: FastifyInstance, config: Config): void {
  const { page, api } = securityHeaders(config);
  app.addHook('onRequest', (request, reply, done) => {
    // The API docs are a page, though they live under /api/.
    reply.headers(isApiPath(request.url) && !request.url.startsWith('/api/docs') ? api : page);
    done();
  });
}
