import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ConfigError, KNOWN_ENVIRONMENT_VARIABLES, loadConfig } from '../../src/config/appConfig';
import { HEALTH_PATHS } from '../../src/http/routes/health';
import { METRICS_PATH } from '../../src/http/routes/metrics';

const FOLDER = join(__dirname, '..', '..', 'manifests', 'kubernetes');

interface Probe {
  httpGet: { path: string; port: string };
}

interface Container {
  env?: Array<{ name: string }>;
  envFrom: unknown[];
  ports: Array<{ name: string; containerPort: number }>;
  readinessProbe: Probe;
  livenessProbe: Probe;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: Record<string, unknown>;
  lifecycle: { preStop: { sleep: { seconds: number } } };
}

interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: { containers: Container[]; securityContext: { runAsNonRoot: boolean; runAsUser: number }; terminationGracePeriodSeconds: number };
}

/** The parts of each manifest these tests read; a missing part fails the expectation that reads it. */
interface Manifests {
  Deployment: {
    spec: {
      replicas: number;
      strategy: { rollingUpdate: { maxUnavailable: number } };
      selector: { matchLabels: Record<string, string> };
      template: PodTemplate;
    };
  };
  ConfigMap: { data: Record<string, string> };
  Secret: { stringData: Record<string, string> };
  Service: {
    metadata: { labels: Record<string, string> };
    spec: { selector: Record<string, string>; ports: Array<{ name: string; targetPort: string }> };
  };
  PodDisruptionBudget: { spec: { selector: { matchLabels: Record<string, string> }; minAvailable: number } };
  Kustomization: { resources: string[] };
  ServiceMonitor: {
    spec: {
      selector: { matchLabels: Record<string, string> };
      endpoints: Array<{ port: string; path: string; authorization: { type: string; credentials: { name: string; key: string } } }>;
    };
  };
  Ingress: {
    spec: {
      tls: Array<{ hosts: string[]; secretName: string }>;
      rules: Array<{
        host: string;
        http: { paths: Array<{ path: string; backend: { service: { name: string; port: { name: string } } } }> };
      }>;
    };
  };
}

type Manifest = { kind: string; metadata: { name: string } };

const manifests = readdirSync(FOLDER)
  .filter((file) => file.endsWith('.yaml'))
  .flatMap((file) => parseAllDocuments(readFileSync(join(FOLDER, file), 'utf8')).map((document) => document.toJS() as Manifest | null))
  .filter((manifest): manifest is Manifest => manifest !== null);

