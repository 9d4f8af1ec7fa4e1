{{/* Chart name, truncated to the 63 characters a DNS label allows. */}}
{{- define "memberflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Fully qualified app name; leaves room for the "-worker" suffix. */}}
{{- define "memberflow.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 56 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 56 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 56 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "memberflow.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "memberflow.labels" -}}
helm.sh/chart: {{ include "memberflow.chart" . }}
{{ include "memberflow.selectorLabels" . }}
app.kubernetes.io/version: {{ include "memberflow.imageTag" . | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: memberflow
{{- end }}

{{- define "memberflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "memberflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The component whose pods serve the webhook intake: "all" unsplit, "web" when split. */}}
{{- define "memberflow.webComponent" -}}
{{- if .Values.split.enabled }}web{{ else }}all{{ end }}
{{- end }}

{{/* Name of a component's objects: the fullname for "all", "<fullname>-web" / "<fullname>-worker" when split. */}}
{{- define "memberflow.componentName" -}}
{{- if eq .component "all" }}
{{- include "memberflow.fullname" .root }}
{{- else }}
{{- printf "%s-%s" (include "memberflow.fullname" .root) .component }}
{{- end }}
{{- end }}

{{- define "memberflow.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "memberflow.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "memberflow.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{- define "memberflow.image" -}}
{{- $repo := required "image.repository is required" .Values.image.repository }}
{{- printf "%s:%s" $repo (include "memberflow.imageTag" .) }}
{{- end }}

{{/* The Secret holding the credentials. */}}
{{- define "memberflow.secretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-credentials" (include "memberflow.fullname" .)) }}
{{- end }}

{{- define "memberflow.configMapName" -}}
{{- printf "%s-config" (include "memberflow.fullname" .) }}
{{- end }}

{{/* Temporal over TLS: asked for, or implied by a client certificate or a Temporal Cloud API key. */}}
{{- define "memberflow.temporalTls" -}}
{{- if or .Values.temporal.tls.enabled .Values.temporal.tls.existingSecret .Values.temporal.apiKey.existingSecret }}true{{ else }}false{{ end }}
{{- end }}

{{/*
One env entry read from a Secret.
Input: dict "name" ENV_NAME "secret" SECRET_NAME "key" KEY "optional" BOOL
*/}}
{{- define "memberflow.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret | quote }}
      key: {{ required (printf "a Secret key is required for %s" .name) .key | quote }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end }}

{{/*
The plans file, as the service reads it from MICRONAUT_CONFIG_FILES.
*/}}
{{- define "memberflow.configFile" -}}
{{- $c := .Values.config }}
{{- $mf := dict "grace-period" $c.gracePeriod "plans" ($c.plans | default dict) }}
{{- if $c.lifecycleTagIds }}
{{- $_ := set $mf "kit" (dict "lifecycle-tag-ids" $c.lifecycleTagIds) }}
{{- end }}
{{- $file := mergeOverwrite (deepCopy ($c.extra | default dict)) (dict "memberflow" $mf) }}
{{- toYaml $file }}
{{- end }}

{{/*
The memberflow container's environment.
Input: dict "root" $ "role" ROLE "extraEnv" LIST
*/}}
{{- define "memberflow.env" -}}
{{- $root := .root }}
{{- $v := $root.Values }}
{{- $secret := include "memberflow.secretName" $root -}}
- name: MEMBERFLOW_ROLE
  value: {{ .role | quote }}
- name: PORT
  value: {{ $v.port | quote }}
- name: MICRONAUT_CONFIG_FILES
  value: /config/memberflow.yml
- name: JAVA_TOOL_OPTIONS
  value: {{ $v.javaToolOptions | quote }}
{{- /* memberflow binds 127.0.0.1 unless told otherwise; in a pod it must accept the Service's traffic. */}}
- name: MICRONAUT_SERVER_HOST
  value: "0.0.0.0"
{{- if $v.metrics.podAnnotations }}
{{- /* Annotation-based scrapers send no token: open /prometheus inside the cluster (the Ingress does not route it). */}}
- name: MEMBERFLOW_METRICS_PUBLIC
  value: "true"
{{- end }}
{{- /* PostgreSQL */}}
- name: DATASOURCES_DEFAULT_URL
  value: {{ required "postgresql.url is required (jdbc:postgresql://host:5432/db); the embedded database is for development only" $v.postgresql.url | quote }}
{{- if $v.postgresql.usernameSecret.key }}
{{ include "memberflow.secretEnv" (dict "name" "DATASOURCES_DEFAULT_USERNAME" "secret" ($v.postgresql.usernameSecret.name | default $secret) "key" $v.postgresql.usernameSecret.key) }}
{{- else }}
- name: DATASOURCES_DEFAULT_USERNAME
  value: {{ required "postgresql.username (or postgresql.usernameSecret.key) is required" $v.postgresql.username | quote }}
{{- end }}
{{ include "memberflow.secretEnv" (dict "name" "DATASOURCES_DEFAULT_PASSWORD" "secret" ($v.postgresql.passwordSecret.name | default $secret) "key" $v.postgresql.passwordSecret.key) }}
{{- /* Temporal */}}
- name: TEMPORAL_ADDRESS
  value: {{ required "temporal.address (host:port) is required" $v.temporal.address | quote }}
- name: TEMPORAL_NAMESPACE
  value: {{ required "temporal.namespace is required" $v.temporal.namespace | quote }}
- name: TEMPORAL_TLS_ENABLED
  value: {{ include "memberflow.temporalTls" $root | quote }}
{{- with $v.temporal.tls }}
{{- if .existingSecret }}
- name: TEMPORAL_TLS_CERT_PATH
  value: {{ printf "%s/tls.crt" .mountPath | quote }}
- name: TEMPORAL_TLS_KEY_PATH
  value: {{ printf "%s/tls.key" .mountPath | quote }}
{{- if .caKey }}
- name: TEMPORAL_TLS_CA_PATH
  value: {{ printf "%s/ca.crt" .mountPath | quote }}
{{- end }}
{{- end }}
{{- end }}
{{- if $v.temporal.apiKey.existingSecret }}
{{ include "memberflow.secretEnv" (dict "name" "TEMPORAL_API_KEY" "secret" $v.temporal.apiKey.existingSecret "key" $v.temporal.apiKey.key) }}
{{- end }}
{{- /* Credentials: references only */}}
{{- $creds := list
      (list "STRIPE_WEBHOOK_SECRET" $v.secrets.stripeWebhookSecret)
      (list "STRIPE_API_KEY" $v.secrets.stripeApiKey)
      (list "CIRCLE_API_TOKEN" $v.secrets.circleApiToken)
      (list "KIT_API_KEY" $v.secrets.kitApiKey)
      (list "ADMIN_TOKEN" $v.secrets.adminToken)
      (list "SUPPORT_WEBHOOK_URL" $v.secrets.supportWebhookUrl) }}
{{- range $creds }}
{{- $ref := index . 1 }}
{{- if $ref }}
{{ include "memberflow.secretEnv" (dict "name" (index . 0) "secret" ($ref.existingSecret | default $secret) "key" $ref.key "optional" $ref.optional) }}
{{- end }}
{{- end }}
{{- /* Non-secret integration settings */}}
{{- with $v.integrations.circleApiUrl }}
- name: CIRCLE_API_URL
  value: {{ . | quote }}
{{- end }}
{{- with $v.integrations.kitApiUrl }}
- name: KIT_API_URL
  value: {{ . | quote }}
{{- end }}
{{- with $v.integrations.stripeApiBase }}
- name: STRIPE_API_BASE
  value: {{ . | quote }}
{{- end }}
{{- with $v.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- with .extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
A memberflow Deployment.
Input: dict "root" $ "component" all|web|worker "role" ROLE "replicas" N "resources" MAP "overrides" MAP
*/}}
{{- define "memberflow.deployment" -}}
{{- $root := .root }}
{{- $v := $root.Values }}
{{- $o := .overrides | default dict }}
{{- $name := include "memberflow.componentName" (dict "root" $root "component" .component) }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "memberflow.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
spec:
  replicas: {{ .replicas }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "memberflow.selectorLabels" $root | nindent 6 }}
      app.kubernetes.io/component: {{ .component }}
  template:
    metadata:
      annotations:
        checksum/config: {{ include "memberflow.configFile" $root | sha256sum }}
        {{- if $v.metrics.podAnnotations }}
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ $v.port | quote }}
        prometheus.io/path: {{ $v.metrics.path | quote }}
        {{- end }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
        {{- with $o.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      labels:
        {{- include "memberflow.labels" $root | nindent 8 }}
        app.kubernetes.io/component: {{ .component }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "memberflow.serviceAccountName" $root }}
      automountServiceAccountToken: false
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
      {{- with $v.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $v.podSecurityContext | nindent 8 }}
      containers:
        - name: memberflow
          image: {{ include "memberflow.image" $root | quote }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          securityContext:
            {{- toYaml $v.securityContext | nindent 12 }}
          ports:
            - name: http
              containerPort: {{ $v.port }}
              protocol: TCP
          env:
            {{- include "memberflow.env" (dict "root" $root "role" .role "extraEnv" $o.extraEnv) | nindent 12 }}
          startupProbe:
            httpGet:
              path: {{ $v.probes.startup.path }}
              port: http
            periodSeconds: {{ $v.probes.startup.periodSeconds }}
            timeoutSeconds: {{ $v.probes.startup.timeoutSeconds }}
            failureThreshold: {{ $v.probes.startup.failureThreshold }}
          livenessProbe:
            httpGet:
              path: {{ $v.probes.liveness.path }}
              port: http
            periodSeconds: {{ $v.probes.liveness.periodSeconds }}
            timeoutSeconds: {{ $v.probes.liveness.timeoutSeconds }}
            failureThreshold: {{ $v.probes.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: {{ $v.probes.readiness.path }}
              port: http
            periodSeconds: {{ $v.probes.readiness.periodSeconds }}
            timeoutSeconds: {{ $v.probes.readiness.timeoutSeconds }}
            failureThreshold: {{ $v.probes.readiness.failureThreshold }}
          resources:
            {{- toYaml .resources | nindent 12 }}
          volumeMounts:
            - name: config
              mountPath: /config
              readOnly: true
            - name: tmp
              mountPath: /tmp
            {{- if $v.temporal.tls.existingSecret }}
            - name: temporal-tls
              mountPath: {{ $v.temporal.tls.mountPath }}
              readOnly: true
            {{- end }}
      volumes:
        - name: config
          configMap:
            name: {{ include "memberflow.configMapName" $root }}
        - name: tmp
          {{- if $v.tmpVolume.sizeLimit }}
          emptyDir:
            sizeLimit: {{ $v.tmpVolume.sizeLimit }}
          {{- else }}
          emptyDir: {}
          {{- end }}
        {{- with $v.temporal.tls }}
        {{- if .existingSecret }}
        - name: temporal-tls
          secret:
            secretName: {{ .existingSecret }}
            defaultMode: 0440
            items:
              - key: {{ .certKey }}
                path: tls.crt
              - key: {{ .keyKey }}
                path: tls.key
              {{- if .caKey }}
              - key: {{ .caKey }}
                path: ca.crt
              {{- end }}
        {{- end }}
        {{- end }}
      {{- with ($o.nodeSelector | default $v.nodeSelector) }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with ($o.tolerations | default $v.tolerations) }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with ($o.affinity | default $v.affinity) }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with ($o.topologySpreadConstraints | default $v.topologySpreadConstraints) }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}

{{/*
A PodDisruptionBudget for one component, only when it runs more than one replica.
Input: dict "root" $ "component" all|web|worker "replicas" N
*/}}
{{- define "memberflow.pdb" -}}
{{- $v := .root.Values }}
{{- if and $v.pdb.enabled (gt (int .replicas) 1) }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "memberflow.componentName" (dict "root" .root "component" .component) }}
  labels:
    {{- include "memberflow.labels" .root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
spec:
  {{- if $v.pdb.maxUnavailable }}
  maxUnavailable: {{ $v.pdb.maxUnavailable }}
  {{- else }}
  minAvailable: {{ $v.pdb.minAvailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "memberflow.selectorLabels" .root | nindent 6 }}
      app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end }}
