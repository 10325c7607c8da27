{{/*
Names and labels.
*/}}
{{- define "automations.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "automations.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "automations.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The four services, by their short keys in values.services. */}}
{{- define "automations.serviceKeys" -}}
registry trigger action secrets
{{- end }}

{{/* Everything the chart deploys, by key in values.services: the four services and the console (the front door). */}}
{{- define "automations.workloadKeys" -}}
{{ include "automations.serviceKeys" . }} console
{{- end }}

{{/* The component a key names: "console", or "<key>-service" for the four services. */}}
{{- define "automations.component" -}}
{{- if eq . "console" }}console{{ else }}{{ . }}-service{{ end -}}
{{- end }}

{{/* Which services each service calls on /internal (docs/internal-api.md). */}}
{{- define "automations.callees" -}}
{{- $calls := dict "registry" (list "secrets") "trigger" (list "registry") "action" (list "registry" "secrets") "secrets" (list "registry") -}}
{{- get $calls . | join " " -}}
{{- end }}

{{/* Which services call a service on /internal: the tokens it trusts and the pods it admits. */}}
{{- define "automations.callers" -}}
{{- $callee := . -}}
{{- $callers := list -}}
{{- range $caller := splitList " " (include "automations.serviceKeys" .) -}}
{{- if has $callee (splitList " " (include "automations.callees" $caller)) -}}
{{- $callers = append $callers $caller -}}
{{- end -}}
{{- end -}}
{{- $callers | join " " -}}
{{- end }}

{{/* Resource name of one service: <fullname>-<key>-service (the console: <fullname>-console). Args: dict root, key. */}}
{{- define "automations.serviceFullname" -}}
{{- printf "%s-%s" (include "automations.fullname" .root) (include "automations.component" .key) -}}
{{- end }}

{{- define "automations.labels" -}}
helm.sh/chart: {{ include "automations.chart" . }}
app.kubernetes.io/name: {{ include "automations.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: automations
{{- end }}

{{/* Selector labels of one service's pods. Args: dict root, key. */}}
{{- define "automations.selectorLabels" -}}
app.kubernetes.io/name: {{ include "automations.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ include "automations.component" .key }}
{{- end }}

{{/* All labels of one service's resources. Args: dict root, key. */}}
{{- define "automations.serviceLabels" -}}
{{ include "automations.labels" .root }}
app.kubernetes.io/component: {{ include "automations.component" .key }}
{{- end }}

{{/*
Images and flavor.
*/}}
{{- define "automations.flavor" -}}
{{- $flavor := .Values.image.flavor -}}
{{- if not (has $flavor (list "native" "jvm")) -}}
{{- fail (printf "image.flavor must be native or jvm, not %q" $flavor) -}}
{{- end -}}
{{- $flavor -}}
{{- end }}

{{/* Args: dict root, key. */}}
{{- define "automations.image" -}}
{{- $img := .root.Values.image -}}
{{- $tag := default .root.Chart.AppVersion $img.tag -}}
{{- printf "%s/%s/%s:%s-%s" $img.registry $img.repository (include "automations.component" .key) $tag (include "automations.flavor" .root) -}}
{{- end }}

{{/* The user the image runs as: 185 in the ubi9 OpenJDK image, 1001 in the Quarkus micro image. */}}
{{- define "automations.runAsUser" -}}
{{- if eq (include "automations.flavor" .) "jvm" }}185{{ else }}1001{{ end -}}
{{- end }}

{{/* Args: dict root, key. */}}
{{- define "automations.resources" -}}
{{- $svc := get .root.Values.services .key -}}
{{- if $svc.resources -}}
{{- toYaml $svc.resources -}}
{{- else -}}
{{- toYaml (get .root.Values.resourcesByFlavor (include "automations.flavor" .root)) -}}
{{- end -}}
{{- end }}

{{/*
Required values: a clear message instead of a pod that cannot start.
Args: dict value, name, what.
*/}}
{{- define "automations.requiredSecret" -}}
{{- required (printf "%s is required: name an existing Secret holding %s (see k8s/README.md, \"Secrets to create first\")" .name .what) .value -}}
{{- end }}

{{/* Checks that span several values; included once by the Deployments. */}}
{{- define "automations.validate" -}}
{{- $v := .Values -}}
{{- if not (has $v.secretStore.backend (list "vault" "database")) -}}
{{- fail (printf "secretStore.backend must be vault or database, not %q" $v.secretStore.backend) -}}
{{- end -}}
{{- if eq $v.secretStore.backend "vault" -}}
{{- $_ := required "vault.address is required with secretStore.backend=vault" $v.vault.address -}}
{{- if not (has $v.vault.auth.method (list "kubernetes" "token")) -}}
{{- fail (printf "vault.auth.method must be kubernetes or token, not %q" $v.vault.auth.method) -}}
{{- end -}}
{{- if eq $v.vault.auth.method "kubernetes" -}}
{{- $_ := required "vault.auth.kubernetes.role is required with vault.auth.method=kubernetes" $v.vault.auth.kubernetes.role -}}
{{- end -}}
{{- end -}}
{{- if $v.kafka.topics.create -}}
{{- $t := $v.kafka.topics -}}
{{- $triggerPartitions := min (int $t.events.partitions) (int $t.runMetrics.partitions) -}}
{{- if and $v.services.trigger.autoscaling.enabled (gt (int $v.services.trigger.autoscaling.maxReplicas) (int $triggerPartitions)) -}}
{{- fail (printf "services.trigger.autoscaling.maxReplicas (%d) exceeds the partitions of automation.events/automation.run-metrics (%d): the extra replicas would stay idle" (int $v.services.trigger.autoscaling.maxReplicas) (int $triggerPartitions)) -}}
{{- end -}}
{{- if and $v.services.action.autoscaling.enabled (gt (int $v.services.action.autoscaling.maxReplicas) (int $t.actions.partitions)) -}}
{{- fail (printf "services.action.autoscaling.maxReplicas (%d) exceeds the partitions of automation.actions (%d): the extra replicas would stay idle" (int $v.services.action.autoscaling.maxReplicas) (int $t.actions.partitions)) -}}
{{- end -}}
{{- end -}}
{{- end }}

{{/*
Connection settings.
*/}}
{{/* Args: dict root, key. */}}
{{- define "automations.databaseUrlSuffix" -}}
{{- $pg := .root.Values.postgresql -}}
{{- $db := get $pg.databases .key -}}
{{- printf "%s:%d/%s" (required "postgresql.host is required" $pg.host) (int $pg.port) (required (printf "postgresql.databases.%s.name is required" .key) $db.name) -}}
{{- with $pg.parameters }}?{{ . }}{{ end -}}
{{- end }}

{{/* Args: dict root, key. The URL other services use for this one. */}}
{{- define "automations.internalUrl" -}}
{{- $svc := get .root.Values.services .key -}}
{{- printf "http://%s.%s.svc:%d" (include "automations.serviceFullname" .) .root.Release.Namespace (int $svc.port) -}}
{{- end }}

{{- define "automations.publicUrl" -}}
{{- if .Values.publicUrl -}}
{{- .Values.publicUrl -}}
{{- else if and .Values.ingress.enabled .Values.ingress.host -}}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host -}}
{{- end -}}
{{- end }}

{{- define "automations.consoleUrl" -}}
{{- if .Values.consoleUrl -}}
{{- .Values.consoleUrl -}}
{{- else -}}
{{- include "automations.publicUrl" . -}}
{{- end -}}
{{- end }}

{{/*
The Kafka topics of the contract plus the internal secrets topic: name, values key, extra topic config.
*/}}
{{- define "automations.topics" -}}
automation.events: events
automation.run-metrics: runMetrics
automation.definitions: definitions
automation.actions: actions
automation.actions.dlq: actionsDlq
automation.secrets.changes: secretsChanges
{{- end }}

{{/*
Public API routes: which service owns which /api/v1 paths (the contract). The table is kept once, in
files/api-routes.yaml: the console's front door loads the same file, so both serve the same routes.
*/}}
{{- define "automations.routes" -}}
{{ .Files.Get "files/api-routes.yaml" }}
{{- end }}

{{/*
The console's Ingress path: every path but the API routes' (/api/v1), management (/q) and internal ones. A regular
expression like the routes; its negative look-ahead keeps it apart from the API routes whatever order ingress-nginx
tries them in.
*/}}
{{- define "automations.consolePath" -}}
/(?!(api/v1|q|internal)(/|$))
{{- end }}
