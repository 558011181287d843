// The public API: what a cdk8s app imports from 'twinstack'. Everything else in lib/ is internal; the API
// report (etc/twinstack.api.md) records this surface and `npm run api:check` fails when it changes unreviewed.
export { App, type AppProps, type SynthResult, type SynthSummary } from './app';
export { SynthError, type Diagnostic } from './model/diagnostics';
export { diagnosticText, diagnosticJson } from './model/diagnostic-format';
export { type RenderedFile } from './render/rendered-file';
export { Stack, type StackProps } from './model/stack';
export { Environment, type EnvironmentImagesProps, type EnvironmentProps } from './model/environment';
export { type EnvironmentGpuProps } from './model/environment-gpu';
export { Target, type Tier } from './model/target';

export { Workload, type WorkloadProps, type WorkloadOverrides, Condition, type ConnectionTarget, type Dependency } from './model/workload';
export { Service, type ServiceProps, type ServiceOverrides, type UrlOptions, type RestartPolicy } from './model/service';
export { type PublishProps } from './model/publish';
export { Job, type JobProps } from './model/job';
export { CronJob, type CronJobProps } from './model/cron-job';
export { Image, type ImageOptions, PullPolicy } from './model/image';
export { ImageBuild, type ImageBuildOptions } from './model/image-build';
export { Port, Protocol } from './model/port';
export { type RouteProps, type IngressProps, type IngressControllerProps, type NginxSettings, INGRESS_NGINX_CONTROLLER } from './model/route';
export { type ResourceRange, type ResourcesProps } from './model/resources';
export { type SecurityProps } from './model/security';
export { Probe, type ProbeTimings, type HttpProbeOptions, type TcpProbeOptions, type HealthProps } from './model/probe';
export { type AutoscalingProps, type RolloutProps, type DisruptionProps } from './model/scaling';

export { Config, type ConfigProps } from './model/config';
export { EnvValue, type SecretDelivery, type SecretEnvOptions } from './model/env-value';
export { Secret, SecretSource, type SecretSources } from './model/secret';
export { Volume, type VolumeProps, type VolumeOverrides, AccessMode } from './model/volume';
export { Mount, type VolumeMountOptions, type BindMountOptions, type ScratchOptions, type FileMountOptions, type SecretMountOptions } from './model/mount';

export { Gpu, type GpuProps } from './model/gpu';
export { type GpuVendor, type GpuCapability } from './model/gpu-catalog';
export { GpuPolicy, GpuSharing, type GpuOptionalOptions, type GpuCpuFallbackOptions } from './model/gpu-policy';

export {
  type KubernetesObjects, type KubernetesPatch, type ComposeServiceSpec, type ComposePatch, type ComposePatchContext, type PatchOptions,
  type EnvironmentKubernetesObjects, type EnvironmentKubernetesPatch, type ComposeFileSpec, type EnvironmentComposePatch,
} from './model/patch';
