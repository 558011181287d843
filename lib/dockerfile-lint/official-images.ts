/**
 * Docker Official Images (Docker Hub's `library/` namespace) that a base image is commonly a copy of: a
 * small vendored list, not the whole catalogue (https://hub.docker.com/search?badges=official).
 */
export const OFFICIAL_IMAGES: ReadonlySet<string> = new Set([
  'alpine', 'amazoncorretto', 'amazonlinux', 'bash', 'busybox', 'caddy', 'debian', 'eclipse-temurin', 'elixir', 'erlang',
  'fedora', 'gcc', 'golang', 'gradle', 'haproxy', 'httpd', 'mariadb', 'maven', 'memcached', 'mongo', 'mysql', 'nats',
  'nginx', 'node', 'openjdk', 'perl', 'php', 'postgres', 'python', 'rabbitmq', 'redis', 'registry', 'ruby', 'rust',
  'tomcat', 'traefik', 'ubuntu',
]);

/** Docker Hub namespaces of Docker Verified Publishers whose images of those names are fine to use. */
export const VERIFIED_PUBLISHERS: ReadonlySet<string> = new Set(['bitnami', 'chainguard', 'docker']);
