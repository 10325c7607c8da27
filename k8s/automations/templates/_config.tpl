{{/*
The settings of one service, as the environment variables Quarkus maps to its configuration names
(QUARKUS_DATASOURCE_REACTIVE_URL is quarkus.datasource.reactive.url, AUTOMATIONS_AUTH_SERVICE_TOKEN is
automations.auth.service-token). Map entries whose keys contain a dash (automations.auth.trusted-services.<service>)
are set under their exact property name, which Kubernetes allows, because an upper-case name cannot say where
the dashes were.
*/}}

{{/* Plain settings of one service, the data of its ConfigMap. Args: dict root, key. */}}
{{- define "automations.configData" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $key := .key -}}
{{- $svc := get $v.services $key -}}
QUARKUS_HTTP_PORT: {{ $svc.port | quote }}
QUARKUS_SHUTDOWN_TIMEOUT: {{ printf "%ds" (max 1 (sub (int $v.terminationGracePeriodSeconds) 10)) | quote }}
QUARKUS_LOG_CONSOLE_JSON_ENABLED: {{ $v.logging.json | toString | quote }}
{{- if $v.tracing.enabled }}
AUTOMATIONS_TRACING_ENABLED: "true"
AUTOMATIONS_TRACING_ENDPOINT: {{ required "tracing.endpoint is required when tracing.enabled is true" $v.tracing.endpoint | quote }}
AUTOMATIONS_TRACING_SAMPLER: {{ $v.tracing.sampler | toString | quote }}
{{- end }}
{{- if eq $key "console" }}
{{- range $service := splitList " " (include "automations.serviceKeys" $root) }}
{{ printf "AUTOMATIONS_CONSOLE_SERVICES_%s" (upper $service) }}: {{ include "automations.internalUrl" (dict "root" $root "key" $service) | quote }}
{{- end }}
{{- else }}
QUARKUS_DATASOURCE_REACTIVE_URL: {{ printf "postgresql://%s" (include "automations.databaseUrlSuffix" .) | quote }}
QUARKUS_DATASOURCE_JDBC_URL: {{ printf "jdbc:postgresql://%s" (include "automations.databaseUrlSuffix" .) | quote }}
KAFKA_BOOTSTRAP_SERVERS: {{ required "kafka.bootstrapServers is required" $v.kafka.bootstrapServers | quote }}
{{- with $v.kafka.securityProtocol }}
KAFKA_SECURITY_PROTOCOL: {{ . | quote }}
{{- end }}
{{- with $v.kafka.saslMechanism }}
KAFKA_SASL_MECHANISM: {{ . | quote }}
{{- end }}
{{- if $v.kafka.tlsCaCert.existingSecret }}
KAFKA_SSL_TRUSTSTORE_TYPE: "PEM"
{{- end }}
{{- range $callee := splitList " " (include "automations.callees" $key) }}
{{ printf "QUARKUS_REST_CLIENT_%s_URL" (upper $callee) }}: {{ include "automations.internalUrl" (dict "root" $root "key" $callee) | quote }}
{{- end }}
{{- if eq $key "action" }}
AUTOMATIONS_DELIVERY_ALLOW_LOOPBACK: {{ $v.delivery.allowLoopback | toString | quote }}
AUTOMATIONS_DELIVERY_ALLOW_PRIVATE_NETWORKS: {{ $v.delivery.allowPrivateNetworks | toString | quote }}
{{- with include "automations.publicUrl" $root }}
AUTOMATIONS_PUBLIC_URL: {{ . | quote }}
{{- end }}
{{- with include "automations.consoleUrl" $root }}
AUTOMATIONS_CONSOLE_URL: {{ . | quote }}
{{- end }}
{{- end }}
{{- if eq $key "trigger" }}
{{- with include "automations.consoleUrl" $root }}
AUTOMATIONS_CONSOLE_URL: {{ . | quote }}
{{- end }}
{{- end }}
{{- if eq $key "secrets" }}
AUTOMATIONS_SECRETS_BACKEND: {{ $v.secretStore.backend | quote }}
{{- if eq $v.secretStore.backend "vault" }}
QUARKUS_VAULT_URL: {{ $v.vault.address | quote }}
AUTOMATIONS_SECRETS_VAULT_MOUNT: {{ $v.vault.kvMount | quote }}
AUTOMATIONS_SECRETS_VAULT_PATH_PREFIX: {{ $v.vault.pathPrefix | quote }}
{{- if eq $v.vault.auth.method "kubernetes" }}
QUARKUS_VAULT_AUTHENTICATION_KUBERNETES_ROLE: {{ $v.vault.auth.kubernetes.role | quote }}
QUARKUS_VAULT_AUTHENTICATION_KUBERNETES_AUTH_MOUNT_PATH: {{ $v.vault.auth.kubernetes.mountPath | quote }}
{{- end }}
{{- else }}
AUTOMATIONS_SECRETS_DATABASE_KEK_ID: {{ $v.secretStore.database.kek.id | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* One env entry read from a Secret. Args: dict name, secret, key. */}}
{{- define "automations.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
{{- end }}

{{/* Settings of one service that come from Secrets. Args: dict root, key. */}}
{{- define "automations.secretEnvs" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $key := .key -}}
{{- $tokens := include "automations.requiredSecret" (dict "value" $v.secrets.serviceTokens.existingSecret "name" "secrets.serviceTokens.existingSecret" "what" "one token per service under the keys registry-service, trigger-service, action-service and secrets-service") -}}
{{- $db := get $v.postgresql.databases $key -}}
{{- $dbSecret := include "automations.requiredSecret" (dict "value" $db.existingSecret "name" (printf "postgresql.databases.%s.existingSecret" $key) "what" (printf "the login of %s-service's database (keys %s and %s)" $key $db.usernameKey $db.passwordKey)) -}}
{{ include "automations.secretEnv" (dict "name" "AUTOMATIONS_AUTH_SERVICE_TOKEN" "secret" $tokens "key" (printf "%s-service" $key)) }}
{{- range $caller := compact (splitList " " (include "automations.callers" $key)) }}
{{ include "automations.secretEnv" (dict "name" (printf "automations.auth.trusted-services.%s-service" $caller) "secret" $tokens "key" (printf "%s-service" $caller)) }}
{{- end }}
{{ include "automations.secretEnv" (dict "name" "QUARKUS_DATASOURCE_USERNAME" "secret" $dbSecret "key" $db.usernameKey) }}
{{ include "automations.secretEnv" (dict "name" "QUARKUS_DATASOURCE_PASSWORD" "secret" $dbSecret "key" $db.passwordKey) }}
{{- with $v.kafka.saslJaasConfig.existingSecret }}
{{ include "automations.secretEnv" (dict "name" "KAFKA_SASL_JAAS_CONFIG" "secret" . "key" $v.kafka.saslJaasConfig.key) }}
{{- end }}
{{- with $v.kafka.tlsCaCert.existingSecret }}
{{ include "automations.secretEnv" (dict "name" "KAFKA_SSL_TRUSTSTORE_CERTIFICATES" "secret" . "key" $v.kafka.tlsCaCert.key) }}
{{- end }}
{{- if eq $key "registry" }}
{{- $admin := include "automations.requiredSecret" (dict "value" $v.secrets.bootstrapAdmin.existingSecret "name" "secrets.bootstrapAdmin.existingSecret" "what" (printf "the bootstrap admin's API key (key %s)" $v.secrets.bootstrapAdmin.key)) }}
{{ include "automations.secretEnv" (dict "name" "AUTOMATIONS_AUTH_BOOTSTRAP_ADMIN_KEY" "secret" $admin "key" $v.secrets.bootstrapAdmin.key) }}
{{- end }}
{{- if eq $key "secrets" }}
{{- if eq $v.secretStore.backend "database" }}
{{- $kek := include "automations.requiredSecret" (dict "value" $v.secretStore.database.kek.existingSecret "name" "secretStore.database.kek.existingSecret" "what" (printf "the key-encryption key, base64 of 32 random bytes (key %s)" $v.secretStore.database.kek.key)) }}
{{ include "automations.secretEnv" (dict "name" "AUTOMATIONS_SECRETS_DATABASE_KEK" "secret" $kek "key" $v.secretStore.database.kek.key) }}
{{- else if eq $v.vault.auth.method "token" }}
{{- $token := include "automations.requiredSecret" (dict "value" $v.vault.auth.token.existingSecret "name" "vault.auth.token.existingSecret" "what" (printf "a Vault token (key %s)" $v.vault.auth.token.key)) }}
{{ include "automations.secretEnv" (dict "name" "QUARKUS_VAULT_AUTHENTICATION_CLIENT_TOKEN" "secret" $token "key" $v.vault.auth.token.key) }}
{{- end }}
{{- end }}
{{- end }}
