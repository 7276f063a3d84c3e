// The shapes of a compose file after schema validation. Unions follow the compose-spec schema; the
// converter narrows them. Nothing here is trusted beyond what the schema checked.

export type ListOrDict = string[] | Record<string, string | number | boolean | null>;
export type External = boolean | { name?: string };

export interface ComposeFile {
  name?: string;
  services?: Record<string, ComposeService | null>;
  networks?: Record<string, ComposeNetwork | null>;
  volumes?: Record<string, ComposeVolume | null>;
  configs?: Record<string, ComposeFileObject | null>;
  secrets?: Record<string, ComposeFileObject | null>;
  [key: string]: unknown;
}

export interface ComposeNetwork {
  name?: string;
  driver?: string;
  driver_opts?: Record<string, string | number>;
  ipam?: { driver?: string; config?: Record<string, unknown>[]; options?: Record<string, string> };
  external?: External;
  internal?: boolean;
  attachable?: boolean;
  enable_ipv6?: boolean;
  labels?: ListOrDict;
}

export interface ComposeVolume {
  name?: string;
  driver?: string;
  driver_opts?: Record<string, string | number>;
  external?: External;
  labels?: ListOrDict;
}

export interface ComposeFileObject {
  name?: string;
  file?: string;
  content?: string;
  environment?: string;
  external?: External;
  labels?: ListOrDict;
  driver?: string;
  driver_opts?: Record<string, string | number>;
  template_driver?: string;
}

export interface FileReference {
  source?: string;
  target?: string;
  uid?: string;
  gid?: string;
  mode?: number;
}

export interface UpdateConfigFile {
  parallelism?: number;
  delay?: string;
  failure_action?: string;
  monitor?: string;
  max_failure_ratio?: number;
  order?: string;
}

export interface DeployFile {
  mode?: string;
  endpoint_mode?: string;
  replicas?: number;
  labels?: ListOrDict;
  update_config?: UpdateConfigFile;
  rollback_config?: UpdateConfigFile;
  resources?: {
    limits?: { cpus?: number | string; memory?: string | number; pids?: number };
    reservations?: {
      cpus?: number | string;
      memory?: string | number;
      generic_resources?: { discrete_resource_spec?: { kind?: string; value?: number } }[];
      devices?: unknown[];
    };
  };
  restart_policy?: { condition?: string; delay?: string; max_attempts?: number; window?: string };
  placement?: { constraints?: string[]; preferences?: { spread?: string }[]; max_replicas_per_node?: number };
}

export interface HealthcheckFile {
  disable?: boolean;
  interval?: string;
  retries?: number;
  test?: string | string[];
  timeout?: string;
  start_period?: string;
  start_interval?: string;
}

export interface PortFile {
  mode?: string;
  host_ip?: string;
  target?: number;
  published?: number | string;
  protocol?: string;
  name?: string;
  app_protocol?: string;
}

export interface VolumeMountFile {
  type: string;
  source?: string;
  target?: string;
  read_only?: boolean;
  consistency?: string;
  bind?: { propagation?: string; create_host_path?: boolean };
  volume?: { nocopy?: boolean; subpath?: string };
  tmpfs?: { size?: number | string; mode?: number };
}

export interface NetworkAttachmentFile {
  aliases?: string[];
  driver_opts?: Record<string, string | number>;
  ipv4_address?: string;
  ipv6_address?: string;
  link_local_ips?: string[];
  priority?: number;
}

export interface ComposeService {
  image?: string;
  command?: string | string[] | null;
  entrypoint?: string | string[] | null;
  environment?: ListOrDict;
  labels?: ListOrDict;
  deploy?: DeployFile | null;
  healthcheck?: HealthcheckFile;
  ports?: (number | string | PortFile)[];
  networks?: string[] | Record<string, NetworkAttachmentFile | null>;
  volumes?: (string | VolumeMountFile)[];
  configs?: (string | FileReference)[];
  secrets?: (string | FileReference)[];
  hostname?: string;
  extra_hosts?: ListOrDict;
  dns?: string | string[];
  dns_search?: string | string[];
  user?: string;
  working_dir?: string;
  stop_grace_period?: string;
  stop_signal?: string;
  tty?: boolean;
  stdin_open?: boolean;
  read_only?: boolean;
  init?: boolean;
  isolation?: string;
  sysctls?: ListOrDict;
  cap_add?: string[];
  cap_drop?: string[];
  ulimits?: Record<string, number | { soft: number; hard: number }>;
  logging?: { driver?: string; options?: Record<string, string | number | null> };
  oom_score_adj?: number;
  restart?: string;
  privileged?: boolean;
  pid?: string | null;
  ipc?: string;
  network_mode?: string;
  [key: string]: unknown;
}
