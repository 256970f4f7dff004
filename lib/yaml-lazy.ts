/**
 * The YAML library, loaded on first use: most runs read a JSON config or a preset, and loading `yaml` costs
 * about 60 ms of every command's start-up.
 */
import type YAMLModule from 'yaml';

let yaml: typeof YAMLModule | undefined;

export async function loadYaml(): Promise<typeof YAMLModule> {
  yaml ??= (await import('yaml')).default;
  return yaml;
}