function one<Kind extends keyof Manifests>(kind: Kind): Manifests[Kind] & Manifest {
  const found = manifests.filter((manifest) => manifest.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as Manifests[Kind] & Manifest;
}

describe('the Kubernetes manifests', () => {
  const deployment = one('Deployment');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  it('leave the Secret template’s placeholders unusable: the app refuses to start with them, naming each', () => {
    const template = one('Secret').stringData;
    let refusal: unknown;
    try {
      loadConfig({ ...one('ConfigMap').data, ...template });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ConfigError);
    const named = (refusal as ConfigError).problems.map((problem) => problem.split(' ')[0]);
    expect([...new Set(named)].sort()).toEqual(Object.keys(template).sort());
  });

  it('set only environment variables the app knows', () => {
    const names = [
      ...Object.keys(one('ConfigMap').data),
      ...Object.keys(one('Secret').stringData),
      ...pod.containers.flatMap((each) => (each.env ?? []).map((variable) => variable.name)),
    ];
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(KNOWN_ENVIRONMENT_VARIABLES).toContain(name);
  });

  it('put secrets in the Secret and the rest in the ConfigMap', () => {
    expect(Object.keys(one('Secret').stringData).sort()).toEqual([
      'API_TOKEN',
      'DATABASE_URL',
      'SENDGRID_API_KEY',
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
    ]);
    expect(one('Secret').stringData.DATABASE_URL).toMatch(/^postgres:\/\//);
    for (const secret of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SENDGRID_API_KEY', 'API_TOKEN', 'DATABASE_URL']) {
      expect(one('ConfigMap').data).not.toHaveProperty(secret);
    }
    expect(container.envFrom).toEqual([
      { configMapRef: { name: one('ConfigMap').metadata.name } },
      { secretRef: { name: one('Secret').metadata.name } },
    ]);
  });

  it('run at least two replicas, rolling without dropping capacity', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it('probe paths the app serves, on the container’s named port', () => {
    expect(container.readinessProbe.httpGet).toEqual({ path: HEALTH_PATHS.readiness, port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: HEALTH_PATHS.liveness, port: 'http' });
    expect(container.ports).toEqual([{ name: 'http', containerPort: Number(one('ConfigMap').data.PORT) }]);
  });

  it('request and limit CPU and memory', () => {
    expect(container.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
  });

  it('run as a non-root user with a read-only root filesystem', () => {
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('give the app time to drain: preStop pause plus shutdown grace fits in the termination grace period', () => {
    const preStopSeconds = container.lifecycle.preStop.sleep.seconds;
    const shutdownGraceSeconds = Number(one('ConfigMap').data.SHUTDOWN_GRACE_MS) / 1000;
    expect(preStopSeconds + shutdownGraceSeconds).toBeLessThan(pod.terminationGracePeriodSeconds);
  });

  it('route the Service and the PodDisruptionBudget to the Deployment’s pods', () => {
    const labels = deployment.spec.template.metadata.labels;
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    expect(one('Service').spec.selector).toEqual(labels);
    expect(one('Service').spec.ports[0].targetPort).toBe('http');
    expect(one('PodDisruptionBudget').spec.selector.matchLabels).toEqual(labels);
    expect(one('PodDisruptionBudget').spec.minAvailable).toBeLessThan(deployment.spec.replicas);
  });

  it('let the Prometheus Operator scrape /metrics on the Service’s port, with the API token from the app’s Secret', () => {
    const monitor = one('ServiceMonitor');
    expect(monitor.spec.selector.matchLabels).toEqual(one('Service').metadata.labels);
    const [endpoint] = monitor.spec.endpoints;
    expect(endpoint.port).toBe(one('Service').spec.ports[0].name);
    expect(endpoint.path).toBe(METRICS_PATH);
    expect(endpoint.authorization).toEqual({ type: 'Bearer', credentials: { name: one('Secret').metadata.name, key: 'API_TOKEN' } });
    expect(one('Secret').stringData).toHaveProperty('API_TOKEN');
  });

  it('give an Ingress example serving PUBLIC_BASE_URL’s host over TLS, to the Service', () => {
    const ingress = one('Ingress');
    const host = new URL(one('ConfigMap').data.PUBLIC_BASE_URL).host;
    expect(new URL(one('ConfigMap').data.PUBLIC_BASE_URL).protocol).toBe('https:');
    expect(ingress.spec.rules.map((rule) => rule.host)).toEqual([host]);
    expect(ingress.spec.tls).toEqual([{ hosts: [host], secretName: expect.any(String) }]);
    expect(ingress.spec.rules[0].http.paths[0]).toMatchObject({
      path: '/',
      backend: { service: { name: one('Service').metadata.name, port: { name: one('Service').spec.ports[0].name } } },
    });
  });

  it('list in kustomization.yaml files that exist, leaving out the secret template', () => {
    const kustomization = one('Kustomization');
    for (const file of kustomization.resources) expect(existsSync(join(FOLDER, file))).toBe(true);
    expect(kustomization.resources).not.toContain('secret.template.yaml');
  });
});

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(join(__dirname, '..', '..', 'Dockerfile'), 'utf8');

  it('builds in stages, installs production dependencies only, and runs as a non-root user', () => {
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/CMD \["node", "--max-old-space-size=\d+", "dist\/src\/main.js"\]/);
  });

  it('copies the build script before each npm ci, which runs it as the prepare script', () => {
    const installs = [...dockerfile.matchAll(/^RUN npm ci/gm)].map((match) => match.index);
    const copies = [...dockerfile.matchAll(/^COPY scripts\/build.js /gm)].map((match) => match.index);
    expect(installs.length).toBe(2);
    expect(copies.length).toBe(installs.length);
    copies.forEach((copy, index) => expect(copy).toBeLessThan(installs[index]));
  });
});
