// FactoryCloud on Azure (resource-group scope).
//
//   az deployment group create -g <rg> --template-file infra/main.bicep --parameters infra/main.dev.bicepparam
//
// Build and lint offline with infra/build.sh. Deployment steps: docs/deployment.md.
targetScope = 'resourceGroup'

metadata description = 'FactoryCloud: Blazor Server web app, telemetry processor, PostgreSQL, Service Bus, the MQTT ingress (built-in broker on Container Apps, TCP 8883), Key Vault and monitoring.'

import { tagsType, appSettingType, principalType } from 'modules/types.bicep'

// ---------------------------------------------------------------------------------------------
// General
// ---------------------------------------------------------------------------------------------

@description('Azure region for all regional resources. Defaults to the resource group region.')
param location string = resourceGroup().location

@description('Environment name, part of every resource name and the "environment" tag.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentName string

@description('Short lowercase prefix of every resource name.')
@minLength(2)
@maxLength(8)
param namePrefix string = 'fc'

@description('Extra tags for every resource.')
param tags tagsType = {}

// ---------------------------------------------------------------------------------------------
// App Service
// ---------------------------------------------------------------------------------------------

@description('App Service plan SKU: B1 for dev, P1v3 or larger for prod.')
param appServicePlanSku string

@description('Number of App Service instances; each one runs the web app and the processor.')
@minValue(1)
@maxValue(30)
param appServiceInstanceCount int

@description('Spread App Service instances over availability zones (Premium v3, 2+ instances).')
param appServiceZoneRedundant bool = false

@description('Let the web app apply EF Core migrations at start (Database__ApplyMigrations). Off by default: run migrations from a deployment job (docs/deployment.md).')
param applyMigrationsOnStart bool = false

// ---------------------------------------------------------------------------------------------
// Microsoft Entra ID (multi-tenant sign-in)
// ---------------------------------------------------------------------------------------------

@description('Application (client) ID of the multi-tenant Entra app registration (Authentication__Entra__ClientId).')
param entraClientId string

@description('Tenant segment used at sign-in: "organizations" accepts any work or school tenant.')
param entraTenantId string = 'organizations'

@description('Optional client secret of the app registration, stored in Key Vault as "entra-client-secret". Sign-in uses id_token by form_post and needs no secret; keep one only for future calls to downstream APIs.')
@secure()
param entraClientSecret string = ''

// ---------------------------------------------------------------------------------------------
// PostgreSQL
// ---------------------------------------------------------------------------------------------

@description('PostgreSQL compute SKU: Standard_B1ms (dev), Standard_D2ds_v5 (prod).')
param postgresSkuName string

@description('PostgreSQL compute tier matching postgresSkuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string

@description('PostgreSQL storage in GiB; it auto-grows from here.')
@minValue(32)
@maxValue(32768)
param postgresStorageSizeGB int = 32

@description('PostgreSQL high availability: Disabled, SameZone or ZoneRedundant (not on Burstable).')
@allowed([
  'Disabled'
  'SameZone'
  'ZoneRedundant'
])
param postgresHighAvailabilityMode string = 'Disabled'

@description('PostgreSQL point-in-time restore window in days.')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 7

@description('Geo-redundant PostgreSQL backups (only settable when the server is created).')
param postgresGeoRedundantBackup bool = false

@description('Also allow PostgreSQL password authentication (Entra authentication is always on).')
param postgresPasswordAuthEnabled bool = false

@description('PostgreSQL password-auth administrator login (only when postgresPasswordAuthEnabled).')
param postgresAdministratorLogin string = 'fcadmin'

@description('PostgreSQL password-auth administrator password (only when postgresPasswordAuthEnabled).')
@secure()
param postgresAdministratorPassword string = ''

@description('Object ID of the Entra user or group that administers PostgreSQL (runs migrations, creates roles). Never the app identities.')
param postgresEntraAdminObjectId string = ''

@description('Name of that Entra administrator (user principal name or group display name).')
param postgresEntraAdminName string = ''

@description('Kind of principal in postgresEntraAdminObjectId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param postgresEntraAdminPrincipalType string = 'Group'

@description('Private access: PostgreSQL in a delegated subnet with a private DNS zone, apps VNet-integrated. Otherwise public access with the "Azure services" firewall rule.')
param postgresPrivateAccess bool = false

@description('Address space of the virtual network (private access only).')
param vnetAddressPrefix string = '10.40.0.0/16'

@description('App Service integration subnet (private access only).')
param appsSubnetPrefix string = '10.40.1.0/24'

@description('PostgreSQL delegated subnet (private access only).')
param postgresSubnetPrefix string = '10.40.2.0/24'

// ---------------------------------------------------------------------------------------------
// Service Bus
// ---------------------------------------------------------------------------------------------

@description('Service Bus tier: Standard (dev) or Premium (prod).')
@allowed([
  'Standard'
  'Premium'
])
param serviceBusSku string = 'Standard'

@description('Replication of the storage account for uploaded files: Standard_ZRS (zone-redundant) for production.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Premium messaging units (Premium only).')
@allowed([
  1
  2
  4
  8
  16
])
param serviceBusPremiumMessagingUnits int = 1

@description('Disable Service Bus SAS keys: only Entra identities (the apps\' managed identities) can connect.')
param serviceBusDisableLocalAuth bool = true

// ---------------------------------------------------------------------------------------------
// MQTT ingress (Azure Container Apps, docs/decisions/0005-mqtt-ingress-on-azure-container-apps.md)
// ---------------------------------------------------------------------------------------------

@description('Container image of the ingestion worker for the MQTT ingress, e.g. myregistry.azurecr.io/factorycloud-ingestion:1.0.0.')
param ingressImage string

@description('Registry the ingress image is pulled from with the ingress identity (grant it AcrPull); empty for a public image.')
param ingressRegistryServer string = ''

@description('Minimum MQTT ingress replicas (2+ in prod).')
@minValue(1)
@maxValue(30)
param ingressMinReplicas int = 1

@description('Maximum MQTT ingress replicas.')
@minValue(1)
@maxValue(300)
param ingressMaxReplicas int = 10

@description('Device connections per ingress replica before another replica starts.')
@minValue(10)
param ingressConnectionsPerReplica int = 2000

@description('Name of the Key Vault certificate the ingress serves on 8883 (import or create it before the first start; docs/deployment.md).')
param mqttTlsCertificateName string = 'mqtt-tls'

@description('Address space of the Container Apps virtual network.')
param containerAppsVnetPrefix string = '10.41.0.0/16'

@description('Container Apps environment subnet (/27 or larger).')
param containerAppsSubnetPrefix string = '10.41.0.0/23'

// ---------------------------------------------------------------------------------------------
// Key Vault and monitoring
// ---------------------------------------------------------------------------------------------

@description('Key Vault purge protection (irreversible; on in prod).')
param keyVaultPurgeProtection bool = false

@description('Key Vault soft-delete retention in days.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

@description('Prefix and environment, e.g. fc-dev.')
var baseName = toLower('${namePrefix}-${environmentName}')

@description('Stable per-resource-group suffix that makes global names unique.')
var suffix = uniqueString(resourceGroup().id)

@description('Every resource name in one place.')
var names = {
  plan: '${baseName}-plan-${suffix}'
  web: '${baseName}-web-${suffix}'
  processor: '${baseName}-proc-${suffix}'
  webIdentity: 'id-${baseName}-web'
  ingressIdentity: 'id-${baseName}-mqtt'
  processorIdentity: 'id-${baseName}-proc'
  postgres: '${baseName}-pg-${suffix}'
  postgresDnsZone: '${baseName}-pg-${suffix}.private.postgres.database.azure.com'
  vnet: '${baseName}-vnet-${suffix}'
  serviceBus: '${baseName}-sb-${suffix}'
  storage: take(toLower(replace('${baseName}st${suffix}', '-', '')), 24)
  containerEnv: '${baseName}-cae-${suffix}'
  containerVnet: '${baseName}-cae-vnet-${suffix}'
  ingress: take('${baseName}-mqtt-${suffix}', 32)
  keyVault: take('kv-${baseName}-${suffix}', 24)
  workspace: '${baseName}-log-${suffix}'
  appInsights: '${baseName}-appi-${suffix}'
}

@description('Tags on every resource.')
var allTags = union(tags, {
  application: 'FactoryCloud'
  environment: environmentName
})

@description('Application database name.')
var databaseName = 'factorycloud'

@description('Service Bus queue that carries telemetry from the ingestion worker to the processor.')
var telemetryQueueName = 'telemetry'

@description('Blob container for files uploaded to work items.')
var attachmentsContainerName = 'attachments'

@description('Web app identity as a role assignment principal.')
var webPrincipal principalType = {
  identityResourceId: resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', names.webIdentity)
  principalId: identities.outputs.webPrincipalId
}

@description('MQTT ingress identity as a role assignment principal: sends to the queue, reads the TLS certificate.')
var ingressPrincipal principalType = {
  identityResourceId: resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', names.ingressIdentity)
  principalId: identities.outputs.ingressPrincipalId
}

@description('Processor identity as a role assignment principal: receives from the queue, nothing else.')
var processorPrincipal principalType = {
  identityResourceId: resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', names.processorIdentity)
  principalId: identities.outputs.processorPrincipalId
}

// ---------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------

module monitoring 'modules/monitoring.bicep' = {
  params: {
    location: location
    tags: allTags
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    retentionInDays: logRetentionInDays
  }
}

module identities 'modules/identities.bicep' = {
  params: {
    location: location
    tags: allTags
    webIdentityName: names.webIdentity
    ingressIdentityName: names.ingressIdentity
    processorIdentityName: names.processorIdentity
  }
}

module keyVault 'modules/keyvault.bicep' = {
  params: {
    location: location
    tags: allTags
    keyVaultName: names.keyVault
    enablePurgeProtection: keyVaultPurgeProtection
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    // The web app reads entra-client-secret (a Key Vault reference); the ingress reads its TLS certificate.
    // The processor reads no secret.
    secretReaders: [
      webPrincipal
      ingressPrincipal
    ]
    entraClientSecret: entraClientSecret
    workspaceId: monitoring.outputs.workspaceId
  }
}

module network 'modules/network.bicep' = if (postgresPrivateAccess) {
  params: {
    location: location
    tags: allTags
    vnetName: names.vnet
    addressPrefix: vnetAddressPrefix
    appsSubnetPrefix: appsSubnetPrefix
    postgresSubnetPrefix: postgresSubnetPrefix
    postgresDnsZoneName: names.postgresDnsZone
  }
}

module postgres 'modules/postgres.bicep' = {
  params: {
    location: location
    tags: allTags
    serverName: names.postgres
    databaseName: databaseName
    skuName: postgresSkuName
    skuTier: postgresSkuTier
    storageSizeGB: postgresStorageSizeGB
    highAvailabilityMode: postgresHighAvailabilityMode
    backupRetentionDays: postgresBackupRetentionDays
    geoRedundantBackup: postgresGeoRedundantBackup
    passwordAuthEnabled: postgresPasswordAuthEnabled
    administratorLogin: postgresAdministratorLogin
    administratorLoginPassword: postgresAdministratorPassword
    entraAdminObjectId: postgresEntraAdminObjectId
    entraAdminName: postgresEntraAdminName
    entraAdminPrincipalType: postgresEntraAdminPrincipalType
    privateAccess: postgresPrivateAccess
    delegatedSubnetId: network.?outputs.postgresSubnetId ?? ''
    privateDnsZoneId: network.?outputs.postgresDnsZoneId ?? ''
    workspaceId: monitoring.outputs.workspaceId
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  params: {
    location: location
    tags: allTags
    namespaceName: names.serviceBus
    skuName: serviceBusSku
    premiumMessagingUnits: serviceBusPremiumMessagingUnits
    disableLocalAuth: serviceBusDisableLocalAuth
    queueName: telemetryQueueName
    // Least privilege: the ingress only sends (Azure Service Bus Data Sender), the processor only
    // receives (Azure Service Bus Data Receiver); the web app runs no processor (Ingestion__RunProcessor=false)
    // and has no Service Bus role at all.
    senders: [
      ingressPrincipal
    ]
    receivers: [
      processorPrincipal
    ]
    workspaceId: monitoring.outputs.workspaceId
  }
}

module storage 'modules/storage.bicep' = {
  params: {
    location: location
    tags: allTags
    accountName: names.storage
    skuName: storageSku
    containerName: attachmentsContainerName
    // Only the web app handles uploads and downloads.
    contributors: [
      webPrincipal
    ]
    workspaceId: monitoring.outputs.workspaceId
  }
}

module plan 'modules/appserviceplan.bicep' = {
  params: {
    location: location
    tags: allTags
    planName: names.plan
    skuName: appServicePlanSku
    capacity: appServiceInstanceCount
    zoneRedundant: appServiceZoneRedundant
  }
}

@description('Key Vault reference to a secret, resolved by App Service with the app\'s identity.')
func keyVaultReference(vaultName string, secretName string) string =>
  '@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${secretName})'

@description('Npgsql connection string for Entra authentication: the user is the identity name; the password is an Entra token the app requests at connect time.')
func postgresConnectionString(host string, database string, identityName string) string =>
  'Host=${host};Database=${database};Username=${identityName};Ssl Mode=Require'

@description('Settings every app shares (configuration keys of FactoryCloud, "__" = section separator). The webapp and containerapp modules add APPLICATIONINSIGHTS_CONNECTION_STRING, which turns on the OpenTelemetry export to Azure Monitor.')
var sharedSettings = [
  {
    name: 'Database__Provider'
    value: 'Postgres'
  }
  {
    name: 'Queue__Kind'
    value: 'ServiceBus'
  }
  {
    name: 'Queue__ServiceBus__Namespace'
    value: serviceBus.outputs.fqdn
  }
  {
    name: 'Queue__QueueName'
    value: telemetryQueueName
  }
  {
    name: 'Queue__ServiceBus__Auth'
    value: 'ManagedIdentity'
  }
  {
    // One session per machine: a processor serves this many machines at once (see Messaging/README.md).
    name: 'Queue__ServiceBus__MaxConcurrentSessions'
    value: '64'
  }
  {
    // Both apps sign in to PostgreSQL as their managed identity with an Entra token.
    name: 'Database__Auth'
    value: 'ManagedIdentity'
  }
  {
    // OpenTelemetry resource attributes beside the service name each app sets itself
    // (factorycloud-web, factorycloud-ingress, factorycloud-processor = the cloud role name in Application Insights).
    name: 'OTEL_RESOURCE_ATTRIBUTES'
    value: 'deployment.environment.name=${environmentName}'
  }
  {
    // The app package is built by dotnet publish; App Service must not build it again.
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'false'
  }
]

@description('Web app settings.')
var webSettings appSettingType[] = concat(sharedSettings, [
  {
    name: 'Files__Kind'
    value: 'AzureBlob'
  }
  {
    name: 'Files__BlobServiceUri'
    value: storage.outputs.blobEndpoint
  }
  {
    name: 'Files__Container'
    value: attachmentsContainerName
  }
  {
    name: 'ConnectionStrings__Postgres'
    value: postgresConnectionString(postgres.outputs.fqdn, databaseName, names.webIdentity)
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identities.outputs.webClientId
  }
  {
    name: 'Database__ApplyMigrations'
    value: string(applyMigrationsOnStart)
  }
  {
    name: 'Authentication__Entra__Instance'
    value: environment().authentication.loginEndpoint
  }
  {
    name: 'Authentication__Entra__TenantId'
    value: entraTenantId
  }
  {
    name: 'Authentication__Entra__ClientId'
    value: entraClientId
  }
  {
    // MQTT ingestion is the ingress's job, storing the processor's: the web app hosts neither.
    name: 'Mqtt__Mode'
    value: 'None'
  }
  {
    name: 'Ingestion__RunProcessor'
    value: 'false'
  }
  {
    // Shown to devices with their credentials: the MQTT ingress (Container Apps TCP ingress).
    name: 'Mqtt__PublicHost'
    value: ingress.outputs.fqdn
  }
  {
    name: 'Mqtt__PublicPort'
    value: '8883'
  }
  {
    // The web app has no certificate of its own: say that devices connect with TLS.
    name: 'Mqtt__PublicTls'
    value: 'true'
  }
  {
    // App Service terminates TLS in front of the app: honour X-Forwarded-Proto so the OIDC
    // redirect URI is https://<host>/signin-oidc.
    name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED'
    value: 'true'
  }
])

@description('Processor settings: the worker without MQTT, consuming the queue into the database as the processor identity.')
var processorSettings appSettingType[] = concat(sharedSettings, [
  {
    name: 'ConnectionStrings__Postgres'
    value: postgresConnectionString(postgres.outputs.fqdn, databaseName, names.processorIdentity)
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identities.outputs.processorClientId
  }
  {
    name: 'Mqtt__Mode'
    value: 'None'
  }
  {
    name: 'Ingestion__RunProcessor'
    value: 'true'
  }
])

@description('MQTT ingress settings: the worker with the built-in broker over TLS only, enqueueing to Service Bus as the ingress identity.')
var ingressSettings appSettingType[] = concat(sharedSettings, [
  {
    name: 'ConnectionStrings__Postgres'
    value: postgresConnectionString(postgres.outputs.fqdn, databaseName, names.ingressIdentity)
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identities.outputs.ingressClientId
  }
  {
    // Devices authenticate with their web-issued username and password; the broker enforces each device's scope.
    name: 'Mqtt__Mode'
    value: 'BuiltIn'
  }
  {
    name: 'Ingestion__RunProcessor'
    value: 'false'
  }
  {
    // The TLS certificate is a Key Vault certificate, referenced by its versionless secret identifier: the broker
    // reads its PFX or PEM (by content type) with the ingress identity at start, so a restart picks up a renewal.
    name: 'Mqtt__Tls__KeyVaultSecretUri'
    value: '${keyVault.outputs.vaultUri}secrets/${mqttTlsCertificateName}'
  }
  {
    name: 'Mqtt__Tls__Port'
    value: '8883'
  }
  {
    // TLS only: no plain listener outside loopback.
    name: 'Mqtt__AllowPlain'
    value: 'false'
  }
])

module ingress 'modules/containerapp.bicep' = {
  params: {
    location: location
    tags: allTags
    environmentName: names.containerEnv
    appName: names.ingress
    vnetName: names.containerVnet
    vnetAddressPrefix: containerAppsVnetPrefix
    subnetPrefix: containerAppsSubnetPrefix
    image: ingressImage
    registryServer: ingressRegistryServer
    identityResourceId: ingressPrincipal.identityResourceId
    settings: ingressSettings
    mqttTlsPort: 8883
    healthPort: 8080
    minReplicas: ingressMinReplicas
    maxReplicas: ingressMaxReplicas
    connectionsPerReplica: ingressConnectionsPerReplica
    appInsightsName: names.appInsights
    workspaceId: monitoring.outputs.workspaceId
  }
}

module web 'modules/webapp.bicep' = {
  params: {
    location: location
    tags: allTags
    appName: names.web
    planId: plan.outputs.id
    identityResourceId: webPrincipal.identityResourceId
    startupCommand: 'dotnet FactoryCloud.Web.dll'
    appSettings: webSettings
    alwaysOn: true
    // Blazor Server: circuits run over WebSockets and live in one instance's memory.
    webSocketsEnabled: true
    clientAffinityEnabled: true
    healthCheckPath: '/health/ready'
    vnetSubnetId: network.?outputs.appsSubnetId ?? ''
    appInsightsName: names.appInsights
    workspaceId: monitoring.outputs.workspaceId
  }
  // Key Vault and its role assignments come first already: Mqtt__PublicHost is the ingress's output,
  // and the ingress reads the Key Vault module's URI.
}

module processor 'modules/webapp.bicep' = {
  params: {
    location: location
    tags: allTags
    appName: names.processor
    planId: plan.outputs.id
    identityResourceId: processorPrincipal.identityResourceId
    startupCommand: 'dotnet FactoryCloud.TelemetryWorker.dll'
    appSettings: processorSettings
    // A background service: never unload it.
    alwaysOn: true
    webSocketsEnabled: false
    clientAffinityEnabled: false
    // App Service probes the processor too: it answers /health/ready when its database is reachable.
    healthCheckPath: '/health/ready'
    vnetSubnetId: network.?outputs.appsSubnetId ?? ''
    appInsightsName: names.appInsights
    workspaceId: monitoring.outputs.workspaceId
  }
  // The Service Bus module (queue and role assignments) comes first already: the settings read its namespace.
}

// ---------------------------------------------------------------------------------------------
// Outputs (no secrets)
// ---------------------------------------------------------------------------------------------

@description('Public URL of the web app; the Entra redirect URI is this URL + /signin-oidc.')
output webAppUrl string = 'https://${web.outputs.defaultHostName}'

@description('Web app name (az webapp deploy --name).')
output webAppName string = web.outputs.name

@description('MQTT ingress host name: devices connect here on 8883 (mosquitto_pub -h <this> -p 8883 --cafile ...).')
output mqttHostname string = ingress.outputs.fqdn

@description('MQTT ingress container app name (az containerapp update --name).')
output ingressAppName string = ingress.outputs.name

@description('Processor app name (az webapp deploy --name).')
output processorAppName string = processor.outputs.name

@description('Client ID of the web app identity.')
output webIdentityClientId string = identities.outputs.webClientId

@description('Client ID of the MQTT ingress identity.')
output ingressIdentityClientId string = identities.outputs.ingressClientId

@description('Client ID of the processor identity.')
output processorIdentityClientId string = identities.outputs.processorClientId

@description('Name of the web app identity = its PostgreSQL role (pgaadauth_create_principal).')
output webIdentityName string = names.webIdentity

@description('Name of the MQTT ingress identity = its PostgreSQL role (pgaadauth_create_principal).')
output ingressIdentityName string = names.ingressIdentity

@description('Name of the processor identity = its PostgreSQL role (pgaadauth_create_principal).')
output processorIdentityName string = names.processorIdentity

@description('PostgreSQL server FQDN.')
output postgresFqdn string = postgres.outputs.fqdn

@description('Service Bus namespace FQDN.')
output serviceBusNamespaceFqdn string = serviceBus.outputs.fqdn

@description('Key Vault name (secret entra-client-secret and the ingress TLS certificate go here).')
output keyVaultName string = keyVault.outputs.name
