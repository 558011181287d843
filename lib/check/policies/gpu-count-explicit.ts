import { Check, Hit, severities } from './check';
import { composeHit, servicesOf } from './_compose';
import { containersOf, kubernetesHit, podsOf, show } from './_kubernetes';

const GPU_RESOURCE = /^(nvidia\.com\/(gpu|gpu\.shared|mig-\d+g\.\d+gb)|amd\.com\/gpu)$/;

export const gpuCountExplicit: Check = {
  id: 'gpu-count-explicit',
  title: 'Every GPU reservation asks for an explicit whole number of GPUs: Compose devices an integer `count` ≥ 1 or `device_ids` (never `all`); Kubernetes GPU resources whole numbers ≥ 1 in limits, requests absent or equal.',
  rationale: 'A Compose reservation without a count means "all GPUs" in the specification and "no GPU" on recent engines; Kubernetes refuses fractions and requests other than the limit.',
  fix: 'Gpu.nvidia({ count: 1 }) (or deviceIds); twinstack writes only explicit counts, so a finding is a hand edit or a bug.',
  severity: severities('E/E/E'),
  readsOverlays: true,
  kubernetes: documents => podsOf(documents).flatMap(pod => containersOf(pod).flatMap(({ container, path }): Hit[] => {
    const { limits = {}, requests = {} } = container.resources ?? {};
    return [...new Set([...Object.keys(limits), ...Object.keys(requests)])].filter(r => GPU_RESOURCE.test(r)).flatMap(resource => {
      const limit = limits[resource];
      const n = Number(limit);
      if (limit === undefined || !Number.isInteger(n) || n < 1) return [kubernetesHit(pod.document, `${path}.resources.limits`, `container ${container.name} limits ${resource} to ${show(limit ?? null)}; a GPU limit is a whole number ≥ 1`)];
      if (requests[resource] !== undefined && String(requests[resource]) !== String(limit)) return [kubernetesHit(pod.document, `${path}.resources.requests`, `container ${container.name} requests ${requests[resource]} ${resource} but limits ${limit}; GPUs go in limits only`)];
      return [];
    });
  })),
  compose: file => servicesOf(file).flatMap(of => {
    const hits: Hit[] = [];
    (of.service.deploy?.resources?.reservations?.devices ?? []).forEach((device: any, i: number) => {
      const countOk = Number.isInteger(device?.count) && device.count >= 1;
      if (!countOk && !(Array.isArray(device?.device_ids) && device.device_ids.length > 0)) {
        hits.push(composeHit(of, `deploy.resources.reservations.devices[${i}].count`, `${show(device?.count ?? null)} is not an integer count ≥ 1 and there are no device_ids: "all GPUs" or none, depending on the engine`));
      }
    });
    const gpus = of.service.gpus;
    if (gpus === 'all') hits.push(composeHit(of, 'gpus', '"all" takes every GPU of the host; give a count or device_ids'));
    (Array.isArray(gpus) ? gpus : []).forEach((entry: any, i: number) => {
      if (!(Number.isInteger(entry?.count) && entry.count >= 1) && !entry?.device_ids) hits.push(composeHit(of, `gpus[${i}]`, 'has no integer count ≥ 1 and no device_ids'));
    });
    return hits;
  }),
};
