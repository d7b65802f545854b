// Development: smallest SKUs, public PostgreSQL endpoint (Azure services only), no HA.
//
// Values that differ per subscription come from environment variables (see docs/deployment.md):
//   FACTORYCLOUD_ENTRA_CLIENT_ID        application (client) ID of the multi-tenant app registration
//   FACTORYCLOUD_PG_ADMIN_OBJECT_ID     object ID of the Entra group/user that administers PostgreSQL
//   FACTORYCLOUD_PG_ADMIN_NAME          its display name
//   FACTORYCLOUD_INGRESS_IMAGE          ingestion worker image for the MQTT ingress
//   FACTORYCLOUD_REGISTRY_SERVER        its registry (pulled with the worker identity), empty if public
using 'main.bicep'

param environmentName = 'dev'

// App Service: one Basic instance runs both apps.
param appServicePlanSku = 'B1'
param appServiceInstanceCount = 1

// Entra ID
param entraClientId = readEnvironmentVariable('FACTORYCLOUD_ENTRA_CLIENT_ID', '00000000-0000-0000-0000-000000000000')

// PostgreSQL: Burstable B1ms, 32 GiB, no HA, public access restricted to Azure services.
param postgresSkuName = 'Standard_B1ms'
param postgresSkuTier = 'Burstable'
param postgresStorageSizeGB = 32
param postgresHighAvailabilityMode = 'Disabled'
param postgresBackupRetentionDays = 7
param postgresPrivateAccess = false
param postgresEntraAdminObjectId = readEnvironmentVariable('FACTORYCLOUD_PG_ADMIN_OBJECT_ID', '')
param postgresEntraAdminName = readEnvironmentVariable('FACTORYCLOUD_PG_ADMIN_NAME', '')
param postgresEntraAdminPrincipalType = 'Group'

// Service Bus Standard supports sessions and duplicate detection.
param serviceBusSku = 'Standard'
param storageSku = 'Standard_LRS'
param serviceBusDisableLocalAuth = true

// MQTT ingress (Container Apps, TCP 8883): the ingestion worker image from your registry.
param ingressImage = readEnvironmentVariable('FACTORYCLOUD_INGRESS_IMAGE', 'mcr.microsoft.com/dotnet/runtime-deps:10.0')
param ingressRegistryServer = readEnvironmentVariable('FACTORYCLOUD_REGISTRY_SERVER', '')
param ingressMinReplicas = 1
param ingressMaxReplicas = 2

// Key Vault: no purge protection so a dev environment can be torn down and recreated.
param keyVaultPurgeProtection = false
param keyVaultSoftDeleteRetentionInDays = 7

param logRetentionInDays = 30
