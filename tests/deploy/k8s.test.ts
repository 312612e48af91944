// Every overlay renders with `kubectl kustomize`, every object is valid
// Kubernetes (kubernetes-models), and the platform's rules hold for every
// container: probes, resources, non-root, read-only root filesystem, no
// privilege escalation, and a grace period that covers preStop + shutdown.
import { beforeAll, describe, expect, it } from 'vitest';
import { validateObject } from './support/k8s-models.ts';
import { findKubectl, type K8sObject, overlayNames, renderOverlay } from './support/kustomize.ts';

const kubectl = findKubectl();
const overlays = overlayNames();

const byKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const numberFrom = (configMaps: K8sObject[], key: string) =>
  configMaps.map((c) => c.data?.[key]).find((v): v is string => v !== undefined);

describe.runIf(kubectl.available)('Kubernetes manifests', () => {
  it('has the overlays the docs describe', () => {
    expect(overlays).toEqual(expect.arrayContaining(['dev', 'production']));
  });

  describe.each(overlays)('overlay %s', (overlay) => {
    let objects: K8sObject[] = [];
    beforeAll(() => {
      if (kubectl.available) objects = renderOverlay(kubectl.path, overlay);
    });

    it('renders and every object validates against the Kubernetes schema', async () => {
      expect(objects.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const object of objects) {
        try {
          await validateObject(object);
        } catch (error) {
          failures.push(`${object.kind}/${object.metadata.name}: ${(error as Error).message}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('puts everything namespaced into one namespace with the restricted Pod Security profile', () => {
      const namespaces = byKind(objects, 'Namespace');
      expect(namespaces).toHaveLength(1);
      const name = namespaces[0]!.metadata.name;
      expect(namespaces[0]!.metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
      for (const object of objects.filter((o) => o.kind !== 'Namespace')) {
        expect(object.metadata.namespace, `${object.kind}/${object.metadata.name}`).toBe(name);
      }
    });

    it('gives every container both probes, requests and limits, and a locked-down security context', () => {
      for (const deployment of byKind(objects, 'Deployment')) {
        const pod = deployment.spec.template.spec;
        const where = `Deployment/${deployment.metadata.name}`;
        expect(pod.securityContext?.runAsNonRoot, where).toBe(true);
        expect(pod.securityContext?.runAsUser, where).toBeGreaterThan(0);
        expect(pod.securityContext?.seccompProfile?.type, where).toBe('RuntimeDefault');
        expect(pod.automountServiceAccountToken, where).toBe(false);
        for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
          const at = `${where} container ${container.name}`;
          expect(container.livenessProbe?.httpGet?.path, at).toBe('/healthz');
          expect(container.readinessProbe?.httpGet?.path, at).toBe('/readyz');
          for (const resource of ['cpu', 'memory']) {
            expect(container.resources?.requests?.[resource], `${at} requests.${resource}`).toBeDefined();
            expect(container.resources?.limits?.[resource], `${at} limits.${resource}`).toBeDefined();
          }
          const security = container.securityContext ?? {};
          expect(security.allowPrivilegeEscalation, at).toBe(false);
          expect(security.readOnlyRootFilesystem, at).toBe(true);
          expect(security.privileged ?? false, at).toBe(false);
          expect(security.capabilities?.drop, at).toContain('ALL');
          expect(security.capabilities?.add ?? [], at).toEqual([]);
          // A read-only root needs somewhere to write temporary files.
          const tmp = container.volumeMounts?.find((m: { mountPath: string }) => m.mountPath === '/tmp');
          expect(pod.volumes?.find((v: { name: string }) => v.name === tmp?.name)?.emptyDir, `${at} /tmp emptyDir`).toBeDefined();
        }
      }
    });

    it('lets a pod drain and shut down gracefully before Kubernetes kills it', () => {
      const configMaps = byKind(objects, 'ConfigMap');
      const shutdownMs = Number(numberFrom(configMaps, 'SHUTDOWN_TIMEOUT_MS') ?? 10_000);
      for (const deployment of byKind(objects, 'Deployment')) {
        const pod = deployment.spec.template.spec;
        for (const container of pod.containers) {
          const command: string[] = container.lifecycle?.preStop?.exec?.command ?? [];
          expect(command[0], `${deployment.metadata.name} preStop`).toBe('sleep');
          const preStopSeconds = Number(command[1]);
          expect(preStopSeconds).toBeGreaterThanOrEqual(3);
          // The grace period starts with preStop; SIGTERM comes after it.
          expect(pod.terminationGracePeriodSeconds, deployment.metadata.name).toBeGreaterThanOrEqual(
            preStopSeconds + shutdownMs / 1000 + 2,
          );
        }
      }
    });

    it('runs one relay with Recreate, or several only behind the lease with at most one pod down and no surge', () => {
      const relay = byKind(objects, 'Deployment').find((d) => d.metadata.name === 'relay');
      expect(relay).toBeDefined();
      const replicas = relay!.spec.replicas ?? 1;
      if (replicas === 1) expect(relay!.spec.strategy.type).toBe('Recreate');
      else expect(relay!.spec.strategy.rollingUpdate).toMatchObject({ maxSurge: 0, maxUnavailable: 1 });
      expect(byKind(objects, 'HorizontalPodAutoscaler').some((h) => h.spec.scaleTargetRef.name === 'relay')).toBe(false);
    });

    it('never runs more projectors than the topic has partitions', () => {
      const projector = byKind(objects, 'Deployment').find((d) => d.metadata.name === 'projector');
      const partitions = Number(numberFrom(byKind(objects, 'ConfigMap'), 'RELAY_TOPIC_PARTITIONS') ?? 6);
      expect(projector!.spec.replicas ?? 1).toBeLessThanOrEqual(partitions);
      const hpa = byKind(objects, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === 'projector');
      if (hpa) expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(partitions);
    });

    it('has a Service, a PodDisruptionBudget and (HTTP APIs) an HPA per Deployment, selecting its pods', () => {
      const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
        Object.entries(selector).every(([k, v]) => labels[k] === v);
      for (const deployment of byKind(objects, 'Deployment')) {
        const name = deployment.metadata.name;
        const labels = deployment.spec.template.metadata.labels;
        const service = byKind(objects, 'Service').find((s) => s.metadata.name === name);
        expect(service && matches(service.spec.selector, labels), `Service ${name}`).toBe(true);
        const pdb = byKind(objects, 'PodDisruptionBudget').find((p) => p.metadata.name === name);
        expect(pdb && matches(pdb.spec.selector.matchLabels, labels), `PDB ${name}`).toBe(true);
        const hpa = byKind(objects, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === name);
        if (['onboarding', 'offboarding', 'journey-api', 'recognition', 'servicedesk', 'growth', 'feedback'].includes(name)) {
          expect(hpa?.apiVersion, `HPA ${name}`).toBe('autoscaling/v2');
          // Left to the HPA: a fixed count would be reset on every apply.
          expect(deployment.spec.replicas, `${name} replicas`).toBeUndefined();
        }
      }
    });

    it('denies all traffic by default and opens ingress only to the HTTP APIs', () => {
      const policies = byKind(objects, 'NetworkPolicy');
      const deny = policies.find((p) => Object.keys(p.spec.podSelector ?? {}).length === 0 && !p.spec.ingress && !p.spec.egress);
      expect(deny?.spec.policyTypes).toEqual(expect.arrayContaining(['Ingress', 'Egress']));
      const ingressTargets = policies
        .filter((p) => p.spec.ingress)
        .flatMap((p) => p.spec.podSelector.matchExpressions?.flatMap((e: { values: string[] }) => e.values) ?? ['(all pods)']);
      expect(ingressTargets.sort()).toEqual(['feedback', 'growth', 'journey-api', 'offboarding', 'onboarding', 'recognition', 'servicedesk', 'webhooks']);
      const egressPorts = policies.flatMap((p) => (p.spec.egress ?? []).flatMap((rule: { ports?: { port: number }[] }) => rule.ports ?? []));
      for (const port of [53, 9092, 2113, 5432, 27017, 4318]) {
        expect(egressPorts.map((p) => p.port), `egress port ${port}`).toContain(port);
      }
    });
  });
});
