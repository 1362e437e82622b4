// Validates Kubernetes manifests against the API's OpenAPI schemas (npm kubernetes-models, offline):
//   node .ci/k8s-validate.mjs FILE...   (run by .ci/k8s-check.sh, which installs the two packages)
// Exit 1 naming the document and the field when one is invalid or of an unknown kind.
import { readFileSync } from "node:fs";
import * as yaml from "js-yaml";

const models = {
  "apps/v1/Deployment": "kubernetes-models/apps/v1/Deployment",
  "v1/Service": "kubernetes-models/v1/Service",
  "v1/Secret": "kubernetes-models/v1/Secret",
  "autoscaling/v2/HorizontalPodAutoscaler": "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler",
  "policy/v1/PodDisruptionBudget": "kubernetes-models/policy/v1/PodDisruptionBudget",
};
let failed = 0;
for (const file of process.argv.slice(2)) {
  const documents = yaml.loadAll(readFileSync(file, "utf8")).filter((d) => d != null);
  for (const [index, document] of documents.entries()) {
    const kind = `${document.apiVersion}/${document.kind}`;
    const where = `${file} document ${index + 1} (${kind} ${document.metadata?.name ?? "?"})`;
    const module = models[kind];
    if (!module) {
      console.log(`INVALID ${where}: no schema here for ${kind}; add it to .ci/k8s-validate.mjs`);
      failed++;
      continue;
    }
    const Model = Object.values(await import(module))[0];
    try {
      new Model(document).validate();
      console.log(`valid ${where}`);
    } catch (e) {
      console.log(`INVALID ${where}: ${e.message}`);
      failed++;
    }
  }
}
process.exit(failed ? 1 : 0);
