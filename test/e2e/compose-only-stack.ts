import * as fs from 'fs';
import * as path from 'path';
import { App, Environment, Image, Mount, Port, Probe, Service, Stack, Target, Volume } from '../../lib';
import { APP_IMAGE } from './e2e-stack';
import { TestImage } from './images';

/** The busybox image plus test/e2e/udp-echo.c, linked statically: busybox has no UDP server or `nc -u`. */
export const UDP_IMAGE = { repository: 'localhost/twinstack-e2e/udp', tag: '1.0.0' };
/** An image as official ones are made: its own user (not 10001) owns its data directory and a home of its own. */
export const OWNED_IMAGE = { repository: 'localhost/twinstack-e2e/owned', tag: '1.0.0' };
export const IMAGE_USER = 999;
export const OWNED = { data: '/var/lib/owned', home: '/home/owned', marker: 'image-user-only' };
/** One port number for TCP and UDP (the DNS-on-53 case, unprivileged), published under one host port for both. */
export const DNS = { port: 5353, hostPort: 25353 };
/** The project folder bind-mounted into `dev`, relative to the synth's working directory. */
export const SOURCE = { folder: 'src', mountPath: '/app/src' };

export function composeOnlyImages(udpEcho: string): TestImage[] {
  return [
    { references: [`${UDP_IMAGE.repository}:${UDP_IMAGE.tag}`], files: { 'udp-echo': udpEcho }, steps: ['COPY udp-echo /bin/udp-echo'] },
    {
      references: [`${OWNED_IMAGE.repository}:${OWNED_IMAGE.tag}`],
      steps: [
        `RUN ["/bin/sh", "-c", "mkdir -p ${OWNED.data} ${OWNED.home} && echo ${OWNED.marker} > ${OWNED.home}/marker && chown -R ${IMAGE_USER}:${IMAGE_USER} ${OWNED.data} ${OWNED.home} && chmod 0700 ${OWNED.data} ${OWNED.home}"]`,
        `USER ${IMAGE_USER}:${IMAGE_USER}`,
      ],
    },
  ];
}

const sh = (script: string) => ({ command: ['sh', '-c', script] });
const resources = { cpu: { request: '50m', limit: '250m' }, memory: { request: '16Mi', limit: '32Mi' } };
const idle = { resources, ...sh('exec sleep 3600') };

/**
 * An application whose one environment, `laptop`, renders Compose alone: a UDP and a TCP port with one number,
 * published; services on volumes as the image's user and as the default user; a bind mount of the project's
 * `src/` for the dev loop (created here, in `workdir`, where synth runs).
 */
export function buildComposeOnlyStack(workdir: string): App {
  fs.mkdirSync(path.join(workdir, SOURCE.folder), { recursive: true });
  const app = new App({ outdir: path.join(workdir, 'dist') });
  const stack = new Stack(app, 'e2e-local');
  const laptop = new Environment(stack, 'laptop', { targets: [Target.COMPOSE], tier: 'dev' });
  const image = (reference: { repository: string; tag: string }) => Image.fromRegistry(reference.repository, { tag: reference.tag });

  const dns = new Service(stack, 'dns', {
    image: image(UDP_IMAGE),
    resources,
    // httpd (TCP) detaches; udp-echo (UDP) is the container's process
    ...sh(`mkdir -p /srv/www && echo tcp-ok > /srv/www/index.html && httpd -p ${DNS.port} -h /srv/www && exec udp-echo serve ${DNS.port}`),
    ports: [Port.tcp(DNS.port, 'dns-tcp'), Port.udp(DNS.port, 'dns-udp')],
    publish: [{ port: 'dns-tcp', hostPort: DNS.hostPort }, { port: 'dns-udp', hostPort: DNS.hostPort }],
    mounts: [Mount.scratch('/srv')],
    // no `sh -c` script: Podman's Docker API splits a health check's arguments at spaces (containers/podman#26519);
    // httpd has bound its port before it detaches, so the UDP answer means both are up
    health: { readiness: Probe.exec(['udp-echo', 'send', '127.0.0.1', `${DNS.port}`, 'ready'], { interval: '2s', timeout: '5s', retries: 30 }) },
  });
  new Service(stack, 'client', { image: image(UDP_IMAGE), ...idle }).connectsTo(dns, 'dns-udp').connectsTo(dns, 'dns-tcp');

  new Service(stack, 'owner', {
    image: image(OWNED_IMAGE),
    ...idle,
    security: { user: IMAGE_USER, group: IMAGE_USER },
    mounts: [Mount.volume(new Volume(stack, 'owner-data', { size: '16Mi' }), OWNED.data)],
  });
  // the same image as the default user: the volume-owner step gives the volume to 10001 instead
  new Service(stack, 'guest', {
    image: image(OWNED_IMAGE),
    ...idle,
    mounts: [Mount.volume(new Volume(stack, 'guest-data', { size: '16Mi' }), OWNED.data)],
  });

  new Service(stack, 'dev', { image: image(APP_IMAGE), ...idle }).override(laptop, { mounts: [Mount.bind(`./${SOURCE.folder}`, SOURCE.mountPath)] });
  return app;
}
