"""deploy/helm/pairbot renders with Helm's own engine (helm-python-sdk binds Helm's Go SDK)
and every manifest validates against the Kubernetes JSON schemas (kubernetes-validate)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

helm = pytest.importorskip("helm_python", reason="helm-python-sdk is in requirements-dev.lock")
kubernetes_validate = pytest.importorskip("kubernetes_validate")

CHART = Path(__file__).resolve().parents[2] / "deploy" / "helm" / "pairbot"
KUBERNETES = "1.30.0"
EVERYTHING = {
    "existingSecret": "pairbot-secrets",
    "ingress": {"enabled": True, "className": "nginx", "tlsSecretName": "pairbot-tls",
                "host": "pairbot.nhs.example"},
    "autoscaling": {"enabled": True, "minReplicas": 3},
    "serviceMonitor": {"enabled": True, "labels": {"release": "prometheus"},
                       "bearerTokenSecret": {"name": "pairbot-secrets"}},
    "env": {"PAIRBOT_PUBLIC_URL": "https://pairbot.nhs.example"},
}


def render(values: dict) -> dict[str, dict]:
    with helm.Chart.load(str(CHART)) as chart:
        files = chart.render(values, name="pb", namespace="apps", is_install=True)
    docs = {}
    for name, text in files.items():
        if not name.endswith(".yaml"):
            continue
        for doc in yaml.safe_load_all(text):
            if doc:
                docs[doc["kind"]] = doc
    return docs


@pytest.mark.parametrize("values", [{"existingSecret": "pairbot-secrets"}, EVERYTHING],
                         ids=["defaults", "everything-on"])
def test_the_chart_lints_and_every_manifest_validates(values):
    lint = helm.lint(str(CHART), values, strict=True)
    assert lint["errors"] == [], lint
    docs = render(values)
    for kind, doc in docs.items():
        if kind == "ServiceMonitor":
            continue  # a CRD: not in the Kubernetes schemas, checked below
        kubernetes_validate.validate(doc, KUBERNETES, strict=True)


def test_defaults_run_two_identical_replicas_with_probes_and_the_secret():
    docs = render({"existingSecret": "pairbot-secrets"})
    assert set(docs) == {"Deployment", "Service", "PodDisruptionBudget", "Job"}
    deployment = docs["Deployment"]
    pod = deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert deployment["spec"]["replicas"] == 2
    assert container["args"] == ["pairbot", "serve"]  # no --no-scheduler: all identical
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["envFrom"] == [{"secretRef": {"name": "pairbot-secrets"}}]
    env = {e["name"]: e["value"] for e in container["env"]}
    assert env["PAIRBOT_LOG_FORMAT"] == "json"
    # The pod's grace period covers the preStop pause and pairbot's own shutdown grace.
    assert pod["terminationGracePeriodSeconds"] > int(env["PAIRBOT_SHUTDOWN_GRACE_SECONDS"])
    assert container["securityContext"]["runAsNonRoot"] is True
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert docs["Service"]["spec"]["selector"] == labels
    assert docs["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"] == labels
    job = docs["Job"]
    assert job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["pairbot", "migrate"]


def test_everything_on_wires_ingress_hpa_and_servicemonitor_to_the_service():
    docs = render(EVERYTHING)
    assert "replicas" not in docs["Deployment"]["spec"]  # the autoscaler owns it
    hpa = docs["HorizontalPodAutoscaler"]["spec"]
    assert hpa["scaleTargetRef"]["name"] == docs["Deployment"]["metadata"]["name"]
    assert hpa["minReplicas"] == 3
    rule = docs["Ingress"]["spec"]["rules"][0]
    assert rule["host"] == "pairbot.nhs.example"
    backend = rule["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == docs["Service"]["metadata"]["name"]
    monitor = docs["ServiceMonitor"]
    assert monitor["apiVersion"] == "monitoring.coreos.com/v1"
    assert monitor["metadata"]["labels"]["release"] == "prometheus"
    (endpoint,) = monitor["spec"]["endpoints"]
    assert endpoint["port"] == docs["Service"]["spec"]["ports"][0]["name"]
    assert endpoint["path"] == "/metrics"
    assert endpoint["authorization"]["credentials"] == {"name": "pairbot-secrets",
                                                        "key": "PAIRBOT_METRICS_TOKEN"}
    assert monitor["spec"]["selector"]["matchLabels"].items() <= (
        docs["Service"]["metadata"]["labels"].items())


def test_without_the_secret_the_chart_says_what_to_set():
    with pytest.raises(helm.HelmError, match="existingSecret: name the Secret"):
        render({})


def test_restricted_profile_network_policy_metrics_off_the_ingress_and_memory():
    """Issue 25: seccomp RuntimeDefault, an optional NetworkPolicy, /metrics not routed by
    the Ingress, and a memory limit above the matcher's 857 MB peak at 100,000 people."""
    values = {**EVERYTHING, "networkPolicy": {"enabled": True}}
    assert helm.lint(str(CHART), values, strict=True)["errors"] == []
    docs = render(values)
    kubernetes_validate.validate(docs["NetworkPolicy"], KUBERNETES, strict=True)
    for kind in ("Deployment", "Job"):
        pod = docs[kind]["spec"]["template"]["spec"]
        for container in pod["containers"]:
            assert container["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    paths = [p["path"] for rule in docs["Ingress"]["spec"]["rules"]
             for p in rule["http"]["paths"]]
    assert "/slack/" in paths and "/api/messages" in paths and "/admin" in paths
    assert not [p for p in paths if p in ("/", "/metrics", "/readyz")]
    (container,) = docs["Deployment"]["spec"]["template"]["spec"]["containers"]
    limit = container["resources"]["limits"]["memory"]
    assert limit.endswith("Mi") and int(limit[:-2]) * 2**20 > 857e6 * 1.2
    assert "NetworkPolicy" not in render({"existingSecret": "pairbot-secrets"})
