{{/* The release's name, cut to what Kubernetes accepts in a name. */}}
{{- define "pairbot.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "pairbot.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "pairbot.labels" -}}
{{ include "pairbot.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "pairbot.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "pairbot.secret" -}}
{{- required "existingSecret: name the Secret that holds DATABASE_URL and the platform credentials" .Values.existingSecret -}}
{{- end -}}

{{/* The pods' and the Job's environment: the Secret's keys, then the plain settings. */}}
{{- define "pairbot.env" -}}
envFrom:
  - secretRef:
      name: {{ include "pairbot.secret" . }}
env:
  - name: PORT
    value: "3000"
  - name: PAIRBOT_SHUTDOWN_GRACE_SECONDS
    value: {{ .Values.shutdownGraceSeconds | quote }}
{{- range $name, $value := .Values.env }}
  - name: {{ $name }}
    value: {{ $value | quote }}
{{- end }}
{{- end -}}

{{- define "pairbot.securityContext" -}}
securityContext:
  allowPrivilegeEscalation: false
  readOnlyRootFilesystem: true
  runAsNonRoot: true
  runAsUser: 10001
  capabilities:
    drop: ["ALL"]
  # The Kubernetes "restricted" Pod Security Standard.
  seccompProfile:
    type: RuntimeDefault
{{- end -}}
