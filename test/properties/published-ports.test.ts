import * as fc from 'fast-check';
import { parse } from 'yaml';
import { buildModel } from '../support/arbitrary-build';
import { arbitraryModel, bindingsOverlap } from '../support/arbitrary-model';
import { propertyParameters } from '../support/arbitrary-parameters';

interface Bound { readonly service: string; readonly hostIp: string; readonly first: number; readonly last: number; readonly protocol: string; readonly replicas: number }

/** Every host port binding of a Compose file, as `docker compose up` would bind them. */
function boundPorts(compose: any): Bound[] {
  return Object.entries<any>(compose.services ?? {}).flatMap(([service, s]) => (s.ports ?? []).map((port: any) => {
    const [first, last = first] = String(port.published).split('-').map(Number);
    return { service, hostIp: port.host_ip, first, last, protocol: port.protocol, replicas: s.deploy?.replicas ?? 1 };
  }));
}

describe('in every Compose file of a generated model', () => {
  test('each published port holds a host port for every replica, and no two bindings share a host port of one protocol and address', () => {
    let ranges = 0;
    fc.assert(fc.property(arbitraryModel(), spec => {
      const files = buildModel(spec).app.render().files.filter(f => f.path.endsWith('/compose.yaml'));
      for (const file of files) {
        const bound = boundPorts(parse(file.content));
        ranges += bound.filter(b => b.last > b.first).length;
        for (const b of bound) expect({ file: file.path, ...b, fits: b.last - b.first + 1 >= b.replicas && b.last <= 65535 }).toMatchObject({ fits: true });
        const clashes = bound.flatMap((a, i) => bound.slice(i + 1).filter(b => bindingsOverlap(a, b)).map(b => [a, b]));
        expect({ file: file.path, clashes }).toEqual({ file: file.path, clashes: [] });
      }
    }), propertyParameters(80));
    // the generator reaches what the property is about
    expect(ranges).toBeGreaterThan(0);
  });
});
